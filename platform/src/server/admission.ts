import { bulkhead, isBulkheadRejectedError } from 'cockatiel';
import { appError } from '../errors';

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
}

/** Two cores: one heavy operation per core, a short queue, the rest told to come back. */
export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = { heavyCost: 2_000, concurrency: 2, queue: 16 };

/** Resolves with the function that frees the slot, or throws RATE_LIMITED when the queue is full. */
export type Admit = (cost: number) => Promise<() => void>;

const free = (): void => undefined;

export function costAdmission(limits: AdmissionLimits = DEFAULT_ADMISSION_LIMITS): Admit {
  const slots = bulkhead(limits.concurrency, limits.queue);
  return async (cost) => {
    if (cost < limits.heavyCost) return free;
    let release: () => void = free;
    const admitted = new Promise<void>((resolve, reject) => {
      slots
        .execute(
          () =>
            new Promise<void>((done) => {
              release = () => done();
              resolve();
            }),
        )
        .catch((err: unknown) => reject(err));
    });
    try {
      await admitted;
    } catch (err) {
      if (isBulkheadRejectedError(err)) {
        throw appError('RATE_LIMITED', 'The server is busy with expensive operations; retry shortly or ask for less', {
          retryAfterSeconds: 1,
          http: { status: 429 },
        });
      }
      throw err;
    }
    return release;
  };
}
