import { randomUUID } from 'node:crypto';
import type { Viewer } from '@basket/platform';
import type { OrderRow } from '../src/db/schema';
import { startOrders, type OrdersInstance } from './support/orders-harness';
import { eventually } from '../../../test/support/graphql';
import { HANOI_ADDRESS } from '../../../test/support/commerce';

/**
 * The checkout saga on real Postgres and Kafka: the tests play inventory and payments
 * (their replies go through Kafka and orders' idempotent consumer); the commands orders
 * sends are read from its outbox. See support/orders-harness.ts for why.
 */
jest.setTimeout(60_000);

const SUFFIX = 'saga';
let orders: OrdersInstance;
const vendorA = randomUUID();
const vendorB = randomUUID();
const tag = randomUUID().slice(0, 6).toUpperCase();
const SKU_A = `SAGA-A-${tag}`;
const SKU_B = `SAGA-B-${tag}`;

beforeAll(async () => {
  orders = await startOrders(SUFFIX);
  await orders.stockShelf([
    { sku: SKU_A, vendorId: vendorA, priceVnd: 20_000 },
    { sku: SKU_B, vendorId: vendorB, priceVnd: 35_000 },
  ]);
}, 300_000);

afterAll(async () => {
  await orders?.stop();
});

const customer = (): Viewer => ({ userId: randomUUID(), role: 'CUSTOMER' });

/** A customer's cart with one line of each vendor's SKU, placed as an order. */
async function placeOrder(viewer: Viewer, key = `key-${randomUUID()}`, instance = orders): Promise<OrderRow> {
  const ctx = instance.as(viewer);
  await ctx.services.carts.addToCart(ctx, { input: { sku: SKU_A, quantity: 2, allowSubstitution: true } });
  const cart = await ctx.services.carts.addToCart(ctx, { input: { sku: SKU_B, quantity: 1 } });
  const result = await ctx.services.orders.placeOrder(ctx, {
    input: { cartId: cart.id, deliveryAddress: HANOI_ADDRESS, paymentMethod: '4242424242424242', idempotencyKey: key },
  });
  if (result.__typename !== 'OrderPlaced') throw new Error(`expected an order, got ${result.__typename}`);
  return result.order;
}

const commands = (order: OrderRow) =>
  orders.sql<{ type: string; data: Record<string, any> }>(
    `select type, envelope->'data' as data from orders.outbox where key = $1 and topic like '%.commands' order by seq`,
    [order.sagaId],
  );
const status = async (order: OrderRow) =>
  (
    await orders.sql<{ status: string; cancel_reason: string | null; failure: any }>(
      'select status, cancel_reason, failure from orders.orders where id = $1',
      [order.id],
    )
  )[0]!;
const history = (order: OrderRow) =>
  orders.sql<{ from_status: string | null; to_status: string; actor: string }>(
    'select from_status, to_status, actor from orders.order_history where order_id = $1 and part_id is null order by id',
    [order.id],
  );
const waitForStatus = (order: OrderRow, wanted: string) =>
  eventually(async () => (await status(order)).status === wanted, 20_000, `order ${order.id} to become ${wanted}`);

function stockReserved(order: OrderRow, expiresInMs = 600_000) {
  return {
    sagaId: order.sagaId,
    orderId: order.id,
    expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
    reservations: [
      {
        reservationId: randomUUID(),
        lineId: randomUUID(),
        sku: SKU_A,
        requestedSku: SKU_A,
        quantity: 2,
        warehouseId: randomUUID(),
        substituted: false,
      },
    ],
  };
}

