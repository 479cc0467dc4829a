import type { OrderStatus } from '../domain/order-lifecycle';
import type { CommandData, CommandType, ReplyData, ReplyType } from './messages';

/**
 * The vocabulary a saga is declared in (checkout-saga.ts) and that saga-runner.ts
 * interprets. Declarations are typed per message by the helpers below (`remoteStep`,
 * `command`); the runner sees the erased shapes and validates every message at the
 * edge (commands against the contract's validators before they reach the outbox).
 */

/** A command the saga sends, built from its context. */
export interface CommandSpec<Ctx> {
  type: CommandType;
  build(ctx: Ctx, sagaId: string): unknown;
}

/** An undo: a command, or the reason none is needed (never silently absent). */
export type Compensation<Ctx> = { command: CommandSpec<Ctx> } | { none: string };

export interface RemoteStep<Ctx> {
  kind: 'remote';
  name: string;
  /** The order's status while the step runs, entered when it starts (if not already there). */
  enter?: OrderStatus;
  command: CommandSpec<Ctx>;
  /** How long to wait for a reply before the saga gives up and compensates. */
  timeoutMs(ctx: Ctx, now: Date): number;
  /** Shown to the customer when the step times out. */
  timeoutReason: string;
  success: {
    reply: ReplyType;
    /** The order's status once the reply is in. */
    orderStatus: OrderStatus;
    /** What later steps and compensations need from the reply (reservation ids, payment id). */
    remember(reply: unknown): Partial<Ctx>;
    /**
     * Undo of a success that arrives after the saga stopped waiting for it (timed out,
     * cancelled): the compensation built from the reply itself, since the context
     * never learned what the late reply holds.
     */
    undoLate: CommandSpecFromReply;
  };
  failure: {
    reply: ReplyType;
    /** Shown to the customer: why the order was cancelled. */
    reason(reply: unknown): string;
  };
  /** Undo of this step once it succeeded, sent when a later step fails or times out. */
  compensation: Compensation<Ctx>;
  /**
   * Also sent when the step itself times out or the order is cancelled while waiting,
   * for effects that may exist without a reply yet (a payment the provider is still
   * deciding). Without it, a late success is undone by `undoLate`.
   */
  undoInFlight?: CommandSpec<Ctx>;
}

export interface CommandSpecFromReply {
  type: CommandType;
  build(reply: unknown): unknown;
}

/** A step that needs no reply: its commands are sent and the saga moves on (their replies are only logged). */
export interface LocalStep<Ctx> {
  kind: 'local';
  name: string;
  commands: CommandSpec<Ctx>[];
  orderStatus: OrderStatus;
  compensation: Compensation<Ctx>;
}

export type SagaStep<Ctx> = RemoteStep<Ctx> | LocalStep<Ctx>;

export interface SagaDefinition<Ctx> {
  name: string;
  steps: SagaStep<Ctx>[];
  /** Replies that are logged but change nothing (answers to compensations and fire-and-forget commands). */
  acknowledgements: ReplyType[];
  /**
   * Facts that mean the waiting step can no longer succeed (the reservation it needed
   * expired): handled exactly like that step's timeout.
   */
  timeoutSignals: ReplyType[];
}

/** A command typed by its contract: `build` must return exactly that command's data. */
export function command<Ctx, T extends CommandType>(type: T, build: (ctx: Ctx, sagaId: string) => CommandData<T>): CommandSpec<Ctx> {
  return { type, build: build as CommandSpec<Ctx>['build'] };
}

/** The typed form of a remote step: replies and commands are checked against the contract. */
export function remoteStep<Ctx, C extends CommandType, S extends ReplyType, F extends ReplyType, U extends CommandType>(def: {
  name: string;
  enter?: OrderStatus;
  command: C;
  send(ctx: Ctx, sagaId: string): CommandData<C>;
  timeoutMs(ctx: Ctx, now: Date): number;
  timeoutReason: string;
  success: {
    reply: S;
    orderStatus: OrderStatus;
    remember(reply: ReplyData<S>): Partial<Ctx>;
    undoLate: { command: U; build(reply: ReplyData<S>): CommandData<U> };
  };
  failure: { reply: F; reason(reply: ReplyData<F>): string };
  compensation: Compensation<Ctx>;
  undoInFlight?: CommandSpec<Ctx>;
}): RemoteStep<Ctx> {
  return {
    kind: 'remote',
    name: def.name,
    enter: def.enter,
    command: { type: def.command, build: def.send as CommandSpec<Ctx>['build'] },
    timeoutMs: def.timeoutMs,
    timeoutReason: def.timeoutReason,
    success: {
      reply: def.success.reply,
      orderStatus: def.success.orderStatus,
      remember: def.success.remember as RemoteStep<Ctx>['success']['remember'],
      undoLate: { type: def.success.undoLate.command, build: def.success.undoLate.build as CommandSpecFromReply['build'] },
    },
    failure: { reply: def.failure.reply, reason: def.failure.reason as RemoteStep<Ctx>['failure']['reason'] },
    compensation: def.compensation,
    undoInFlight: def.undoInFlight,
  };
}

/** The step that declares this reply (as its success or its failure), if any. */
export function stepForReply<Ctx>(
  saga: SagaDefinition<Ctx>,
  type: string,
): { step: RemoteStep<Ctx>; index: number; succeeded: boolean } | null {
  for (const [index, step] of saga.steps.entries()) {
    if (step.kind !== 'remote') continue;
    if (step.success.reply === type) return { step, index, succeeded: true };
    if (step.failure.reply === type) return { step, index, succeeded: false };
  }
  return null;
}

/** Every reply type the saga consumes: step outcomes and acknowledgements. */
export function repliesOf<Ctx>(saga: SagaDefinition<Ctx>): ReplyType[] {
  const outcomes = saga.steps.flatMap((s) => (s.kind === 'remote' ? [s.success.reply, s.failure.reply] : []));
  return [...new Set([...outcomes, ...saga.acknowledgements, ...saga.timeoutSignals])];
}
