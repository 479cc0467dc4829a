import { z } from 'zod';
import type { Database, Logger } from '@basket/platform';
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
 * before). Never two sweeps at once; a failed sweep is logged and the next tries again.
 * The timer does not keep the process alive.
 */
export function sagaTimeoutJob(deps: { checkout: Checkout; database: Database; logger: Logger }, sweepMs: number) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const runOnce = () =>
    (running ??= (async () => {
      while ((await deps.checkout.sweep(deps.database)) > 0);
    })()
      .catch((err: unknown) => deps.logger.error({ err }, 'saga timeout sweep failed'))
      .finally(() => (running = undefined)));
  return {
    start() {
      timer ??= setInterval(() => void runOnce(), sweepMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
    runOnce,
  };
}
