import type { Logger, Publish, Tx } from '@basket/platform';
import type { Envelope } from '@basket/schema';
import type { CommitCommand, ReleaseCommand, ReservationService, ReserveCommand } from './service/reservation-service';

/**
 * What inventory does with the saga's commands. Each reply (and any LowStock) goes
 * through the outbox in the same transaction as the effect, and the consumer records
 * the message in processed_events in that transaction too: a redelivered message does
 * nothing, and a re-sent command (new id, same saga) is answered from the stored
 * outcome or the reservations' status.
 */
export function inventoryCommandHandlers(deps: { reservations: ReservationService; publish: Publish; logger: Logger }) {
  const { reservations, publish, logger } = deps;
  return {
    ReserveStock: async (tx: Tx, { data, traceId }: Envelope<ReserveCommand>) => {
      await publish(tx, await reservations.reserve(tx, data), traceId);
    },
    ReleaseStock: async (tx: Tx, { data, traceId }: Envelope<ReleaseCommand>) => {
      await publish(tx, await reservations.release(tx, data), traceId);
    },
    CommitStock: async (tx: Tx, { data, traceId }: Envelope<CommitCommand>) => {
      const { events, missed } = await reservations.commit(tx, data);
      if (missed.length) {
        // The saga committed after the TTL released the units: the order must not ship them.
        logger.error(
          { sagaId: data.sagaId, orderId: data.orderId, reservations: missed.map((r) => r.id) },
          'commit of closed reservations',
        );
      }
      await publish(tx, events, traceId);
    },
  };
}
