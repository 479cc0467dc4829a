import { randomUUID } from 'node:crypto';
import { isUniqueViolation, type Database } from '@basket/platform';
import { closeDb, sql } from '../../../test/support/db';
import { createReservationService, type ReserveCommand } from '../src/service/reservation-service';
import { substitutesOf, replaceSubstitutes } from '../src/db/settings-store';
import { addDays, vietnamDate } from '../src/domain/dates';
import { catalogProduct, counters, openInventoryDb, stockBatch, tag, warehouse } from './support';

let database: Database;
let clock = new Date();
let reservations: ReturnType<typeof createReservationService>;

beforeAll(async () => {
  database = await openInventoryDb();
  reservations = createReservationService({ db: database.db, now: () => clock });
});
afterAll(async () => {
  await database.close();
  await closeDb();
});
beforeEach(() => {
  clock = new Date();
});

const today = () => vietnamDate(clock);

function command(lines: ReserveCommand['lines'], overrides: Partial<ReserveCommand> = {}): ReserveCommand {
  return { sagaId: randomUUID(), orderId: randomUUID(), region: 'HA_NOI', ttlSeconds: 600, lines, ...overrides };
}

const reserve = (cmd: ReserveCommand) => database.db.transaction((tx) => reservations.reserve(tx, cmd));

