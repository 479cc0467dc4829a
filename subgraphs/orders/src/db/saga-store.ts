import { and, eq, lte } from 'drizzle-orm';
import type { Executor, Tx } from '@basket/platform';
import { sagaLog, sagas, type SagaRow } from './schema';

/** insert-saga */
export async function insertSaga(tx: Tx, row: typeof sagas.$inferInsert): Promise<void> {
  await tx.insert(sagas).values(row);
}

/** lock-saga: replies, timeouts and cancellation of one saga take turns on its row. */
export async function lockSaga(tx: Tx, id: string): Promise<SagaRow | null> {
  const [row] = await tx.select().from(sagas).where(eq(sagas.id, id)).for('update');
  return row ?? null;
}

/** find-saga-of-order */
export async function sagaOfOrder(executor: Executor, orderId: string): Promise<SagaRow | null> {
  const [row] = await executor.select().from(sagas).where(eq(sagas.orderId, orderId));
  return row ?? null;
}

/** update-saga */
export async function updateSaga(
  tx: Tx,
  id: string,
  patch: Partial<Pick<SagaRow, 'status' | 'step' | 'deadlineAt' | 'context' | 'failureReason'>>,
): Promise<void> {
  await tx
    .update(sagas)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(sagas.id, id));
}

/**
 * overdue-sagas: running sagas past their step's deadline, locked; SKIP LOCKED lets
 * several processes sweep at once without waiting on (or doubling) each other's work.
 */
export async function lockOverdueSagas(tx: Tx, now: Date, limit: number): Promise<SagaRow[]> {
  return tx
    .select()
    .from(sagas)
    .where(and(eq(sagas.status, 'RUNNING'), lte(sagas.deadlineAt, now)))
    .orderBy(sagas.deadlineAt)
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** log-saga-message */
export async function logSagaMessage(tx: Tx, entry: { sagaId: string; messageId: string | null; type: string; outcome: string }) {
  await tx.insert(sagaLog).values(entry);
}

/** saga-log (tests and operators) */
export async function sagaMessages(executor: Executor, sagaId: string) {
  return executor.select().from(sagaLog).where(eq(sagaLog.sagaId, sagaId)).orderBy(sagaLog.id);
}
