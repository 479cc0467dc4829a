/**
 * What each GraphQL object type's resolvers receive as parent, under the type's name;
 * codegen (codegen.ts) reads these exports.
 */
import type { CheckoutFailure as Failure } from './domain/checkout-failure';
import type { OrderRow } from './db/schema';
import type { CartView } from './service/cart-service';

export type {
  OrderRow as Order,
  OrderPartRow as OrderPart,
  OrderLineRow as OrderLine,
  OrderHistoryRow as OrderStatusChange,
  DeliveryAddress,
} from './db/schema';
export type { CartView as Cart, CartLineView as CartLine } from './service/cart-service';
export type { CheckoutFailure } from './domain/checkout-failure';

export interface User {
  id: string;
}
export interface Variant {
  sku: string;
}
export interface Vendor {
  id: string;
}
export interface CartPayload {
  cart: CartView;
  guestToken: string | null;
}
export interface OrderPlaced {
  order: OrderRow;
  replayed: boolean;
}
export type OutOfStock = Extract<Failure, { kind: 'OUT_OF_STOCK' }>;
export type PaymentDeclined = Extract<Failure, { kind: 'PAYMENT_DECLINED' }>;
export type CheckoutTimedOut = Extract<Failure, { kind: 'TIMED_OUT' }>;
export type CancelledByRequest = Extract<Failure, { kind: 'CANCELLED' }>;
