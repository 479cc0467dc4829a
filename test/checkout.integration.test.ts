import { closeDb, sql } from './support/db';
import { errorCodes, eventually, gql, ok } from './support/graphql';
import { createVendor, register, type Session } from './support/users';
import {
  addToCart,
  buy,
  CARDS,
  ORDER,
  placeOrder,
  placeOrderInput,
  PLACE,
  settledOrder,
  settledStock,
  stockedSku,
} from './support/commerce';

/**
 * Issue 6 §5, through the router on the stack global-setup starts (real Postgres and
 * Kafka): orders, inventory and payments run the checkout saga over Kafka.
 */
jest.setTimeout(120_000);

let vendor: Session;
let otherVendor: Session;

beforeAll(async () => {
  [vendor, otherVendor] = await Promise.all([createVendor('Vựa Rau Đông Anh'), createVendor('Chợ Hải Sản Long Biên')]);
}, 120_000);

afterAll(closeDb);

const movementsOf = (sku: string) =>
  sql<{ kind: string; n: number }>('select kind, count(*)::int as n from inventory.movements where sku = $1 group by kind order by kind', [
    sku,
  ]);

describe('checkout through the router', () => {
  it('confirms a paid order: stock sold, payment captured, the vendor sees and advances its part to delivered', async () => {
    const { sku } = await stockedSku(vendor, 5);
    const shopper = await register('Người Mua');
    const orderId = await buy(shopper, sku, 2);
    const order = await settledOrder(shopper, orderId);
    expect(order).toMatchObject({ status: 'CONFIRMED', cancelReason: null, failure: null });
    expect(order.parts).toEqual([
      { id: expect.any(String), status: 'CONFIRMED', vendor: { id: vendor.userId }, lines: [{ sku, quantity: 2 }] },
    ]);

    // Stock is committed (sold) and the payment captured right after confirmation.
    const stock = await settledStock(sku, { on_hand: 3, reserved: 0 });
    expect(stock.ledger).toEqual(stock.counters);
    await eventually(
      async () => (await sql('select status from payments.payments where order_id = $1', [orderId]))[0]?.status === 'captured',
      30_000,
      'the payment to be captured',
    );

    // The vendor sees its part (and only the other vendor sees nothing).
    const PARTS = '{ vendorOrders { edges { node { id orderId status lines { sku } } } } }';
    const mine = (await ok(PARTS, {}, { token: vendor.accessToken })).vendorOrders.edges.map((e: { node: { orderId: string } }) => e.node);
    expect(mine.find((p: { orderId: string }) => p.orderId === orderId)).toMatchObject({ status: 'CONFIRMED', lines: [{ sku }] });
    const theirs = (await ok(PARTS, {}, { token: otherVendor.accessToken })).vendorOrders.edges;
    expect(theirs.some((e: { node: { orderId: string } }) => e.node.orderId === orderId)).toBe(false);
    const partId = order.parts[0]!.id;
    const ADVANCE = 'mutation($p: ID!, $s: OrderPartStatus!) { advanceOrderPart(partId: $p, status: $s) { status } }';
    expect(errorCodes(await gql(ADVANCE, { p: partId, s: 'PACKING' }, { token: otherVendor.accessToken }))).toEqual(['NOT_FOUND']);
    for (const s of ['PACKING', 'OUT_FOR_DELIVERY', 'DELIVERED']) await ok(ADVANCE, { p: partId, s }, { token: vendor.accessToken });
    expect((await ok(ORDER, { id: orderId }, { token: shopper.accessToken })).order.status).toBe('DELIVERED');
    // Packing closed cancellation for the customer.
    const cancel = await gql('mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id: orderId }, { token: shopper.accessToken });
    expect(errorCodes(cancel)).toEqual(['CONFLICT']);
  });

  it('releases the stock when the card is declined, and says why', async () => {
    const { sku } = await stockedSku(vendor, 3);
    const shopper = await register('Thẻ Bị Từ Chối');
    const order = await settledOrder(shopper, await buy(shopper, sku, 2, { card: CARDS.declined }));
    expect(order).toMatchObject({ status: 'CANCELLED', failure: { __typename: 'PaymentDeclined' } });
    expect(order.cancelReason).toMatch(/^Payment declined/);
    const stock = await settledStock(sku, { on_hand: 3, reserved: 0 });
    expect(stock.ledger).toEqual(stock.counters);
    expect(await sql('select status from payments.payments where order_id = $1', [order.id])).toEqual([{ status: 'declined' }]);
  });

  it('gives one order, one charge and one reservation for the same idempotency key sent twice', async () => {
    const { sku } = await stockedSku(vendor, 4);
    const shopper = await register('Bấm Hai Lần');
    const cartId = await addToCart(shopper, sku, 1);
    const input = placeOrderInput(cartId, { idempotencyKey: `twice-${cartId}` });
    const [a, b] = await Promise.all([1, 2].map(() => gql(PLACE, { i: input }, { token: shopper.accessToken })));
    const ids = [a, b].map((r) => (r!.data?.placeOrder as { order: { id: string } }).order.id);
    expect(ids[0]).toBe(ids[1]);
    await settledOrder(shopper, ids[0]!);
    await settledStock(sku, { on_hand: 3, reserved: 0 });
    expect(await sql('select count(*)::int as n from orders.orders where customer_id = $1', [shopper.userId])).toEqual([{ n: 1 }]);
    expect(await sql('select count(*)::int as n from payments.payments where order_id = $1', [ids[0]])).toEqual([{ n: 1 }]);
    expect(await movementsOf(sku)).toEqual([
      { kind: 'receipt', n: 1 },
      { kind: 'reservation', n: 1 },
      { kind: 'sale', n: 1 },
    ]);
  });

  // On a loaded 2-core machine inventory answers the 200 ReserveStock commands in up to ~40 s
  // (measured: median 29 s from placed to settled), past the saga's 30 s stock timeout, and
  // some orders then end TIMED_OUT instead of OUT_OF_STOCK (still never oversold). The global
  // setup gives the test stack ORDERS_STOCK_REPLY_TIMEOUT_MS=180000 for that reason.
  it('never oversells: of 200 shoppers after 10 units, exactly 10 are confirmed and the rest cancelled for stock', async () => {
    const { sku } = await stockedSku(vendor, 10);
    const shoppers: Session[] = [];
    // Sign-ups one at a time (password hashing is deliberately slow) and carts a few at a time; the orders all at once.
    for (let i = 0; i < 200; i++) shoppers.push(await register(`Khách ${i}`));
    const carts: string[] = [];
    for (let i = 0; i < 200; i += 10) carts.push(...(await Promise.all(shoppers.slice(i, i + 10).map((s) => addToCart(s, sku, 1)))));
    const placed = await Promise.all(shoppers.map((s, i) => placeOrder(s, carts[i]!)));
    expect(placed.filter((r) => !r.data?.placeOrder).map((r) => r.errors?.[0]?.extensions?.code)).toEqual([]);
    const orderIds = placed.map((r) => (r.data!.placeOrder as { order: { id: string } }).order.id);
    // One query polls all 200 (200 clients polling the router would be a load test of their own).
    const settled = () =>
      sql<{ status: string; kind: string | null; n: number }>(
        "select status, failure->>'kind' as kind, count(*)::int as n from orders.orders where id = any($1::uuid[]) and status in ('CONFIRMED', 'CANCELLED') group by 1, 2 order by 1",
        [orderIds],
      );
    const outcome = await eventually(
      async () => {
        const rows = await settled();
        return rows.reduce((n, r) => n + r.n, 0) === 200 ? rows : undefined;
      },
      330_000,
      'all 200 orders to settle',
    );
    expect(outcome).toEqual([
      { status: 'CANCELLED', kind: 'OUT_OF_STOCK', n: 190 },
      { status: 'CONFIRMED', kind: null, n: 10 },
    ]);
    // What a shopper who lost the race reads: a typed OutOfStock with the shortage.
    const cancelledId = (
      await sql<{ id: string }>("select id from orders.orders where id = any($1::uuid[]) and status = 'CANCELLED' limit 1", [orderIds])
    )[0]!.id;
    const view = await settledOrder(shoppers[orderIds.indexOf(cancelledId)]!, cancelledId);
    expect(view.failure).toEqual({ __typename: 'OutOfStock', shortages: [{ sku, requested: 1, available: 0 }] });
    const stock = await settledStock(sku, { on_hand: 0, reserved: 0 });
    expect(stock.ledger).toEqual(stock.counters);
    expect(
      await sql("select count(*)::int as n from payments.payments where order_id = any($1::uuid[]) and status = 'captured'", [orderIds]),
    ).toEqual([{ n: 10 }]);
  }, 900_000);
});

describe('ownership and bad input', () => {
  it('keeps a customer out of another’s order, and rejects bad input writing nothing', async () => {
    const { sku } = await stockedSku(vendor, 2);
    const owner = await register('Chủ Đơn');
    const stranger = await register('Người Lạ');
    const orderId = await buy(owner, sku, 1);
    expect((await ok(ORDER, { id: orderId }, { token: stranger.accessToken })).order).toBeNull();
    const cancel = await gql('mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id: orderId }, { token: stranger.accessToken });
    expect(errorCodes(cancel)).toEqual(['NOT_FOUND']);
    expect((await ok('{ myOrders { edges { node { id } } } }', {}, { token: stranger.accessToken })).myOrders.edges).toEqual([]);
    await settledOrder(owner, orderId);

    const before = await sql('select count(*)::int as n from orders.orders where customer_id = $1', [stranger.userId]);
    const cartId = await addToCart(stranger, sku, 1);
    for (const bad of [
      { ...placeOrderInput(cartId), idempotencyKey: 'short' },
      { ...placeOrderInput(cartId), deliveryAddress: { ...placeOrderInput(cartId).deliveryAddress, phone: '12' } },
      { ...placeOrderInput(cartId), cartId: 'not-a-uuid' },
    ]) {
      expect(errorCodes(await gql(PLACE, { i: bad }, { token: stranger.accessToken }))).toEqual(['BAD_USER_INPUT']);
    }
    expect(errorCodes(await gql(PLACE, { i: placeOrderInput(cartId) }))).toEqual(['UNAUTHENTICATED']);
    // Someone else's cart is not there for them.
    expect(errorCodes(await placeOrder(owner, cartId))).toEqual(['NOT_FOUND']);
    const ADD = 'mutation($i: AddToCartInput!) { addToCart(input: $i) { cart { id } } }';
    expect(errorCodes(await gql(ADD, { i: { sku, quantity: 0 } }, { token: stranger.accessToken }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await gql(ADD, { i: { sku: 'NO-SUCH-SKU-1', quantity: 1 } }, { token: stranger.accessToken }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await sql('select count(*)::int as n from orders.orders where customer_id = $1', [stranger.userId])).toEqual(before);
    expect(await sql('select quantity from orders.cart_lines where cart_id = $1', [cartId])).toEqual([{ quantity: 1 }]);
  });
});
