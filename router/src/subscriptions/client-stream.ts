import type { GraphQLError } from 'graphql';
import type { ExecutionResult } from '../engine/basket-engine';
import { SubscriptionEnded } from './errors';

/**
 * One client's subscription as an async iterator of results, in event order. Events are
 * queued as promises (each is resolved while earlier ones are still being sent), at most
 * `bound` of them: a client that falls that far behind is ended with
 * SUBSCRIPTION_CLIENT_TOO_SLOW instead of being allowed to grow the router's memory.
 * Events are never dropped silently: a client either gets all of them, or an error
 * that says it missed some.
 *
 * It is pulled by the transport only when the previous result has been written (graphql-ws
 * awaits each send; multipart waits for 'drain'), so the queue is what a slow client holds.
 * `return()` ends it at once, even while a `next()` waits (graphql-ws calls it when the
 * client completes or disconnects; an async generator would only return after its
 * pending `next()` settled).
 */
export class ClientStream implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: Promise<ExecutionResult>[] = [];
  private waiting: { resolve: (r: IteratorResult<ExecutionResult>) => void; reject: (e: unknown) => void } | undefined;
  /** Set once: what the client is told after the queued results (no errors: a plain completion). */
  private ending: { errors?: readonly GraphQLError[] } | undefined;
  private closed = false;

  constructor(
    private readonly bound: number,
    private readonly onClose: () => void,
    private readonly tooSlow: (bound: number) => GraphQLError,
  ) {}

  /** Queues one event's result; false when the client was ended for being too slow. */
  push(result: Promise<ExecutionResult>): boolean {
    if (this.ending || this.closed) return false;
    // Rejections surface when the client reaches them; until then they are not "unhandled".
    result.catch(() => undefined);
    if (this.queue.length >= this.bound) {
      this.queue.length = 0;
      this.end([this.tooSlow(this.bound)]);
      return false;
    }
    this.queue.push(result);
    this.wake();
    return true;
  }

  /** Ends after what is queued: with `errors` as the last message, or a plain completion. */
  end(errors?: readonly GraphQLError[]): void {
    if (this.ending || this.closed) return;
    this.ending = { errors };
    this.wake();
  }

  get pending(): number {
    return this.queue.length;
  }

  get active(): boolean {
    return !this.closed && !this.ending;
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.wake();
    });
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(): Promise<IteratorResult<ExecutionResult>> {
    return this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private wake(): void {
    const waiting = this.waiting;
    if (!waiting) return;
    const head = this.queue.shift();
    if (head) {
      this.waiting = undefined;
      head.then(
        (value) => waiting.resolve({ value, done: false }),
        (err: unknown) => {
          this.close();
          waiting.reject(err);
        },
      );
      return;
    }
    if (!this.ending) return;
    this.waiting = undefined;
    const { errors } = this.ending;
    this.close();
    if (errors?.length) waiting.reject(new SubscriptionEnded(errors));
    else waiting.resolve({ value: undefined, done: true });
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve({ value: undefined, done: true });
    this.onClose();
  }
}
