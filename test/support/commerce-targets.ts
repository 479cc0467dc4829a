import { randomUUID } from 'node:crypto';
import { sql } from './db';
import { eventually, ok } from './graphql';
import { createProduct } from './catalog';
import { buy, hanoiWarehouseId, placeOrderInput, settledOrder, stockedSku } from './commerce';
import type { Session } from './users';

/**
 * Targets for the ownership suite in inventory and orders: a vendor's stocked SKU, a
 * customer's filled cart and orders at each step of their life (confirmed, delivered,
 * return requested), each with `watch`, which reads every row a mutation on it could
 * write (the subgraph's outbox included) so a refused call can be shown to write nothing.
 */

export interface CommerceTarget {
  variables: Record<string, unknown>;
  watch: () => Promise<unknown>;
}

/** The owners: the vendor whose SKU it is, the customer whose cart or order it is. */
export interface Owners {
  vendor: Session;
  customer: Session;
}

const RECEIVE = 'mutation($i: ReceiveBatchInput!) { receiveBatch(input: $i) { id } }';
const ADVANCE = 'mutation($p: ID!, $s: OrderPartStatus!) { advanceOrderPart(partId: $p, status: $s) { status } }';
const REQUEST_RETURN = 'mutation($id: ID!) { requestReturn(id: $id, reason: "Rau bị dập") { status } }';

/** Everything inventory keeps about one SKU, and its events (the outbox is keyed by SKU). */
export const stockRows = (sku: string) => async () => ({
  levels: await sql('select * from inventory.stock_levels where sku = $1 order by warehouse_id', [sku]),
  batches: await sql('select * from inventory.batches where sku = $1 order by id', [sku]),
  movements: await sql('select id from inventory.movements where sku = $1 order by id', [sku]),
  substitutes: await sql('select * from inventory.substitutes where sku = $1 order by position', [sku]),
  thresholds: await sql('select * from inventory.sku_thresholds where sku = $1', [sku]),
  outbox: await sql('select id from inventory.outbox where key = $1 order by seq', [sku]),
});

/**
 * One product per vendor for the stock mutations, both SKUs known to inventory and the
 * first with a batch in Hà Nội. Shared by the entries: each case compares its own
 * before and after, and nothing else touches these SKUs (orders buy other ones).
 */
const stockProducts = new Map<string, Promise<{ sku: string; otherSku: string; warehouseId: string }>>();
function stockProduct(vendor: Session) {
  let found = stockProducts.get(vendor.userId);
  if (!found) {
    found = (async () => {
      const [sku, otherSku] = (await createProduct(vendor)).variants.map((v) => v.sku) as [string, string];
      // Inventory learns SKUs from catalog's ProductCreated, asynchronously.
      await eventually(
        async () => (await sql('select 1 from inventory.skus where sku = any($1)', [[sku, otherSku]])).length === 2,
        120_000,
        'inventory to learn the SKUs',
      );
      const warehouseId = await hanoiWarehouseId();
      await ok(RECEIVE, { i: { sku, warehouseId, quantity: 50 } }, { token: vendor.accessToken });
      return { sku, otherSku, warehouseId };
    })();
    stockProducts.set(vendor.userId, found);
  }
  return found;
}

export async function receiveBatchTarget(o: Owners): Promise<CommerceTarget> {
  const { sku, warehouseId } = await stockProduct(o.vendor);
  return { variables: { i: { sku, warehouseId, quantity: 7 } }, watch: stockRows(sku) };
}

/** A batch of its own per call, so the owner's adjustment never meets a rival's target. */
export async function adjustStockTarget(o: Owners): Promise<CommerceTarget> {
  const { sku, warehouseId } = await stockProduct(o.vendor);
  const batch = (await ok(RECEIVE, { i: { sku, warehouseId, quantity: 10 } }, { token: o.vendor.accessToken })).receiveBatch;
  return { variables: { i: { batchId: batch.id, delta: -3, reason: 'kiểm kê: thiếu 3' } }, watch: stockRows(sku) };
}

export async function skuTarget(o: Owners): Promise<CommerceTarget> {
  const { sku, otherSku } = await stockProduct(o.vendor);
  return { variables: { sku, alternatives: [otherSku] }, watch: stockRows(sku) };
}

