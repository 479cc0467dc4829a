import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor, Tx } from '@basket/platform';
import { reservationAllocations, reservationRequests, reservations, type ReservationRow, type ReservationStatus } from './schema';

export interface StoredRequest {
  sagaId: string;
  orderId: string;
  outcome: 'RESERVED' | 'FAILED';
  reply: unknown;
}

/**
 * Claims a saga's ReserveStock. A concurrent duplicate blocks on the primary key until
 * the first commits, then finds its row: the same command never reserves twice.
 * Returns the stored request when the saga had one already.
 */
export async function claimRequest(tx: Tx, sagaId: string): Promise<StoredRequest | null> {
  // query: claim-reservation-request (lock the key; written for real by saveRequest)
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`inventory:reserve:${sagaId}`}, 0))`);
  const [row] = await tx.select().from(reservationRequests).where(eq(reservationRequests.sagaId, sagaId));
  return row ? { sagaId: row.sagaId, orderId: row.orderId, outcome: row.outcome, reply: row.reply } : null;
}

export async function saveRequest(tx: Tx, request: StoredRequest): Promise<void> {
  await tx.insert(reservationRequests).values(request);
}

export async function insertReservations(tx: Tx, rows: (typeof reservations.$inferInsert)[]): Promise<ReservationRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(reservations).values(rows).returning();
}

export async function insertAllocations(tx: Tx, rows: (typeof reservationAllocations.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(reservationAllocations).values(rows);
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