describe('checkout saga', () => {
  it('places one order for one idempotency key, however often (and concurrently) it is sent', async () => {
    const viewer = customer();
    const ctx = orders.as(viewer);
    const cart = await ctx.services.carts.addToCart(ctx, { input: { sku: SKU_A, quantity: 1 } });
    const input = {
      cartId: cart.id,
      deliveryAddress: HANOI_ADDRESS,
      paymentMethod: '4242424242424242',
      idempotencyKey: `twice-${randomUUID()}`,
    };
    const results = await Promise.all([1, 2, 3].map(() => ctx.services.orders.placeOrder(ctx, { input })));
    const ids = results.map((r) => (r.__typename === 'OrderPlaced' ? r.order.id : r.__typename));
    expect(new Set(ids).size).toBe(1);
    const again = await ctx.services.orders.placeOrder(ctx, { input });
    expect(again).toMatchObject({ __typename: 'OrderPlaced', replayed: true, order: { id: ids[0] } });
    expect(await orders.sql('select id from orders.orders where customer_id = $1', [viewer.userId])).toHaveLength(1);
    const [order] = await orders.sql<OrderRow & { saga_id: string }>('select saga_id from orders.orders where id = $1', [ids[0]]);
    expect(await orders.sql("select 1 from orders.outbox where key = $1 and type = 'ReserveStock'", [order!.saga_id])).toHaveLength(1);
  });

  it('splits the order per vendor and asks inventory for every line', async () => {
    const order = await placeOrder(customer());
    const parts = await orders.sql(
      'select vendor_id, status, subtotal_vnd from orders.order_parts where order_id = $1 order by vendor_id',
      [order.id],
    );
    expect(parts).toEqual(
      [
        { vendor_id: vendorA, status: 'PENDING', subtotal_vnd: 40_000 },
        { vendor_id: vendorB, status: 'PENDING', subtotal_vnd: 35_000 },
      ].sort((a, b) => a.vendor_id.localeCompare(b.vendor_id)),
    );
    const [reserve] = await commands(order);
    expect(reserve).toMatchObject({ type: 'ReserveStock', data: { sagaId: order.sagaId, orderId: order.id, region: 'HA_NOI' } });
    expect(reserve!.data.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity]).sort()).toEqual([
      [SKU_A, 2],
      [SKU_B, 1],
    ]);
  });

  it('runs to CONFIRMED: stock reserved, payment authorized, stock committed and payment captured', async () => {
    const order = await placeOrder(customer());
    const reserved = stockReserved(order);
    await orders.reply('StockReserved', reserved);
    await waitForStatus(order, 'AWAITING_PAYMENT');
    const paymentId = randomUUID();
    await orders.reply('PaymentAuthorized', { sagaId: order.sagaId, orderId: order.id, paymentId, amountVnd: order.totalVnd });
    await waitForStatus(order, 'CONFIRMED');
    expect((await commands(order)).map((c) => c.type)).toEqual(['ReserveStock', 'AuthorizePayment', 'CommitStock', 'CapturePayment']);
    expect((await commands(order))[2]!.data.reservationIds).toEqual([reserved.reservations[0]!.reservationId]);
    expect((await history(order)).map((h) => h.to_status)).toEqual(['PLACED', 'STOCK_RESERVED', 'AWAITING_PAYMENT', 'PAID', 'CONFIRMED']);
    expect(await orders.sql('select distinct status from orders.order_parts where order_id = $1', [order.id])).toEqual([
      { status: 'CONFIRMED' },
    ]);
    // Each move is also a fact on orders.events, written in the same transaction.
    const facts = await orders.sql<{ type: string }>(
      "select type from orders.outbox where key = $1 and topic = 'orders.events' order by seq",
      [order.id],
    );
    expect(facts.filter((f) => f.type === 'OrderStatusChanged')).toHaveLength(4);
    expect(facts.map((f) => f.type)).toContain('OrderConfirmed');
  });

  it('changes nothing for a duplicate reply (the same message again, or a copy with a new id)', async () => {
    const order = await placeOrder(customer());
    const reserved = stockReserved(order);
    const id = await orders.reply('StockReserved', reserved);
    await waitForStatus(order, 'AWAITING_PAYMENT');
    const before = { commands: await commands(order), history: await history(order) };
    await orders.reply('StockReserved', reserved, { id });
    const copyId = await orders.reply('StockReserved', reserved);
    await eventually(
      async () => (await orders.sql('select outcome from orders.saga_log where message_id = $1', [copyId]))[0]?.outcome === 'ignored',
      20_000,
      'the copy to be seen and ignored',
    );
    expect(await commands(order)).toEqual(before.commands);
    expect(await history(order)).toEqual(before.history);
    expect((await status(order)).status).toBe('AWAITING_PAYMENT');
    // The exact redelivery never reached the saga: processed_events stopped it.
    expect(await orders.sql('select 1 from orders.saga_log where message_id = $1', [id])).toHaveLength(1);
  });

  it('cancels with a readable reason and releases the stock when the card is declined', async () => {
    const order = await placeOrder(customer());
    const reserved = stockReserved(order);
    await orders.reply('StockReserved', reserved);
    await waitForStatus(order, 'AWAITING_PAYMENT');
    await orders.reply('PaymentDeclined', {
      sagaId: order.sagaId,
      orderId: order.id,
      paymentId: randomUUID(),
      reason: 'Your card was declined.',
      declineCode: 'generic_decline',
    });
    await waitForStatus(order, 'CANCELLED');
    expect(await status(order)).toMatchObject({
      cancel_reason: 'Payment declined: Your card was declined.',
      failure: { kind: 'PAYMENT_DECLINED', declineCode: 'generic_decline' },
    });
    const sent = await commands(order);
    expect(sent.map((c) => c.type)).toEqual(['ReserveStock', 'AuthorizePayment', 'ReleaseStock']);
    expect(sent[2]!.data.reservationIds).toEqual([reserved.reservations[0]!.reservationId]);
    expect(await orders.sql('select distinct status from orders.order_parts where order_id = $1', [order.id])).toEqual([
      { status: 'CANCELLED' },
    ]);
  });

  it('cancels for stock with the shortages, compensating nothing', async () => {
    const order = await placeOrder(customer());
    await orders.reply('StockReservationFailed', {
      sagaId: order.sagaId,
      orderId: order.id,
      reason: 'insufficient stock',
      shortages: [{ lineId: randomUUID(), sku: SKU_A, requested: 2, available: 0 }],
    });
    await waitForStatus(order, 'CANCELLED');
    expect((await status(order)).failure).toEqual({ kind: 'OUT_OF_STOCK', shortages: [{ sku: SKU_A, requested: 2, available: 0 }] });
    expect((await commands(order)).map((c) => c.type)).toEqual(['ReserveStock']);
  });

  it('times out a payment that never completes: voids it, releases the stock, cancels; a late authorization is voided', async () => {
    const order = await placeOrder(customer());
    const reserved = stockReserved(order, 1500);
    await orders.reply('StockReserved', reserved);
    await waitForStatus(order, 'AWAITING_PAYMENT');
    await waitForStatus(order, 'CANCELLED');
    expect(await status(order)).toMatchObject({
      cancel_reason: 'Payment was not completed in time; the reserved items were released',
      failure: { kind: 'TIMED_OUT', step: 'authorizePayment' },
    });
    expect((await commands(order)).map((c) => c.type)).toEqual(['ReserveStock', 'AuthorizePayment', 'VoidPayment', 'ReleaseStock']);
    const paymentId = randomUUID();
    await orders.reply('PaymentAuthorized', { sagaId: order.sagaId, orderId: order.id, paymentId, amountVnd: order.totalVnd });
    await eventually(async () => (await commands(order)).length === 5, 20_000, 'the late authorization to be voided');
    expect((await commands(order))[4]).toMatchObject({ type: 'VoidPayment', data: { paymentId } });
    expect((await status(order)).status).toBe('CANCELLED');
  });

  it('lets the customer cancel mid-checkout: what was reserved is released, the payment in flight voided', async () => {
    const viewer = customer();
    const order = await placeOrder(viewer);
    const reserved = stockReserved(order);
    await orders.reply('StockReserved', reserved);
    await waitForStatus(order, 'AWAITING_PAYMENT');
    const ctx = orders.as(viewer);
    const cancelled = await ctx.services.orders.cancelOrder(ctx, { id: order.id });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'Cancelled at your request' });
    expect((await commands(order)).map((c) => c.type)).toEqual(['ReserveStock', 'AuthorizePayment', 'VoidPayment', 'ReleaseStock']);
    // Someone else cannot see it, let alone cancel it.
    const stranger = orders.as(customer());
    await expect(stranger.services.orders.cancelOrder(stranger, { id: order.id })).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
  });
});