describe('reserving stock on real Postgres', () => {
  it('50 concurrent reservations for 10 units reserve exactly 10, never more than on hand', async () => {
    const wh = await warehouse(database);
    const sku = `T-${tag()}`;
    await catalogProduct(database, [sku]);
    await stockBatch(database, { sku, warehouseId: wh.id, quantity: 10, expiresOn: addDays(today(), 5) });

    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () => reserve(command([{ lineId: 'l1', sku, quantity: 1, allowSubstitution: false }]))),
    );

    // Every command gets an answer (no constraint violations, no deadlocks): 10 reserved, 40 refused.
    const rejected = outcomes.filter((o) => o.status === 'rejected');
    expect(rejected.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    const replies = outcomes.map((o) => (o as PromiseFulfilledResult<Awaited<ReturnType<typeof reserve>>>).value[0]!.type);
    expect(replies.filter((t) => t === 'StockReserved')).toHaveLength(10);
    expect(replies.filter((t) => t === 'StockReservationFailed')).toHaveLength(40);
    expect(await counters(sku, wh.id)).toEqual({ onHand: 10, reserved: 10, ledgerOnHand: 10, ledgerReserved: 10 });
  });

  it('reserves, releases, commits and receipts racing on two SKUs never deadlock and keep ledger = counters', async () => {
    const wh = await warehouse(database);
    const [a, b] = [`T-${tag()}`, `T-${tag()}`];
    await catalogProduct(database, [a, b]);
    await stockBatch(database, { sku: a, warehouseId: wh.id, quantity: 10 });
    await stockBatch(database, { sku: b, warehouseId: wh.id, quantity: 10 });
    // Lines name the SKUs in both orders: only the fixed lock order keeps these from deadlocking.
    const lines = (i: number) =>
      (i % 2 ? [a, b] : [b, a]).map((sku, n) => ({ lineId: `l${n}`, sku, quantity: 1, allowSubstitution: false }));
    const closeAfter = async (i: number) => {
      const [reply] = await reserve(command(lines(i)));
      if (reply!.type !== 'StockReserved') return;
      const {
        sagaId,
        orderId,
        reservations: held,
      } = reply!.data as { sagaId: string; orderId: string; reservations: { reservationId: string }[] };
      const reservationIds = held.map((r) => r.reservationId);
      await database.db.transaction(async (tx) => {
        if (i % 3) await reservations.release(tx, { sagaId, orderId, reservationIds, reason: 'race' });
        else await reservations.commit(tx, { sagaId, orderId, reservationIds });
      });
    };
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 30 }, (_, i) => closeAfter(i)),
      ...Array.from({ length: 4 }, () => stockBatch(database, { sku: a, warehouseId: wh.id, quantity: 2 })),
    ]);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
    for (const sku of [a, b]) {
      const c = await counters(sku, wh.id);
      expect(c).toEqual({ onHand: c.ledgerOnHand, reserved: 0, ledgerOnHand: c.ledgerOnHand, ledgerReserved: 0 });
      expect(c.onHand).toBeGreaterThanOrEqual(0);
    }
  });

  it('takes the batch that expires first, and never an expired one', async () => {
    const wh = await warehouse(database);
    const sku = `T-${tag()}`;
    await catalogProduct(database, [sku]);
    const expired = await stockBatch(database, { sku, warehouseId: wh.id, quantity: 5, expiresOn: addDays(today(), -1) });
    const lastDay = await stockBatch(database, { sku, warehouseId: wh.id, quantity: 5, expiresOn: today() });
    const later = await stockBatch(database, { sku, warehouseId: wh.id, quantity: 5, expiresOn: addDays(today(), 9) });
    const sooner = await stockBatch(database, { sku, warehouseId: wh.id, quantity: 2, expiresOn: addDays(today(), 2) });

    const [reply] = await reserve(command([{ lineId: 'l1', sku, quantity: 3, allowSubstitution: false }]));
    expect(reply!.type).toBe('StockReserved');
    const taken = await sql<{ batch_id: string; quantity: number }>(
      'select a.batch_id, a.quantity from inventory.reservation_allocations a join inventory.reservations r on r.id = a.reservation_id where r.saga_id = $1 order by a.quantity desc',
      [(reply!.data as { sagaId: string }).sagaId],
    );
    expect(taken).toEqual([
      { batch_id: sooner.id, quantity: 2 },
      { batch_id: later.id, quantity: 1 },
    ]);

    // 15 units on hand, but only the unexpired 4 left can be promised.
    const [refused] = await reserve(command([{ lineId: 'l1', sku, quantity: 5, allowSubstitution: false }]));
    expect(refused).toMatchObject({
      type: 'StockReservationFailed',
      data: { shortages: [{ lineId: 'l1', sku, requested: 5, available: 4 }] },
    });
    const untouched = await sql('select reserved from inventory.batches where id = any($1)', [[expired.id, lastDay.id]]);
    expect(untouched).toEqual([{ reserved: 0 }, { reserved: 0 }]);
  });

  it('reserves all lines or none, and substitutes only where the line allows it', async () => {
    const wh = await warehouse(database);
    const [a, b, alt] = [`T-${tag()}`, `T-${tag()}`, `T-${tag()}`];
    await catalogProduct(database, [a, b, alt]);
    await stockBatch(database, { sku: a, warehouseId: wh.id, quantity: 5 });
    await stockBatch(database, { sku: b, warehouseId: wh.id, quantity: 1 });
    await stockBatch(database, { sku: alt, warehouseId: wh.id, quantity: 4 });
    await database.db.transaction((tx) => replaceSubstitutes(tx, b, [alt]));
    expect(await substitutesOf(database.db, [b])).toEqual(new Map([[b, [alt]]]));

    const strict = command([
      { lineId: 'a', sku: a, quantity: 2, allowSubstitution: false },
      { lineId: 'b', sku: b, quantity: 3, allowSubstitution: false },
    ]);
    const [failed] = await reserve(strict);
    expect(failed).toMatchObject({
      type: 'StockReservationFailed',
      data: { shortages: [{ lineId: 'b', sku: b, requested: 3, available: 1 }] },
    });
    // Line a could have been served: all or nothing left it untouched.
    expect((await counters(a, wh.id)).reserved).toBe(0);

    const lenient = command([
      { lineId: 'a', sku: a, quantity: 2, allowSubstitution: false },
      { lineId: 'b', sku: b, quantity: 3, allowSubstitution: true },
    ]);
    const [ok] = await reserve(lenient);
    expect(ok!.type).toBe('StockReserved');
    expect((ok!.data as { reservations: unknown[] }).reservations).toEqual([
      expect.objectContaining({ lineId: 'a', sku: a, requestedSku: a, substituted: false, quantity: 2, warehouseId: wh.id }),
      expect.objectContaining({ lineId: 'b', sku: alt, requestedSku: b, substituted: true, quantity: 3, warehouseId: wh.id }),
    ]);
    expect((await counters(alt, wh.id)).reserved).toBe(3);
    expect((await counters(b, wh.id)).reserved).toBe(0);
  });

  it('serves only from the region asked for', async () => {
    const hn = await warehouse(database, 'HA_NOI');
    const hcm = await warehouse(database, 'HO_CHI_MINH');
    const sku = `T-${tag()}`;
    await catalogProduct(database, [sku]);
    await stockBatch(database, { sku, warehouseId: hcm.id, quantity: 5 });
    await stockBatch(database, { sku, warehouseId: hn.id, quantity: 1 });
    const [north] = await reserve(command([{ lineId: 'l', sku, quantity: 2, allowSubstitution: false }], { region: 'HA_NOI' }));
    expect(north!.type).toBe('StockReservationFailed');
    const [south] = await reserve(command([{ lineId: 'l', sku, quantity: 2, allowSubstitution: false }], { region: 'HO_CHI_MINH' }));
    expect(south).toMatchObject({ type: 'StockReserved', data: { reservations: [{ warehouseId: hcm.id, quantity: 2 }] } });
  });

  it('answers a replayed ReserveStock with the same reply and reserves once', async () => {
    const wh = await warehouse(database);
    const sku = `T-${tag()}`;
    await catalogProduct(database, [sku]);
    await stockBatch(database, { sku, warehouseId: wh.id, quantity: 10 });
    const cmd = command([{ lineId: 'l1', sku, quantity: 4, allowSubstitution: false }]);
    // Two at once (not what one partition delivers, but possible in principle): the loser's
    // whole transaction fails on the saga's primary key and writes nothing...
    const both = await Promise.allSettled([reserve(cmd), reserve(cmd)]);
    const won = both
      .filter((o) => o.status === 'fulfilled')
      .map((o) => (o as PromiseFulfilledResult<Awaited<ReturnType<typeof reserve>>>).value);
    expect(won).toHaveLength(1);
    expect(isUniqueViolation((both.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason)).toBe(true);
    // ...and its retry (the consumer's) gets the first outcome again.
    const [again] = await reserve(cmd);
    expect(again).toEqual(won[0]![0]);
    expect((await counters(sku, wh.id)).reserved).toBe(4);
  });
});

