import { randomUUID } from 'node:crypto';
import { createEventConsumer, createLogger, createMetrics, outboxPublisher, type Database, type Subscription } from '@basket/platform';
import { closeDb, sql } from '../../../test/support/db';
import { tables } from '../src/db/schema';
import { catalogHandlers } from '../src/events';
import { inventoryCommandHandlers } from '../src/commands';
import { createReservationService } from '../src/service/reservation-service';
import { catalogProduct, counters, openInventoryDb, stockBatch, tag, warehouse } from './support';

let database: Database;
let consumer: Subscription;
let offset = 0;

/**
 * The platform's real idempotent consumer over inventory's handlers, fed messages as a
 * transport would deliver them (Kafka itself is exercised through the stack).
 */
beforeAll(async () => {
  database = await openInventoryDb();
  // The parked message below is logged at error level on purpose; keep the output for real failures.
  const logger = createLogger('inventory-test', 'fatal');
  const publish = outboxPublisher('inventory', tables);
  const reservations = createReservationService({ db: database.db });
  consumer = createEventConsumer({
    consumer: `inventory-test-${randomUUID()}`,
    service: 'inventory',
    database,
    tables,
    handlers: { ...catalogHandlers, ...inventoryCommandHandlers({ reservations, publish, logger }) },
    logger,
    metrics: createMetrics(),
    maxAttempts: 1,
  });
});
afterAll(async () => {
  await database.close();
  await closeDb();
});

function message(type: string, data: unknown, id = randomUUID()) {
  const envelope = { id, type, version: 1, occurredAt: new Date().toISOString(), aggregateId: 'saga', data, traceId: 'trace-1' };
  offset += 1;
  return { topic: 'inventory.commands', partition: 0, offset: String(offset), key: 'saga', value: JSON.stringify(envelope) };
}

const replies = (sagaId: string) =>
  sql<{ type: string; data: Record<string, unknown> }>(
    "select type, envelope->'data' as data from inventory.outbox where key = $1 order by seq",
    [sagaId],
  );

it('ReserveStock, redelivered, reserves once and replies once; ReleaseStock replayed is a no-op that still replies', async () => {
  const wh = await warehouse(database);
  const sku = `T-${tag()}`;
  await catalogProduct(database, [sku]);
  await stockBatch(database, { sku, warehouseId: wh.id, quantity: 5 });
  const sagaId = randomUUID();
  const orderId = randomUUID();
  const reserve = message('ReserveStock', {
    sagaId,
    orderId,
    region: 'HA_NOI',
    ttlSeconds: 60,
    lines: [{ lineId: 'l1', sku, quantity: 2, allowSubstitution: false }],
  });

  await consumer.handle(reserve);
  await consumer.handle(reserve);
  const [reserved, ...rest] = await replies(sagaId);
  expect(rest).toEqual([]);
  expect(reserved).toMatchObject({ type: 'StockReserved', data: { sagaId, orderId, reservations: [{ lineId: 'l1', sku, quantity: 2 }] } });
  expect((await counters(sku, wh.id)).reserved).toBe(2);

  // The saga re-sends the command (a new message id after a restart): same answer, nothing more reserved.
  await consumer.handle(message('ReserveStock', JSON.parse(reserve.value).data));
  const afterRetry = await replies(sagaId);
  expect(afterRetry.map((r) => r.type)).toEqual(['StockReserved', 'StockReserved']);
  expect(afterRetry[1]!.data).toEqual(reserved!.data);
  expect((await counters(sku, wh.id)).reserved).toBe(2);

  const reservationIds = (reserved!.data.reservations as { reservationId: string }[]).map((r) => r.reservationId);
  const release = { sagaId, orderId, reservationIds, reason: 'payment declined' };
  await consumer.handle(message('ReleaseStock', release));
  await consumer.handle(message('ReleaseStock', release));
  expect((await replies(sagaId)).slice(2)).toEqual([
    { type: 'StockReleased', data: { sagaId, orderId, reservationIds } },
    { type: 'StockReleased', data: { sagaId, orderId, reservationIds } },
  ]);
  expect(await counters(sku, wh.id)).toEqual({ onHand: 5, reserved: 0, ledgerOnHand: 5, ledgerReserved: 0 });
  expect(await sql("select count(*)::int as n from inventory.movements where sku = $1 and kind = 'release'", [sku])).toEqual([{ n: 1 }]);
});

it('a command that fails validation is parked, not applied and not answered', async () => {
  const sagaId = randomUUID();
  await consumer.handle(message('ReserveStock', { sagaId, orderId: 'o', region: 'DA_NANG', ttlSeconds: 60, lines: [] }));
  expect(await replies(sagaId)).toEqual([]);
  expect(await sql("select count(*)::int as n from inventory.dead_letters where payload like '%' || $1 || '%'", [sagaId])).toEqual([
    { n: 1 },
  ]);
});
