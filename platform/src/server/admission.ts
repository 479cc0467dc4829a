import { bulkhead, isBulkheadRejectedError } from 'cockatiel';
import { appError } from '../errors';

/**
 * A bounded number of expensive things at once, a short queue, and RATE_LIMITED for the
 * rest (a cockatiel bulkhead). Used for operations the cost estimate calls heavy and for
 * password hashing, the two ways one client could take every core.
 */
export interface ConcurrencyGate {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Takes a slot until the returned function is called. */
  acquire(): Promise<() => void>;
}

export function concurrencyGate(limits: { concurrency: number; queue: number }, busyMessage: string): ConcurrencyGate {
  const slots = bulkhead(limits.concurrency, limits.queue);
  const busy = (err: unknown) => {
    if (!isBulkheadRejectedError(err)) return err;
    return appError('RATE_LIMITED', busyMessage, { retryAfterSeconds: 1, http: { status: 429 } });
  };
  return {
    async run(work) {
      try {
        return await slots.execute(work);
      } catch (err) {
        throw busy(err);
      }
    },
    acquire() {
      return new Promise((resolve, reject) => {
        slots.execute(() => new Promise<void>((release) => resolve(() => release()))).catch((err: unknown) => reject(busy(err)));
      });
    },
  };
}

/**
 * Admission by estimated cost. The cost budget bounds one operation; this bounds how
 * many expensive ones run at once, so sixteen clients each sending the most expensive
 * operation the budget allows queue behind a few slots instead of starving the cheap
 * storefront queries that share the event loop with them. Cheap operations never wait.
 */
export interface AdmissionLimits {
  /** Operations estimated at or above this cost take a slot. */
  heavyCost: number;
  /** Heavy operations running at once. */
  concurrency: number;
  /** Heavy operations waiting for a slot; beyond it a request is refused at once. */
  queue: number;
  /**
   * The share of time heavy operations may have (0-1]. A slot stays closed after an
   * operation for as long again as it ran times (1 / share - 1): heavy work cannot fill the
   * event loop it shares with every cheap query, however many clients send it.
   */
  share: number;
  /**
   * Heavy operations one client (address) may have running or waiting at once: one client
   * cannot fill the queue and lock everyone else out of big pages.
   */
  perClient: number;
}

/**
 * One heavy operation at a time, at most half the time. Measured with bench/abuse: two at
 * a time, or back to back, let 16 clients multiply a shopper's p95 by 7 to 20.
 */
export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = { heavyCost: 1_000, concurrency: 1, queue: 16, share: 0.5, perClient: 2 };

/** Resolves with the function that frees the slot, or throws RATE_LIMITED when the queue (or the client's share) is full. */
export type Admit = (cost: number, client: string) => Promise<() => void>;

export function costAdmission(limits: AdmissionLimits = DEFAULT_ADMISSION_LIMITS): Admit {
  const gate = concurrencyGate(limits, 'The server is busy with expensive operations; retry shortly or ask for less');
  const rest = 1 / limits.share - 1;
  const heldBy = new Map<string, number>();
  const hold = (client: string, delta: number) => {
    const n = (heldBy.get(client) ?? 0) + delta;
    if (n > 0) heldBy.set(client, n);
    else heldBy.delete(client);
  };
  return async (cost, client) => {
    if (cost < limits.heavyCost) return () => undefined;
    if ((heldBy.get(client) ?? 0) >= limits.perClient) {
      throw appError('RATE_LIMITED', 'You already have expensive operations running; wait for them or ask for less', {
        retryAfterSeconds: 1,
        http: { status: 429 },
      });
    }
    hold(client, 1);
    let release: () => void;
    try {
      release = await gate.acquire();
    } catch (err) {
      hold(client, -1);
      throw err;
    }
    const started = performance.now();
    return () => {
      hold(client, -1);
      const pause = (performance.now() - started) * rest;
      if (pause < 1) return release();
      setTimeout(release, pause).unref();
    };
  };
}