describe('closing reservations', () => {
  async function reserved(quantity = 3) {
    const wh = await warehouse(database);
    const sku = `T-${tag()}`;
    await catalogProduct(database, [sku]);
    const batch = await stockBatch(database, { sku, warehouseId: wh.id, quantity: 10, expiresOn: addDays(today(), 4) });
    const cmd = command([{ lineId: 'l1', sku, quantity, allowSubstitution: false }], { ttlSeconds: 60 });
    const [reply] = await reserve(cmd);
    const ids = (reply!.data as { reservations: { reservationId: string }[] }).reservations.map((r) => r.reservationId);
    return { wh, sku, batch, cmd, ids };
  }

  it('commit turns the reservation into a sale; a second commit and a late release change nothing', async () => {
    const { wh, sku, batch, cmd, ids } = await reserved(3);
    const commit = { sagaId: cmd.sagaId, orderId: cmd.orderId, reservationIds: ids };
    const first = await database.db.transaction((tx) => reservations.commit(tx, commit));
    expect(first.events[0]).toMatchObject({ type: 'StockCommitted', data: commit });
    await database.db.transaction((tx) => reservations.commit(tx, commit));
    const released = await database.db.transaction((tx) => reservations.release(tx, { ...commit, reason: 'late undo' }));
    expect(released[0]).toMatchObject({ type: 'StockReleased', data: commit });
    expect(await counters(sku, wh.id)).toEqual({ onHand: 7, reserved: 0, ledgerOnHand: 7, ledgerReserved: 0 });
    expect(await sql('select remaining, reserved from inventory.batches where id = $1', [batch.id])).toEqual([
      { remaining: 7, reserved: 0 },
    ]);
    expect(
      await sql('select kind, count(*)::int as n from inventory.movements where reservation_id = any($1) group by kind order by kind', [
        ids,
      ]),
    ).toEqual([
      { kind: 'reservation', n: 1 },
      { kind: 'sale', n: 1 },
    ]);
  });

  it('a commit that crossed the TTL job sells the units if still free, and reports them missed if not', async () => {
    const { wh, sku, cmd, ids } = await reserved(3);
    const saga = { sagaId: cmd.sagaId, orderId: cmd.orderId };
    clock = new Date(clock.getTime() + 61_000);
    await database.db.transaction((tx) => reservations.expireSaga(tx, saga));
    const late = await database.db.transaction((tx) => reservations.commit(tx, { ...saga, reservationIds: ids }));
    expect(late.missed).toEqual([]);
    expect(late.events[0]!.type).toBe('StockCommitted');
    expect(await counters(sku, wh.id)).toEqual({ onHand: 7, reserved: 0, ledgerOnHand: 7, ledgerReserved: 0 });
    expect(await sql('select status from inventory.reservations where id = any($1)', [ids])).toEqual([{ status: 'COMMITTED' }]);

    // Expired again, and this time someone else took the last units in between.
    const second = await reserved(3);
    clock = new Date(clock.getTime() + 61_000);
    const s2 = { sagaId: second.cmd.sagaId, orderId: second.cmd.orderId };
    await database.db.transaction((tx) => reservations.expireSaga(tx, s2));
    const other = await reserve(command([{ lineId: 'x', sku: second.sku, quantity: 8, allowSubstitution: false }], { ttlSeconds: 3600 }));
    expect(other[0]!.type).toBe('StockReserved');
    const missed = await database.db.transaction((tx) => reservations.commit(tx, { ...s2, reservationIds: second.ids }));
    expect(missed.missed.map((r) => r.id)).toEqual(second.ids);
    expect(await counters(second.sku, second.wh.id)).toEqual({ onHand: 10, reserved: 8, ledgerOnHand: 10, ledgerReserved: 8 });
  });

  it('release frees the units; another saga cannot release them', async () => {
    const { wh, sku, cmd, ids } = await reserved(3);
    await database.db.transaction((tx) =>
      reservations.release(tx, { sagaId: randomUUID(), orderId: cmd.orderId, reservationIds: ids, reason: 'x' }),
    );
    expect((await counters(sku, wh.id)).reserved).toBe(3);
    await database.db.transaction((tx) =>
      reservations.release(tx, { sagaId: cmd.sagaId, orderId: cmd.orderId, reservationIds: ids, reason: 'declined' }),
    );
    expect(await counters(sku, wh.id)).toEqual({ onHand: 10, reserved: 0, ledgerOnHand: 10, ledgerReserved: 0 });
  });

  it('release without ids releases all the saga still holds (a saga that timed out before the reply)', async () => {
    const { wh, sku, cmd, ids } = await reserved(3);
    const events = await database.db.transaction((tx) =>
      reservations.release(tx, { sagaId: cmd.sagaId, orderId: cmd.orderId, reservationIds: [], reason: 'timed out' }),
    );
    expect(events).toEqual([
      { type: 'StockReleased', aggregateId: cmd.sagaId, data: { sagaId: cmd.sagaId, orderId: cmd.orderId, reservationIds: ids } },
    ]);
    expect((await counters(sku, wh.id)).reserved).toBe(0);
  });

  it('expires reservations past their TTL with ReservationExpired, once', async () => {
    const { wh, sku, cmd, ids } = await reserved(2);
    const saga = { sagaId: cmd.sagaId, orderId: cmd.orderId };
    expect(await database.db.transaction((tx) => reservations.expireSaga(tx, saga))).toEqual([]);
    clock = new Date(clock.getTime() + 61_000);
    expect((await reservations.dueSagas(1000)).map((s) => s.sagaId)).toContain(cmd.sagaId);
    const events = await database.db.transaction((tx) => reservations.expireSaga(tx, saga));
    expect(events).toEqual([{ type: 'ReservationExpired', aggregateId: cmd.sagaId, data: { ...saga, reservationIds: ids } }]);
    expect(await database.db.transaction((tx) => reservations.expireSaga(tx, saga))).toEqual([]);
    expect(await counters(sku, wh.id)).toEqual({ onHand: 10, reserved: 0, ledgerOnHand: 10, ledgerReserved: 0 });
    expect(await sql('select status from inventory.reservations where id = any($1)', [ids])).toEqual([{ status: 'EXPIRED' }]);
  });
});

describe('the database itself', () => {
  it('refuses reserved > on hand whatever the code does', async () => {
    const wh = await warehouse(database);
    const sku = `T-${tag()}`;
    await stockBatch(database, { sku, warehouseId: wh.id, quantity: 2 });
    await expect(sql('update inventory.stock_levels set reserved = 3 where sku = $1', [sku])).rejects.toThrow(
      /stock_levels_never_oversold/,
    );
    await expect(sql('update inventory.stock_levels set on_hand = -1, reserved = -1 where sku = $1', [sku])).rejects.toThrow(
      /never_oversold/,
    );
  });
});