describe('checkout saga with a stock step that times out', () => {
  it('cancels, releases whatever inventory may hold for the saga, and releases a late reservation too', async () => {
    const quick = await startOrders(`${SUFFIX}_stock_timeout`, { ORDERS_STOCK_REPLY_TIMEOUT_MS: '1500' });
    try {
      await quick.stockShelf([
        { sku: SKU_A, vendorId: vendorA, priceVnd: 20_000 },
        { sku: SKU_B, vendorId: vendorB, priceVnd: 35_000 },
      ]);
      const order = await placeOrder(customer(), undefined, quick);
      const read = () =>
        quick.sql<{ status: string; failure: unknown }>('select status, failure from orders.orders where id = $1', [order.id]);
      await eventually(async () => (await read())[0]?.status === 'CANCELLED', 30_000, 'the stock step to time out');
      expect((await read())[0]!.failure).toEqual({ kind: 'TIMED_OUT', step: 'reserveStock' });
      const sent = () =>
        quick.sql<{ type: string; data: Record<string, any> }>(
          "select type, envelope->'data' as data from orders.outbox where key = $1 and topic like '%.commands' order by seq",
          [order.sagaId],
        );
      // No ids yet: ReleaseStock without ids releases everything the saga holds.
      expect((await sent()).map((c) => [c.type, c.data.reservationIds ?? null])).toEqual([
        ['ReserveStock', null],
        ['ReleaseStock', []],
      ]);
      const late = stockReserved(order);
      await quick.reply('StockReserved', late);
      await eventually(async () => (await sent()).length === 3, 30_000, 'the late reservation to be released');
      expect((await sent())[2]).toMatchObject({ type: 'ReleaseStock', data: { reservationIds: [late.reservations[0]!.reservationId] } });
      expect((await read())[0]!.status).toBe('CANCELLED');
    } finally {
      await quick.stop();
    }
  }, 300_000);
});

