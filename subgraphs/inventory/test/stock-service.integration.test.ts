import { randomUUID } from 'node:crypto';
import { errorCodeOf, outboxPublisher, type Database, type Viewer } from '@basket/platform';
import { closeDb, sql } from '../../../test/support/db';
import { tables } from '../src/db/schema';
import { createStockService } from '../src/service/stock-service';
import { createReservationService } from '../src/service/reservation-service';
import { stockSettings } from '../src/service/stock-view';
import { addDays, vietnamDate } from '../src/domain/dates';
import { catalogProduct, counters, openInventoryDb, stockBatch, tag, warehouse } from './support';

let database: Database;
let service: ReturnType<typeof createStockService>;

beforeAll(async () => {
  database = await openInventoryDb();
  service = createStockService({ db: database.db, publish: outboxPublisher('inventory', tables) });
});
afterAll(async () => {
  await database.close();
  await closeDb();
});

const today = () => vietnamDate(new Date());
const as = (viewer: Viewer | null) => ({ viewer, correlationId: randomUUID(), clientIp: '127.0.0.1' });
const vendor = (userId: string): Viewer => ({ userId, role: 'VENDOR' });
const admin: Viewer = { userId: randomUUID(), role: 'ADMIN' };

/** A SKU owned by a fresh vendor, and a warehouse to put it in. */
async function ownedSku() {
  const owner = randomUUID();
  const sku = `T-${tag()}`;
  const wh = await warehouse(database);
  await catalogProduct(database, [sku], owner);
  return { owner, sku, wh };
}

const code = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return errorCodeOf(err);
  }
  return 'no error';
};

const outboxFor = (sku: string) =>
  sql<{ type: string; data: Record<string, unknown> }>(
    "select type, envelope->'data' as data from inventory.outbox where key = $1 order by seq",
    [sku],
  );

describe('receiving stock', () => {
  it('lets the owning vendor receive a batch: ledger, counters and BatchReceived in one transaction', async () => {
    const { owner, sku, wh } = await ownedSku();
    const expiresOn = addDays(today(), 6);
    const batch = await service.receiveBatch(as(vendor(owner)), {
      input: { sku: sku.toLowerCase(), warehouseId: wh.id, quantity: 12, expiresOn },
    });
    expect(batch).toMatchObject({ sku, warehouseId: wh.id, quantity: 12, remaining: 12, expiresOn, receivedBy: owner });
    expect(await counters(sku, wh.id)).toEqual({ onHand: 12, reserved: 0, ledgerOnHand: 12, ledgerReserved: 0 });
    expect(await sql('select kind, quantity, actor_id from inventory.movements where sku = $1', [sku])).toEqual([
      { kind: 'receipt', quantity: 12, actor_id: owner },
    ]);
    expect(await outboxFor(sku)).toEqual([{ type: 'BatchReceived', data: expect.objectContaining({ batchId: batch.id, quantity: 12 }) }]);
  });

  it('refuses strangers and bad input, writing nothing', async () => {
    const { sku, wh } = await ownedSku();
    const input = { sku, warehouseId: wh.id, quantity: 5, expiresOn: addDays(today(), 3) };
    expect(await code(service.receiveBatch(as(null), { input }))).toBe('UNAUTHENTICATED');
    expect(await code(service.receiveBatch(as(vendor(randomUUID())), { input }))).toBe('FORBIDDEN');
    expect(await code(service.receiveBatch(as({ userId: randomUUID(), role: 'CUSTOMER' }), { input }))).toBe('FORBIDDEN');
    for (const bad of [
      { ...input, quantity: 0 },
      { ...input, quantity: 2.5 },
      { ...input, expiresOn: today() },
      { ...input, expiresOn: '25/11/2026' },
      { ...input, warehouseId: 'not-a-uuid' },
      { ...input, warehouseId: randomUUID() },
    ]) {
      expect([bad, await code(service.receiveBatch(as(admin), { input: bad }))]).toEqual([bad, 'BAD_USER_INPUT']);
    }
    expect(await code(service.receiveBatch(as(admin), { input: { ...input, sku: 'NO-SUCH-SKU' } }))).toBe('NOT_FOUND');
    expect(await sql('select count(*)::int as n from inventory.batches where sku = $1', [sku])).toEqual([{ n: 0 }]);
    expect(await sql('select count(*)::int as n from inventory.movements where sku = $1', [sku])).toEqual([{ n: 0 }]);
    expect(await outboxFor(sku)).toEqual([]);
  });
});

