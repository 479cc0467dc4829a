import { randomUUID } from 'node:crypto';
import type { Db, NewEvent, Tx } from '@basket/platform';
import type { z } from 'zod';
import type { EventData } from '@basket/schema';
import type { inventoryCommands } from '@basket/schema/events/inventory';
import * as stock from '../db/stock-store';
import * as store from '../db/reservations-store';
import { substitutesOf } from '../db/settings-store';
import type { ReservationRow, StockLevelRow } from '../db/schema';
import { candidateSkus, planReservation } from '../domain/reservation-plan';
import { allocateFefo } from '../domain/batches';
import { vietnamDate } from '../domain/dates';
import { toBatchStock } from './batch-stock';
import { lowStockEvents } from './low-stock';

// From the contract file itself, so these read the same whichever registry lists the commands.
export type ReserveCommand = z.infer<typeof inventoryCommands.ReserveStock.data>;
export type ReleaseCommand = z.infer<typeof inventoryCommands.ReleaseStock.data>;
export type CommitCommand = z.infer<typeof inventoryCommands.CommitStock.data>;

export interface ReservationServiceDeps {
  db: Db;
  /** Injected so tests and the TTL job agree on "now". */
  now?: () => Date;
}

/**
 * The saga's side of stock: reserve, release, commit and expire. Each function runs in
 * the caller's transaction and returns the events to publish with it, so the effect
 * and its reply commit together (the command consumer publishes them).
 */
