import type { Tx } from '@basket/platform';
import { providerEvents } from './schema';

/**
 * Records a provider event as applied, in the transaction that applies it. False when
 * it was applied before: the caller then does nothing (a webhook redelivery).
 */
export async function recordProviderEvent(tx: Tx, provider: string, eventId: string, type: string): Promise<boolean> {
  const inserted = await tx
    .insert(providerEvents)
    .values({ provider, eventId, type })
    .onConflictDoNothing()
    .returning({ eventId: providerEvents.eventId });
  return inserted.length > 0;
}
