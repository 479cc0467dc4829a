import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { onlyUuids, type Executor, type Tx } from '@basket/platform';
import { LIVE_STATUSES } from '../domain/payment-status';
import { paymentRows, type PaymentRow } from './schema';

export type NewPayment = typeof paymentRows.$inferInsert;

/**
 * Inserts a payment unless its idempotency key, or a live payment of the same order,
 * already exists (unique indexes). A concurrent twin waits on the index entry and then
 * gets null: the database, not a read-then-write, decides there is one charge.
 */
export async function insertPayment(tx: Tx, values: NewPayment): Promise<PaymentRow | null> {
  const [row] = await tx.insert(paymentRows).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** The payment a repeated AuthorizePayment refers to: same key, else the order's live one. */
export async function findExistingAuthorization(db: Executor, idempotencyKey: string, orderId: string): Promise<PaymentRow | null> {
  const [byKey] = await db.select().from(paymentRows).where(eq(paymentRows.idempotencyKey, idempotencyKey));
  if (byKey) return byKey;
  return findLivePayment(db, orderId);
}

export async function findLivePayment(db: Executor, orderId: string): Promise<PaymentRow | null> {
  const [row] = await db
    .select()
    .from(paymentRows)
    .where(and(eq(paymentRows.orderId, orderId), inArray(paymentRows.status, [...LIVE_STATUSES])));
  return row ?? null;
}

/** Locks the row: commands and webhooks about one payment apply one at a time. */
export async function lockPayment(tx: Tx, id: string): Promise<PaymentRow | null> {
  const [row] = await tx.select().from(paymentRows).where(eq(paymentRows.id, id)).for('update');
  return row ?? null;
}

export async function lockPaymentByReference(tx: Tx, provider: string, reference: string): Promise<PaymentRow | null> {
  const [row] = await tx
    .select()
    .from(paymentRows)
    .where(and(eq(paymentRows.provider, provider as PaymentRow['provider']), eq(paymentRows.providerReference, reference)))
    .for('update');
  return row ?? null;
}

export async function updatePayment(
  tx: Tx,
  id: string,
  set: Partial<Pick<PaymentRow, 'status' | 'providerReference' | 'declineCode' | 'declineReason'>>,
): Promise<PaymentRow> {
  const [row] = await tx
    .update(paymentRows)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(paymentRows.id, id))
    .returning();
  if (!row) throw new Error(`payment ${id} vanished`);
  return row;
}

/** Every payment of these orders, newest first (a declined attempt, then the one that went through). */
export async function paymentsOfOrders(db: Executor, orderIds: readonly string[]): Promise<PaymentRow[]> {
  const valid = onlyUuids(orderIds);
  if (valid.length === 0) return [];
  return db
    .select()
    .from(paymentRows)
    .where(inArray(paymentRows.orderId, valid))
    .orderBy(desc(paymentRows.createdAt), desc(paymentRows.id));
}

export async function findPaymentsByIds(db: Executor, ids: readonly string[]): Promise<PaymentRow[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return [];
  return db.select().from(paymentRows).where(inArray(paymentRows.id, valid));
}
