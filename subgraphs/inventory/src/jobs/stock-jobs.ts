import type { Db, Logger, Publish } from '@basket/platform';
import type { ReservationService } from '../service/reservation-service';
import type { StockService } from '../service/stock-service';
import { periodic, type Periodic } from '@basket/platform';

/** How many sagas one expiry run releases; the rest wait for the next tick. */
const EXPIRY_BATCH = 100;

/**
 * Releases reservations past their TTL (ReservationExpired per saga, each saga in a
 * transaction of its own so one bad row does not hold back the rest).
 */
export function reservationExpiryJob(
  deps: { db: Db; reservations: ReservationService; publish: Publish; logger: Logger },
  intervalMs: number,
): Periodic {
  return periodic(
    'reservation-expiry',
    intervalMs,
    async () => {
      for (const saga of await deps.reservations.dueSagas(EXPIRY_BATCH)) {
        await deps.db.transaction(async (tx) => deps.publish(tx, await deps.reservations.expireSaga(tx, saga)));
      }
    },
    deps.logger,
  );
}

/** Writes off expired batches' unreserved units. */
export function expiryWriteOffJob(deps: { stock: StockService; logger: Logger }, intervalMs: number): Periodic {
  return periodic(
    'expiry-write-off',
    intervalMs,
    async () => {
      const units = await deps.stock.writeOffExpired();
      if (units) deps.logger.info({ units }, 'wrote off expired stock');
    },
    deps.logger,
  );
}
