import { z } from 'zod';
import { periodic, type Database, type Logger, type Periodic } from '@basket/platform';
import { DEFAULT_CHECKOUT_TIMINGS, type CheckoutTimings } from './checkout-saga';
import type { Checkout } from '../service/checkout';

const env = z.object({
  ORDERS_STOCK_REPLY_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_CHECKOUT_TIMINGS.stockReplyMs),
  ORDERS_RESERVATION_TTL_SECONDS: z.coerce.number().int().positive().max(86_400).default(DEFAULT_CHECKOUT_TIMINGS.reservationTtlSeconds),
  ORDERS_SAGA_SWEEP_MS: z.coerce.number().int().positive().default(1000),
});

/** The saga's clocks, from the environment (tests shorten them); invalid values stop the start. */
export function checkoutTimingsFromEnv(source: NodeJS.ProcessEnv): CheckoutTimings & { sweepMs: number } {
  const parsed = env.parse(source);
  return {
    stockReplyMs: parsed.ORDERS_STOCK_REPLY_TIMEOUT_MS,
    reservationTtlSeconds: parsed.ORDERS_RESERVATION_TTL_SECONDS,
    sweepMs: parsed.ORDERS_SAGA_SWEEP_MS,
  };
}

/**
 * Every sweepMs, times out saga steps past their deadline (compensating what came
 * before), sweeping until nothing is due.
 */
export function sagaTimeoutJob(deps: { checkout: Checkout; database: Database; logger: Logger }, sweepMs: number): Periodic {
  return periodic(
    'saga timeout sweep',
    sweepMs,
    async () => {
      while ((await deps.checkout.sweep(deps.database)) > 0);
    },
    deps.logger,
  );
}
