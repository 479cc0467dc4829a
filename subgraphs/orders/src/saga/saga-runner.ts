import type { Database, Logger, Tx } from '@basket/platform';
import type { OrderStatus } from '../domain/order-lifecycle';
import * as store from '../db/saga-store';
import type { SagaRow } from '../db/schema';
import type { CommandType } from './messages';
import { stepForReply, type RemoteStep, type SagaDefinition } from './saga-definition';

/** Writes a command to the outbox in the caller's transaction (see command-outbox.ts). */
export type SendCommand = (tx: Tx, type: CommandType, key: string, data: unknown) => Promise<void>;

/** What the saga does to the order; the order service implements these through the lifecycle table. */
export interface SagaEffects<Ctx> {
  /** Moves the order along the lifecycle table (history row and event included). */
  moveOrder(tx: Tx, ctx: Ctx, to: OrderStatus): Promise<void>;
  /** Ends the order as CANCELLED with a reason the customer can read, and what caused it. */
  cancelOrder(tx: Tx, ctx: Ctx, reason: string, cause: FailureCause): Promise<void>;
  /** After a step's success is applied: e.g. the substitutions inventory made. */
  succeeded?(tx: Tx, ctx: Ctx, step: string, reply: unknown): Promise<void>;
}

/** Why a saga failed: the failure reply (with its data) or the step that timed out. */
export type FailureCause = { reply: string; data: unknown } | { timedOut: string };

/** The saga row's context column: the saga's own data and which steps have succeeded. */
interface Stored<Ctx> {
  data: Ctx;
  completed: string[];
}

export interface IncomingReply {
  id: string;
  type: string;
  data: { sagaId: string };
}

export interface SagaRunnerOptions<Ctx> {
  saga: SagaDefinition<Ctx>;
  send: SendCommand;
  effects: SagaEffects<Ctx>;
  logger: Logger;
  now?: () => Date;
}

/**
 * Interprets a saga declaration over the sagas table. Every transition happens in the
 * transaction of the message (or timeout) that caused it, with the saga row locked:
 * the reply's processed_events row, the saga's new state, the order's move and the
 * next command commit together. So a process killed at any point resumes from the
 * table; a redelivered reply is stopped by processed_events, and a second copy of a
 * reply (new message id) by the state check (its step is no longer the waiting one).
 */