describe('checkout saga across a restart', () => {
  it('resumes from the saga table: after a restart, the next reply moves the order on', async () => {
    const suffix = `${SUFFIX}_restart`;
    let first: OrdersInstance | undefined = await startOrders(suffix);
    let second: OrdersInstance | undefined;
    try {
      await first.stockShelf([
        { sku: SKU_A, vendorId: vendorA, priceVnd: 20_000 },
        { sku: SKU_B, vendorId: vendorB, priceVnd: 35_000 },
      ]);
      const order = await placeOrder(customer(), undefined, first);
      await first.stop();
      first = undefined;
      // A new process: nothing of the saga survives but its row.
      second = await startOrders(suffix, {}, { resume: true });
      await second.reply('StockReserved', stockReserved(order));
      const read = (sql: string) => second!.sql(sql, [order.id]);
      await eventually(
        async () => (await read('select status from orders.orders where id = $1'))[0]?.status === 'AWAITING_PAYMENT',
        60_000,
        'the restarted orders to resume',
      );
      await second.reply('PaymentAuthorized', {
        sagaId: order.sagaId,
        orderId: order.id,
        paymentId: randomUUID(),
        amountVnd: order.totalVnd,
      });
      await eventually(
        async () => (await read('select status from orders.orders where id = $1'))[0]?.status === 'CONFIRMED',
        30_000,
        'CONFIRMED',
      );
      expect(await read('select status from orders.sagas where order_id = $1')).toEqual([{ status: 'COMPLETED' }]);
    } finally {
      await first?.stop();
      await second?.stop();
    }
  }, 600_000);
});
