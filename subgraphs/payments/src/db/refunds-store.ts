import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '@basket/platform';
import { refundRows, type RefundRow } from './schema';

export type NewRefund = typeof refundRows.$inferInsert;

/** Null when a refund with this idempotency key already exists (unique index). */
export async function insertRefund(tx: Tx, values: NewRefund): Promise<RefundRow | null> {
  const [row] = await tx.insert(refundRows).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function findRefundByKey(db: Executor, idempotencyKey: string): Promise<RefundRow | null> {
  const [row] = await db.select().from(refundRows).where(eq(refundRows.idempotencyKey, idempotencyKey));
  return row ?? null;
}

export async function updateRefund(tx: Tx, id: string, set: Pick<RefundRow, 'status' | 'providerReference'>): Promise<void> {
  await tx.update(refundRows).set(set).where(eq(refundRows.id, id));
}

/** VND already given back (or on its way) for a payment; read under the payment's row lock. */
export async function refundedVnd(tx: Tx, paymentId: string): Promise<number> {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${refundRows.amountVnd}), 0)` })
    .from(refundRows)
    .where(sql`${refundRows.paymentId} = ${paymentId} and ${refundRows.status} <> 'failed'`);
  return Number(row?.total ?? 0);
}

export async function refundsOfPayments(db: Executor, paymentIds: readonly string[]): Promise<RefundRow[]> {
  if (paymentIds.length === 0) return [];
  return db
    .select()
    .from(refundRows)
    .where(inArray(refundRows.paymentId, [...paymentIds]))
    .orderBy(asc(refundRows.createdAt));
}