export function createSagaRunner<Ctx>(options: SagaRunnerOptions<Ctx>) {
  const { saga, send, effects, logger } = options;
  const now = options.now ?? (() => new Date());
  const read = (row: SagaRow) => row.context as unknown as Stored<Ctx>;
  const write = (stored: Stored<Ctx>) => stored as unknown as Record<string, unknown>;

  /** Starts step `index` (or completes the saga past the last one). */
  async function enter(tx: Tx, sagaId: string, index: number, stored: Stored<Ctx>): Promise<void> {
    for (let i = index; i < saga.steps.length; i++) {
      const step = saga.steps[i]!;
      if (step.kind === 'remote') {
        if (step.enter) await effects.moveOrder(tx, stored.data, step.enter);
        await send(tx, step.command.type, sagaId, step.command.build(stored.data, sagaId));
        const at = now();
        await store.updateSaga(tx, sagaId, {
          status: 'RUNNING',
          step: step.name,
          deadlineAt: new Date(at.getTime() + Math.max(0, step.timeoutMs(stored.data, at))),
          context: write(stored),
        });
        return;
      }
      for (const c of step.commands) await send(tx, c.type, sagaId, c.build(stored.data, sagaId));
      await effects.moveOrder(tx, stored.data, step.orderStatus);
      stored = { ...stored, completed: [...stored.completed, step.name] };
    }
    await store.updateSaga(tx, sagaId, {
      status: 'COMPLETED',
      step: saga.steps.at(-1)!.name,
      deadlineAt: null,
      context: write(stored),
    });
  }

  /** Sends the undo of every succeeded step, newest first (and of the waiting step's effects in flight). */
  async function compensate(tx: Tx, row: SagaRow, stored: Stored<Ctx>, inFlight: RemoteStep<Ctx> | null): Promise<void> {
    if (inFlight?.undoInFlight) await send(tx, inFlight.undoInFlight.type, row.id, inFlight.undoInFlight.build(stored.data, row.id));
    for (const name of [...stored.completed].reverse()) {
      const step = saga.steps.find((s) => s.name === name)!;
      if ('command' in step.compensation) {
        await send(tx, step.compensation.command.type, row.id, step.compensation.command.build(stored.data, row.id));
      } else {
        logger.debug({ sagaId: row.id, step: name, why: step.compensation.none }, 'no compensation for step');
      }
    }
  }

  async function fail(tx: Tx, row: SagaRow, stored: Stored<Ctx>, inFlight: RemoteStep<Ctx> | null, reason: string, cause: FailureCause) {
    await compensate(tx, row, stored, inFlight);
    await store.updateSaga(tx, row.id, { status: 'COMPENSATED', deadlineAt: null, failureReason: reason });
    await effects.cancelOrder(tx, stored.data, reason, cause);
  }

  const waitingStep = (row: SagaRow): RemoteStep<Ctx> | null => {
    const step = saga.steps.find((s) => s.name === row.step);
    return row.status === 'RUNNING' && step?.kind === 'remote' ? step : null;
  };

  return {
    saga,

    /** Inserts the saga and starts its first step, in the transaction that creates the order. */
    async start(tx: Tx, args: { sagaId: string; orderId: string; data: Ctx }): Promise<void> {
      const stored: Stored<Ctx> = { data: args.data, completed: [] };
      await store.insertSaga(tx, {
        id: args.sagaId,
        orderId: args.orderId,
        name: saga.name,
        status: 'RUNNING',
        step: saga.steps[0]!.name,
        deadlineAt: null,
        context: write(stored),
      });
      await enter(tx, args.sagaId, 0, stored);
    },

    /** A reply or fact addressed to a saga (the idempotent consumer calls this in its transaction). */
    async handle(tx: Tx, message: IncomingReply): Promise<string> {
      const row = await store.lockSaga(tx, message.data.sagaId);
      // Another saga kind, or traffic from another deployment sharing the topic: not ours.
      if (!row || row.name !== saga.name) return 'unknown-saga';
      const outcome = await apply(tx, row, message);
      await store.logSagaMessage(tx, { sagaId: row.id, messageId: message.id, type: message.type, outcome });
      return outcome;
    },

    /**
     * Gives up on steps whose deadline passed: compensates and cancels. Each saga in a
     * transaction of its own; returns how many timed out.
     */
    async sweep(database: Database, limit = 50): Promise<number> {
      return database.db.transaction(async (tx) => {
        const due = await store.lockOverdueSagas(tx, now(), limit);
        let timedOut = 0;
        for (const row of due) {
          const step = waitingStep(row);
          if (!step) continue;
          timedOut++;
          logger.warn({ sagaId: row.id, step: step.name }, 'saga step timed out; compensating');
          await fail(tx, row, read(row), step, step.timeoutReason, { timedOut: step.name });
          await store.logSagaMessage(tx, { sagaId: row.id, messageId: null, type: `timeout:${step.name}`, outcome: 'compensated' });
        }
        return timedOut;
      });
    },

    /**
     * The customer (or an admin) cancels while the saga runs: the undo of what succeeded
     * and of what may be in flight is sent; the caller moves the order. False when the
     * saga had already ended (the caller handles a finished order itself).
     */
    async abort(tx: Tx, sagaId: string, reason: string): Promise<boolean> {
      const row = await store.lockSaga(tx, sagaId);
      const step = row && waitingStep(row);
      if (!row || !step) return false;
      await compensate(tx, row, read(row), step);
      await store.updateSaga(tx, row.id, { status: 'COMPENSATED', deadlineAt: null, failureReason: reason });
      await store.logSagaMessage(tx, { sagaId: row.id, messageId: null, type: 'abort', outcome: 'compensated' });
      return true;
    },
  };

  async function apply(tx: Tx, row: SagaRow, message: IncomingReply): Promise<string> {
    const stored = read(row);
    const waiting = waitingStep(row);
    if (saga.timeoutSignals.includes(message.type as never)) {
      if (!waiting || !matchesReservations(stored.data, message.data)) return 'ignored';
      await fail(tx, row, stored, waiting, waiting.timeoutReason, { timedOut: waiting.name });
      return 'timed-out';
    }
    const match = stepForReply(saga, message.type);
    if (!match) return 'acknowledged';
    const { step, index, succeeded } = match;
    if (waiting !== step) {
      // Not what the saga waits for: a second copy of a reply already applied, or an
      // answer that comes after the saga gave up on the step. A late success left
      // effects behind (stock held, money on hold): undo them from the reply itself.
      if (succeeded && !stored.completed.includes(step.name)) {
        await send(tx, step.success.undoLate.type, row.id, step.success.undoLate.build(message.data));
        return 'late-success-undone';
      }
      return 'ignored';
    }
    if (!succeeded) {
      await fail(tx, row, stored, null, step.failure.reason(message.data), { reply: message.type, data: message.data });
      return 'failed';
    }
    const next: Stored<Ctx> = {
      data: { ...stored.data, ...step.success.remember(message.data) },
      completed: [...stored.completed, step.name],
    };
    await effects.moveOrder(tx, next.data, step.success.orderStatus);
    await effects.succeeded?.(tx, next.data, step.name, message.data);
    await enter(tx, row.id, index + 1, next);
    return 'applied';
  }
}

/** A ReservationExpired about other reservations (an earlier attempt's) must not end this step. */
function matchesReservations(data: unknown, message: unknown): boolean {
  const held = (data as { reservationIds?: string[] }).reservationIds ?? [];
  const expired = (message as { reservationIds?: string[] }).reservationIds ?? [];
  return expired.length === 0 || expired.some((id) => held.includes(id));
}

export type SagaRunner<Ctx> = ReturnType<typeof createSagaRunner<Ctx>>;