export function createReservationService(deps: ReservationServiceDeps) {
  const now = deps.now ?? (() => new Date());

  /**
   * All lines or none. The stock rows of every SKU the command may touch (its own and,
   * where allowed, the substitutes) are locked first, in (sku, warehouse) order; the
   * batches are read under those locks, so the plan sees what no one else can change.
   */
  async function reserve(tx: Tx, command: ReserveCommand): Promise<NewEvent[]> {
    const previous = await store.findRequest(tx, command.sagaId);
    if (previous) return [replayOf(previous)];

    const at = now();
    const today = vietnamDate(at);
    const substitutes = await substitutesOf(
      tx,
      command.lines.filter((l) => l.allowSubstitution).map((l) => l.sku),
    );
    const skus = [...new Set(command.lines.flatMap((l) => candidateSkus(l, substitutes)))];
    const levels = await stock.lockStockInRegion(tx, skus, command.region);
    const batches = (await stock.batchesOf(tx, levels)).map(toBatchStock);
    const plan = planReservation(command.lines, batches, substitutes, today);

    if (!plan.ok) {
      const reply = { sagaId: command.sagaId, orderId: command.orderId, reason: 'INSUFFICIENT_STOCK', shortages: plan.shortages };
      await store.saveRequest(tx, { sagaId: command.sagaId, orderId: command.orderId, outcome: 'FAILED', reply });
      return [{ type: 'StockReservationFailed', aggregateId: command.sagaId, data: reply }];
    }

    const expiresAt = new Date(at.getTime() + command.ttlSeconds * 1000);
    const withIds = plan.reservations.map((r) => ({ ...r, id: randomUUID() }));
    await store.insertReservations(
      tx,
      withIds.map((r) => ({
        id: r.id,
        sagaId: command.sagaId,
        orderId: command.orderId,
        lineId: r.lineId,
        sku: r.sku,
        requestedSku: r.requestedSku,
        warehouseId: r.warehouseId,
        quantity: r.quantity,
        expiresAt,
      })),
      withIds.flatMap((r) => r.allocations.map((a) => ({ reservationId: r.id, batchId: a.batchId, quantity: a.quantity }))),
    );
    const after = await stock.recordMovements(
      tx,
      withIds.flatMap((r) =>
        r.allocations.map((a) => ({
          sku: r.sku,
          warehouseId: r.warehouseId,
          batchId: a.batchId,
          reservationId: r.id,
          kind: 'reservation' as const,
          quantity: a.quantity,
          onHandDelta: 0,
          reservedDelta: a.quantity,
        })),
      ),
    );
    const reply = {
      sagaId: command.sagaId,
      orderId: command.orderId,
      expiresAt: expiresAt.toISOString(),
      reservations: withIds.map((r) => ({
        reservationId: r.id,
        lineId: r.lineId,
        sku: r.sku,
        requestedSku: r.requestedSku,
        quantity: r.quantity,
        warehouseId: r.warehouseId,
        substituted: r.substituted,
      })),
    };
    await store.saveRequest(tx, { sagaId: command.sagaId, orderId: command.orderId, outcome: 'RESERVED', reply });
    return [{ type: 'StockReserved', aggregateId: command.sagaId, data: reply }, ...(await lowStockEvents(tx, levels, after))];
  }

  /**
   * Closes this saga's still-active reservations among `ids`: their units go back to
   * free stock (release, expiry) or leave the shelf (sale). Anything already closed is
   * skipped, which makes replays and late duplicates no-ops. Returns what it closed.
   */
  async function close(tx: Tx, sagaId: string, ids: readonly string[], to: 'RELEASED' | 'EXPIRED' | 'COMMITTED') {
    const active = (await store.lockReservations(tx, ids, sagaId)).filter((r) => r.status === 'ACTIVE');
    if (active.length === 0) return { closed: [] as ReservationRow[], events: [] as NewEvent[] };
    const levels = await stock.lockStock(tx, active);
    const allocations = await store.allocationsOf(
      tx,
      active.map((r) => r.id),
    );
    const byId = new Map(active.map((r) => [r.id, r]));
    const sale = to === 'COMMITTED';
    const after = await stock.recordMovements(
      tx,
      allocations.map((a) => {
        const r = byId.get(a.reservationId)!;
        return {
          sku: r.sku,
          warehouseId: r.warehouseId,
          batchId: a.batchId,
          reservationId: r.id,
          kind: sale ? ('sale' as const) : ('release' as const),
          quantity: a.quantity,
          onHandDelta: sale ? -a.quantity : 0,
          reservedDelta: -a.quantity,
          reason: to === 'EXPIRED' ? 'reservation expired' : null,
        };
      }),
    );
    await store.closeReservations(
      tx,
      active.map((r) => r.id),
      to,
    );
    return { closed: active, events: await lowStockEvents(tx, levels, after) };
  }

  /** Sells expired reservations' quantities from what is free now (their stock rows are locked). */
  async function sellAgain(tx: Tx, expired: readonly ReservationRow[], before: readonly StockLevelRow[]) {
    if (expired.length === 0) return { sold: [] as string[], events: [] as NewEvent[] };
    const today = vietnamDate(now());
    const pool = (await stock.batchesOf(tx, expired)).map(toBatchStock);
    const sold: string[] = [];
    const moves: stock.MovementInput[] = [];
    for (const r of expired) {
      const allocations = allocateFefo(
        pool.filter((b) => b.sku === r.sku && b.warehouseId === r.warehouseId),
        r.quantity,
        today,
      );
      if (!allocations) continue;
      for (const a of allocations) {
        pool.find((b) => b.id === a.batchId)!.remaining -= a.quantity;
        moves.push({
          sku: r.sku,
          warehouseId: r.warehouseId,
          batchId: a.batchId,
          reservationId: r.id,
          kind: 'sale',
          quantity: a.quantity,
          onHandDelta: -a.quantity,
          reservedDelta: 0,
          reason: 'committed after the reservation expired',
        });
      }
      sold.push(r.id);
    }
    const after = await stock.recordMovements(tx, moves);
    await store.reopenAsCommitted(tx, sold);
    return { sold, events: await lowStockEvents(tx, before, after) };
  }

  return {
    reserve,

    /**
     * Idempotent: whatever was already released, expired or sold, the reply goes out.
     * With no ids, it releases everything the saga still holds: a saga that timed out
     * before StockReserved reached it does not know the ids, yet must not leave units
     * reserved until the TTL (commands of one saga share a partition, so its
     * ReserveStock was applied first). The reply names what was released then.
     */
    async release(tx: Tx, command: ReleaseCommand): Promise<NewEvent[]> {
      const ids = command.reservationIds.length
        ? command.reservationIds
        : (await store.activeReservationsOfSaga(tx, command.sagaId)).map((r) => r.id);
      const { events } = await close(tx, command.sagaId, ids, 'RELEASED');
      const data = { sagaId: command.sagaId, orderId: command.orderId, reservationIds: ids };
      return [{ type: 'StockReleased', aggregateId: command.sagaId, data }, ...events];
    },

    /**
     * Reserved units become a sale. A reservation the TTL job expired a moment before
     * the commit arrived (payment and expiry crossing) is sold anyway when its units are
     * still free in its warehouse, taken first-expiry-first-out again; one the saga itself
     * released stays released. The reply goes out in every case, as the contract's
     * idempotent replies do; `missed` lists what could not be sold, for the caller to log.
     */
    async commit(tx: Tx, command: CommitCommand): Promise<{ events: NewEvent[]; missed: ReservationRow[] }> {
      const all = await store.lockReservations(tx, command.reservationIds, command.sagaId);
      const expired = all.filter((r) => r.status === 'EXPIRED');
      // Every stock row this commit may touch, locked at once in the one global order.
      const levels = await stock.lockStock(
        tx,
        all.filter((r) => r.status === 'ACTIVE' || r.status === 'EXPIRED'),
      );
      const { events } = await close(tx, command.sagaId, command.reservationIds, 'COMMITTED');
      const retaken = await sellAgain(tx, expired, levels);
      const missed = all.filter((r) => r.status === 'RELEASED' || (r.status === 'EXPIRED' && !retaken.sold.includes(r.id)));
      const data = { sagaId: command.sagaId, orderId: command.orderId, reservationIds: command.reservationIds };
      return { events: [{ type: 'StockCommitted', aggregateId: command.sagaId, data }, ...events, ...retaken.events], missed };
    },

    /** Expires one saga's reservations that are past their TTL; nothing when none are (any more). */
    async expireSaga(tx: Tx, saga: { sagaId: string; orderId: string }): Promise<NewEvent[]> {
      const due = (await store.activeReservationsOfSaga(tx, saga.sagaId)).filter((r) => r.expiresAt <= now());
      const { closed, events } = await close(
        tx,
        saga.sagaId,
        due.map((r) => r.id),
        'EXPIRED',
      );
      if (closed.length === 0) return [];
      const data = { ...saga, reservationIds: closed.map((r) => r.id) };
      return [{ type: 'ReservationExpired', aggregateId: saga.sagaId, data }, ...events];
    },

    /** Sagas with reservations past their TTL, for the expiry job. */
    dueSagas: (limit: number) => store.dueSagas(deps.db, now(), limit),
  };
}

export type ReservationService = ReturnType<typeof createReservationService>;

/** The reply a saga already got, sent again for a redelivered or retried ReserveStock. */
function replayOf(previous: store.StoredRequest): NewEvent {
  return previous.outcome === 'RESERVED'
    ? { type: 'StockReserved', aggregateId: previous.sagaId, data: previous.reply as EventData<'StockReserved'> }
    : { type: 'StockReservationFailed', aggregateId: previous.sagaId, data: previous.reply as EventData<'StockReservationFailed'> };
}
