import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { EventTransport } from '@basket/platform';
import { paymentsCommands } from '@basket/schema/events/payments';

type PaymentsCommand = keyof typeof paymentsCommands;
export type SendCommand = <T extends PaymentsCommand>(
  type: T,
  data: z.infer<(typeof paymentsCommands)[T]['data']>,
  options?: { id?: string },
) => Promise<string>;

/**
 * Sends a command to payments the way orders does: an envelope on payments.commands,
 * keyed by sagaId (orderId for refunds, which have none), its data checked against the
 * contract first. Returns the envelope id.
 */
export function commandSender(transport: EventTransport): SendCommand {
  return async (type, data, options = {}) => {
    const id = options.id ?? randomUUID();
    const def = paymentsCommands[type];
    const fields = def.data.parse(data) as { sagaId?: string; orderId: string };
    const key = fields.sagaId ?? fields.orderId;
    const envelope = { id, type, version: def.version, occurredAt: new Date().toISOString(), aggregateId: key, data, traceId: null };
    await transport.publish([{ topic: 'payments.commands', key, value: JSON.stringify(envelope) }]);
    return id;
  };
}
