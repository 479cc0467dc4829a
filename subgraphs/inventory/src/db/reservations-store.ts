import { and, asc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor, Tx } from '@basket/platform';
import { reservationAllocations, reservationRequests, reservations, type ReservationRow, type ReservationStatus } from './schema';

export interface StoredRequest {
  sagaId: string;
  orderId: string;
  outcome: 'RESERVED' | 'FAILED';
  reply: unknown;
}

/**
 * The outcome a saga's ReserveStock already had, if any. Commands of one saga share a
 * partition, so duplicates arrive one after the other; should two ever run at once, the
 * second one's saveRequest hits the primary key, its whole transaction rolls back and
 * the consumer's retry finds the first outcome here.
 */
export async function findRequest(db: Executor, sagaId: string): Promise<StoredRequest | null> {
  const [row] = await db.select().from(reservationRequests).where(eq(reservationRequests.sagaId, sagaId));
  return row ? { sagaId: row.sagaId, orderId: row.orderId, outcome: row.outcome, reply: row.reply } : null;
}

export async function saveRequest(tx: Tx, request: StoredRequest): Promise<void> {
  await tx.insert(reservationRequests).values(request);
}

/** A reservation and the batches it holds, in one statement (one round trip under the stock locks). */
export async function insertReservations(
  tx: Tx,
  rows: (typeof reservations.$inferInsert & { id: string })[],
  allocations: (typeof reservationAllocations.$inferInsert)[],
): Promise<void> {
  if (rows.length === 0) return;
  const list = (parts: SQL[]) => sql.join(parts, sql`, `);
  const values = list(
    rows.map(
      (r) =>
        sql`(${r.id}::uuid, ${r.sagaId}, ${r.orderId}, ${r.lineId}, ${r.sku}, ${r.requestedSku}, ${r.warehouseId}::uuid, ${r.quantity}::int, ${r.expiresAt.toISOString()}::timestamptz)`,
    ),
  );
  const held = list(allocations.map((a) => sql`(${a.reservationId}::uuid, ${a.batchId}::uuid, ${a.quantity}::int)`));
  // query: insert-reservations-with-allocations
  await tx.execute(sql`with held as (
      insert into ${reservations} (id, saga_id, order_id, line_id, sku, requested_sku, warehouse_id, quantity, expires_at)
      values ${values})
    insert into ${reservationAllocations} (reservation_id, batch_id, quantity) values ${held}`);
}

/**
 * Locks reservations by id (ordered by id, so two closers never deadlock on them) and
 * returns those of this saga: a command cannot release another saga's reservations.
 */
export async function lockReservations(tx: Tx, ids: readonly string[], sagaId?: string): Promise<ReservationRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(reservations)
    .where(and(inArray(reservations.id, [...ids]), sagaId === undefined ? undefined : eq(reservations.sagaId, sagaId)))
    .orderBy(asc(reservations.id))
    .for('update');
}

export async function allocationsOf(db: Executor, reservationIds: readonly string[]) {
  if (reservationIds.length === 0) return [];
  return db
    .select()
    .from(reservationAllocations)
    .where(inArray(reservationAllocations.reservationId, [...reservationIds]));
}

export async function closeReservations(tx: Tx, ids: readonly string[], status: Exclude<ReservationStatus, 'ACTIVE'>): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(reservations)
    .set({ status, closedAt: new Date() })
    .where(and(inArray(reservations.id, [...ids]), eq(reservations.status, 'ACTIVE')));
}

/** Expired reservations sold after all (a commit that crossed the TTL job). */
export async function reopenAsCommitted(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(reservations)
    .set({ status: 'COMMITTED', closedAt: new Date() })
    .where(and(inArray(reservations.id, [...ids]), eq(reservations.status, 'EXPIRED')));
}

/** Sagas with active reservations past their TTL, oldest first: each is expired in a transaction of its own. */
export async function dueSagas(db: Executor, now: Date, limit: number): Promise<{ sagaId: string; orderId: string }[]> {
  return db
    .selectDistinct({ sagaId: reservations.sagaId, orderId: reservations.orderId })
    .from(reservations)
    .where(and(eq(reservations.status, 'ACTIVE'), lte(reservations.expiresAt, now)))
    .limit(limit);
}

export async function activeReservationsOfSaga(db: Executor, sagaId: string): Promise<ReservationRow[]> {
  return db
    .select()
    .from(reservations)
    .where(and(eq(reservations.sagaId, sagaId), eq(reservations.status, 'ACTIVE')))
    .orderBy(asc(reservations.id));
}