export async function nearExpiryTarget(o: Owners): Promise<CommerceTarget> {
  const { sku } = await stockProduct(o.vendor);
  return { variables: { i: { sku, days: 5 } }, watch: stockRows(sku) };
}

/** A SKU of the vendor that orders can sell: plenty of units, every order of the suite buys one. */
const orderSkus = new Map<string, Promise<string>>();
function sellableSku(vendor: Session): Promise<string> {
  let found = orderSkus.get(vendor.userId);
  if (!found) {
    found = stockedSku(vendor, 1000).then((v) => v.sku);
    orderSkus.set(vendor.userId, found);
  }
  return found;
}

/** The order, its parts and history, and its outbox: events keyed by the order, saga commands by the saga. */
export const orderRows = (orderId: string) => async () => ({
  order: await sql('select * from orders.orders where id = $1', [orderId]),
  parts: await sql('select * from orders.order_parts where order_id = $1 order by id', [orderId]),
  history: await sql('select id from orders.order_history where order_id = $1 order by id', [orderId]),
  outbox: await sql(
    'select id from orders.outbox where key = $1::text or key = (select saga_id::text from orders.orders where id = $1::uuid) order by seq',
    [orderId],
  ),
});

/** The customer's cart holding a line of the vendor's SKU, to be placed with a fresh idempotency key. */
export async function filledCartTarget(o: Owners): Promise<CommerceTarget> {
  const sku = await sellableSku(o.vendor);
  const cartId = (
    await ok(
      'mutation($i: AddToCartInput!) { addToCart(input: $i) { cart { id } } }',
      { i: { sku, quantity: 1 } },
      { token: o.customer.accessToken },
    )
  ).addToCart.cart.id as string;
  const input = placeOrderInput(cartId, { idempotencyKey: `ownership-${randomUUID()}` });
  return {
    variables: { i: input },
    // An order placed by anyone with this key, and the cart it would empty.
    watch: async () => ({
      cart: await sql('select * from orders.carts where id = $1', [cartId]),
      lines: await sql('select * from orders.cart_lines where cart_id = $1 order by sku', [cartId]),
      orders: await sql('select id from orders.orders where idempotency_key = $1', [input.idempotencyKey]),
    }),
  };
}

/** A paid order of the customer for one unit of the vendor's SKU, CONFIRMED (its one part too). */
async function confirmedOrder(o: Owners): Promise<{ orderId: string; partId: string }> {
  const orderId = await buy(o.customer, await sellableSku(o.vendor), 1);
  const order = await settledOrder(o.customer, orderId);
  if (order.status !== 'CONFIRMED') throw new Error(`order ${orderId} settled ${order.status}: ${JSON.stringify(order.failure)}`);
  return { orderId, partId: order.parts[0]!.id };
}

/** The order delivered: its vendor moved the part through every step. */
async function deliveredOrder(o: Owners): Promise<{ orderId: string; partId: string }> {
  const order = await confirmedOrder(o);
  for (const s of ['PACKING', 'OUT_FOR_DELIVERY', 'DELIVERED']) await ok(ADVANCE, { p: order.partId, s }, { token: o.vendor.accessToken });
  return order;
}

export async function confirmedOrderTarget(o: Owners): Promise<CommerceTarget> {
  const { orderId } = await confirmedOrder(o);
  return { variables: { id: orderId }, watch: orderRows(orderId) };
}

export async function confirmedPartTarget(o: Owners): Promise<CommerceTarget> {
  const { orderId, partId } = await confirmedOrder(o);
  return { variables: { p: partId, s: 'PACKING' }, watch: orderRows(orderId) };
}

export async function deliveredOrderTarget(o: Owners): Promise<CommerceTarget> {
  const { orderId } = await deliveredOrder(o);
  return { variables: { id: orderId }, watch: orderRows(orderId) };
}

/** A delivered order whose customer asked to return it: the vendor's to decide. */
export async function returnRequestedTarget(o: Owners): Promise<CommerceTarget> {
  const { orderId } = await deliveredOrder(o);
  await ok(REQUEST_RETURN, { id: orderId }, { token: o.customer.accessToken });
  return { variables: { id: orderId }, watch: orderRows(orderId) };
}
