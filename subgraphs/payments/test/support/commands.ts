import { randomUUID } from 'node:crypto';
import type { EventTransport } from '@basket/platform';
import { eventRegistry, type EventData, type EventType } from '@basket/schema';

export type SendCommand = <T extends EventType>(type: T, data: EventData<T>, options?: { id?: string }) => Promise<string>;

/**
 * Sends a command the way orders does: an envelope on the command's topic, keyed by
 * sagaId (orderId for refunds, which have none). Returns the envelope id.
 */
export function commandSender(transport: EventTransport): SendCommand {
  return async (type, data, options = {}) => {
    const id = options.id ?? randomUUID();
    const def = eventRegistry[type];
    const fields = data as { sagaId?: string; orderId?: string };
    const key = fields.sagaId ?? fields.orderId ?? id;
    const envelope = { id, type, version: def.version, occurredAt: new Date().toISOString(), aggregateId: key, data, traceId: null };
    await transport.publish([{ topic: def.topic, key, value: JSON.stringify(envelope) }]);
    return id;
  };
}
