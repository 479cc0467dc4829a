import { randomUUID } from 'node:crypto';
import { sql } from './db';
import { eventually, gql, ok, type GraphQLResponse } from './graphql';
import { createProduct } from './catalog';
import type { Session } from './users';

/** Typed helpers for the shop through the router: stock a SKU, fill a cart, place an order, wait for its end. */

export const HANOI_ADDRESS = {
  recipientName: 'Nguyễn Văn An',
  phone: '0912345678',
  line1: '12 Hàng Bạc',
  ward: 'Hàng Bạc',
  district: 'Hoàn Kiếm',
  city: 'Hà Nội',
  region: 'HA_NOI',
} as const;

export const CARDS = { ok: '4242424242424242', declined: '4000000000000002', late: '4000000000000259' } as const;

const RECEIVE = 'mutation($i: ReceiveBatchInput!) { receiveBatch(input: $i) { id } }';
const ADD = 'mutation($i: AddToCartInput!) { addToCart(input: $i) { guestToken cart { id quote { totalVnd } lines { sku quantity } } } }';
export const PLACE = `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) {
  __typename
  ... on OrderPlaced { replayed order { id status totalVnd } }
  ... on EmptyCart { message }
  ... on UnavailableItems { skus }
} }`;
export const ORDER = `query($id: ID!) { order(id: $id) {
  id status cancelReason totalVnd
  failure { __typename ... on OutOfStock { shortages { sku requested available } } ... on PaymentDeclined { declineCode } ... on CheckoutTimedOut { step } }
  parts { id status vendor { id } lines { sku quantity } }
} }`;

let hanoiWarehouse: Promise<string> | undefined;
export function hanoiWarehouseId(): Promise<string> {
  hanoiWarehouse ??= ok('{ warehouses(region: HA_NOI) { id } }').then((d) => d.warehouses[0].id as string);
  return hanoiWarehouse;
}

/**
 * A new product of this vendor with `quantity` units of its first SKU in Hà Nội, once
 * inventory and orders have both learnt the SKU from catalog's ProductCreated.
 */
export async function stockedSku(
  vendor: Session,
  quantity: number,
  options: { expiresInDays?: number } = {},
): Promise<{ sku: string; priceVnd: number }> {
  const variant = (await createProduct(vendor)).variants[0]!;
  await eventually(
    async () =>
      (await sql('select 1 from inventory.skus where sku = $1', [variant.sku])).length > 0 &&
      (await sql('select 1 from orders.skus where sku = $1', [variant.sku])).length > 0,
    // Generous: a consumer group that starts on a long topic history catches up first.
    120_000,
    'inventory and orders to learn the SKU',
  );
  const expiresOn = options.expiresInDays
    ? new Date(Date.now() + options.expiresInDays * 86_400_000).toISOString().slice(0, 10)
    : undefined;
  await ok(RECEIVE, { i: { sku: variant.sku, warehouseId: await hanoiWarehouseId(), quantity, expiresOn } }, { token: vendor.accessToken });
  return variant;
}

/** Adds a line to the shopper's cart; returns the cart id. */
export async function addToCart(shopper: Session, sku: string, quantity: number): Promise<string> {
  return (await ok(ADD, { i: { sku, quantity } }, { token: shopper.accessToken })).addToCart.cart.id;
}

export function placeOrderInput(cartId: string, options: { card?: string; idempotencyKey?: string } = {}) {
  return {
    cartId,
    deliveryAddress: HANOI_ADDRESS,
    paymentMethod: options.card ?? CARDS.ok,
    idempotencyKey: options.idempotencyKey ?? `checkout-${randomUUID()}`,
  };
}

export function placeOrder(
  shopper: Session,
  cartId: string,
  options: { card?: string; idempotencyKey?: string } = {},
): Promise<GraphQLResponse> {
  return gql(PLACE, { i: placeOrderInput(cartId, options) }, { token: shopper.accessToken });
}

/** Cart of one line, placed; returns the order id (fails on any other outcome). */
export async function buy(shopper: Session, sku: string, quantity: number, options: { card?: string } = {}): Promise<string> {
  const cartId = await addToCart(shopper, sku, quantity);
  const res = await placeOrder(shopper, cartId, options);
  const placed = res.data?.placeOrder as { __typename: string; order?: { id: string } } | undefined;
  if (!placed?.order) throw new Error(`placeOrder: ${JSON.stringify(res)}`);
  return placed.order.id;
}

export interface OrderView {
  id: string;
  status: string;
  cancelReason: string | null;
  totalVnd: number;
  failure: { __typename: string; [k: string]: unknown } | null;
  parts: { id: string; status: string; vendor: { id: string }; lines: { sku: string; quantity: number }[] }[];
}

/** Polls the order (as its customer) until checkout has ended: CONFIRMED or CANCELLED. */
export async function settledOrder(shopper: Session, orderId: string, timeoutMs = 60_000): Promise<OrderView> {
  return eventually(
    async () => {
      const order = (await ok(ORDER, { id: orderId }, { token: shopper.accessToken })).order as OrderView;
      return ['CONFIRMED', 'CANCELLED'].includes(order.status) ? order : undefined;
    },
    timeoutMs,
    `order ${orderId} to settle`,
  );
}

/** Waits until the SKU's stock counters are these (commits and releases arrive after the order settles). */
export async function settledStock(sku: string, counters: { on_hand: number; reserved: number }) {
  return eventually(
    async () => {
      const stock = await stockOf(sku);
      return stock.counters.on_hand === counters.on_hand && stock.counters.reserved === counters.reserved ? stock : undefined;
    },
    60_000,
    `stock of ${sku} to settle at ${JSON.stringify(counters)}`,
  );
}

/** The stock counters and the ledger of one SKU (all warehouses): the ledger must sum to the counters. */
export async function stockOf(sku: string) {
  const [levels] = await sql<{ on_hand: number; reserved: number }>(
    'select coalesce(sum(on_hand), 0)::int as on_hand, coalesce(sum(reserved), 0)::int as reserved from inventory.stock_levels where sku = $1',
    [sku],
  );
  const [ledger] = await sql<{ on_hand: number; reserved: number }>(
    'select coalesce(sum(on_hand_delta), 0)::int as on_hand, coalesce(sum(reserved_delta), 0)::int as reserved from inventory.movements where sku = $1',
    [sku],
  );
  return { counters: levels!, ledger: ledger! };
}
