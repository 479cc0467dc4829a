import type { CheckoutFailure } from '../domain/checkout-failure';
import type { OrderRow } from '../db/schema';
import type { CartView } from '../service/cart-service';

/** What resolvers hand to the fields of types whose parents are not rows (codegen mappers). */
export interface UserRef {
  id: string;
}
export interface VariantRef {
  sku: string;
}
export interface VendorRef {
  id: string;
}
export interface CartPayloadSource {
  cart: CartView;
  guestToken: string | null;
}
export interface OrderPlacedSource {
  order: OrderRow;
  replayed: boolean;
}
export type OutOfStockSource = Extract<CheckoutFailure, { kind: 'OUT_OF_STOCK' }>;
export type PaymentDeclinedSource = Extract<CheckoutFailure, { kind: 'PAYMENT_DECLINED' }>;
export type CheckoutTimedOutSource = Extract<CheckoutFailure, { kind: 'TIMED_OUT' }>;
export type CancelledByRequestSource = Extract<CheckoutFailure, { kind: 'CANCELLED' }>;
export type CheckoutFailureSource = CheckoutFailure;
export type { DeliveryAddress as DeliveryAddressSource } from '../db/schema';
