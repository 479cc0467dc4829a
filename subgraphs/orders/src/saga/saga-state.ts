/**
 * A saga row's status. RUNNING: a step waits for its reply (or its deadline).
 * COMPLETED: every step succeeded. COMPENSATED: a step failed or timed out, or the
 * customer cancelled, and the undo of every earlier step was sent (undo commands are
 * idempotent and need no further coordination, so there is no lingering COMPENSATING).
 */
export const SAGA_STATUSES = ['RUNNING', 'COMPLETED', 'COMPENSATED'] as const;
export type SagaStatus = (typeof SAGA_STATUSES)[number];