describe('adjusting stock', () => {
  it('records who and why; cannot take reserved units (InsufficientStock, nothing written)', async () => {
    const { owner, sku, wh } = await ownedSku();
    const batch = await stockBatch(database, { sku, warehouseId: wh.id, quantity: 10 });
    const reservations = createReservationService({ db: database.db });
    await database.db.transaction((tx) =>
      reservations.reserve(tx, {
        sagaId: randomUUID(),
        orderId: randomUUID(),
        region: 'HA_NOI',
        ttlSeconds: 60,
        lines: [{ lineId: 'l', sku, quantity: 7, allowSubstitution: false }],
      }),
    );

    const tooMuch = await service.adjustStock(as(vendor(owner)), { input: { batchId: batch.id, delta: -4, reason: 'kiểm kê' } });
    expect(tooMuch).toEqual({ __typename: 'InsufficientStock', message: expect.any(String), batchId: batch.id, quantityAvailable: 3 });
    for (const reason of ['', '  ', 'ab']) {
      expect(await code(service.adjustStock(as(vendor(owner)), { input: { batchId: batch.id, delta: -1, reason } }))).toBe(
        'BAD_USER_INPUT',
      );
    }
    expect(await code(service.adjustStock(as(admin), { input: { batchId: batch.id, delta: 0, reason: 'nothing' } }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await code(service.adjustStock(as(vendor(randomUUID())), { input: { batchId: batch.id, delta: -1, reason: 'theft' } }))).toBe(
      'FORBIDDEN',
    );
    expect(await sql("select count(*)::int as n from inventory.movements where sku = $1 and kind = 'adjustment'", [sku])).toEqual([
      { n: 0 },
    ]);

    const done = await service.adjustStock(as(vendor(owner)), {
      input: { batchId: batch.id, delta: -3, reason: 'dập nát khi vận chuyển' },
    });
    expect(done).toMatchObject({ __typename: 'StockAdjustment', delta: -3, batch: { remaining: 7, reserved: 7 } });
    expect(
      await sql("select quantity, on_hand_delta, reason, actor_id from inventory.movements where sku = $1 and kind = 'adjustment'", [sku]),
    ).toEqual([{ quantity: 3, on_hand_delta: -3, reason: 'dập nát khi vận chuyển', actor_id: owner }]);
    expect(await counters(sku, wh.id)).toEqual({ onHand: 7, reserved: 7, ledgerOnHand: 7, ledgerReserved: 7 });
    // Free stock went from 3 to 0: past the default threshold of 5 already, so no second LowStock.
    expect((await outboxFor(sku)).map((e) => e.type)).toEqual(['StockAdjusted']);
  });
});

describe('expiry write-off', () => {
  it('writes off the unreserved units of expired batches, once', async () => {
    const { sku, wh } = await ownedSku();
    const expired = await stockBatch(database, { sku, warehouseId: wh.id, quantity: 6, expiresOn: addDays(today(), -2) });
    const fresh = await stockBatch(database, { sku, warehouseId: wh.id, quantity: 4, expiresOn: addDays(today(), 2) });
    await service.writeOffExpired();
    await service.writeOffExpired();
    expect(
      await sql('select id, remaining from inventory.batches where id = any($1) order by expires_on', [[expired.id, fresh.id]]),
    ).toEqual([
      { id: expired.id, remaining: 0 },
      { id: fresh.id, remaining: 4 },
    ]);
    expect(await sql("select quantity, reason from inventory.movements where sku = $1 and kind = 'expiry_write_off'", [sku])).toEqual([
      { quantity: 6, reason: `expired on ${expired.expiresOn}` },
    ]);
    expect(await counters(sku, wh.id)).toEqual({ onHand: 4, reserved: 0, ledgerOnHand: 4, ledgerReserved: 0 });
  });
});

describe('thresholds and substitutes', () => {
  it('emits LowStock when a reservation takes free stock to the SKU threshold', async () => {
    const { owner, sku, wh } = await ownedSku();
    await service.setLowStockThreshold(as(vendor(owner)), { sku, threshold: 3 });
    await stockBatch(database, { sku, warehouseId: wh.id, quantity: 5 });
    const reservations = createReservationService({ db: database.db });
    const reserve = (quantity: number) =>
      database.db.transaction((tx) =>
        reservations.reserve(tx, {
          sagaId: randomUUID(),
          orderId: randomUUID(),
          region: 'HA_NOI',
          ttlSeconds: 60,
          lines: [{ lineId: 'l', sku, quantity, allowSubstitution: false }],
        }),
      );
    expect((await reserve(1)).map((e) => e.type)).toEqual(['StockReserved']);
    const crossing = await reserve(1);
    expect(crossing[1]).toEqual({
      type: 'LowStock',
      aggregateId: sku,
      data: { sku, warehouseId: wh.id, onHand: 5, reserved: 2, threshold: 3 },
    });
    expect((await reserve(1)).map((e) => e.type)).toEqual(['StockReserved']);
  });

  it('substitutes must be live SKUs of the same vendor, not the SKU itself', async () => {
    const { owner, sku } = await ownedSku();
    const [alt1, alt2] = [`T-${tag()}`, `T-${tag()}`];
    await catalogProduct(database, [alt1, alt2], owner);
    const foreign = `T-${tag()}`;
    await catalogProduct(database, [foreign]);
    for (const alternatives of [[sku], [alt1, alt1], [foreign], ['NO-SUCH']]) {
      expect(await code(service.setSubstitutes(as(vendor(owner)), { sku, alternatives }))).toBe('BAD_USER_INPUT');
    }
    expect(await sql('select count(*)::int as n from inventory.substitutes where sku = $1', [sku])).toEqual([{ n: 0 }]);
    await service.setSubstitutes(as(vendor(owner)), { sku, alternatives: [alt2, alt1.toLowerCase()] });
    expect(await sql('select alternative_sku from inventory.substitutes where sku = $1 order by position', [sku])).toEqual([
      { alternative_sku: alt2 },
      { alternative_sku: alt1 },
    ]);
  });

  it('near-expiry days in effect: the SKU’s own, else its category’s, else 3', async () => {
    const owner = randomUUID();
    const categoryId = randomUUID();
    const [own, inherits] = [`T-${tag()}`, `T-${tag()}`];
    await catalogProduct(database, [own, inherits], owner, categoryId);
    expect((await stockSettings(database.db, [own])).map((s) => s.nearExpiryDays)).toEqual([3]);
    await service.setNearExpiryThreshold(as(admin), { input: { categoryId, days: 7 } });
    await service.setNearExpiryThreshold(as(vendor(owner)), { input: { sku: own, days: 1 } });
    expect(await stockSettings(database.db, [own, inherits])).toEqual([
      { sku: own, lowStockThreshold: 5, nearExpiryDays: 1 },
      { sku: inherits, lowStockThreshold: 5, nearExpiryDays: 7 },
    ]);
  });

  it('category near-expiry thresholds are for admins only', async () => {
    const { owner } = await ownedSku();
    const categoryId = randomUUID();
    expect(await code(service.setNearExpiryThreshold(as(vendor(owner)), { input: { categoryId, days: 4 } }))).toBe('FORBIDDEN');
    expect(await code(service.setNearExpiryThreshold(as(admin), { input: { categoryId, sku: 'X', days: 4 } }))).toBe('BAD_USER_INPUT');
    await service.setNearExpiryThreshold(as(admin), { input: { categoryId, days: 4 } });
    expect(await sql('select near_expiry_days from inventory.category_thresholds where category_id = $1', [categoryId])).toEqual([
      { near_expiry_days: 4 },
    ]);
  });
});
