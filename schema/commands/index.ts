import type { z } from 'zod';
import { inventoryCommands } from '../events/inventory';
import { ordersCommands } from '../events/orders';
import { paymentsCommands } from '../events/payments';

/**
 * Commands: imperative requests addressed to one domain ("ReserveStock" to inventory),
 * sent by the checkout saga and answered by that domain with a past-tense event (a
 * reply). They are kept apart from events, which are facts for anyone: a command has
 * exactly one consumer, on the `<domain>.commands` topic, keyed by saga id. They travel
 * through the same outbox and idempotent consumer, in the same envelope.
 *
 * A domain declares its commands next to its events (schema/events/<domain>.ts) as
 * `{ Name: { version, data: zod schema } }` and lists them here with addressedTo().
 */
export const commandRegistry = {
  ...addressedTo('inventory', inventoryCommands),
  ...addressedTo('payments', paymentsCommands),
  ...addressedTo('orders', ordersCommands),
} satisfies Record<string, CommandDefinition>;

export interface CommandDefinition {
  version: number;
  data: z.ZodType;
  /** The one domain that handles it. */
  domain: string;
  /** `<domain>.commands`. */
  topic: string;
}

export type CommandType = keyof typeof commandRegistry;
export type CommandData<T extends CommandType> = z.infer<(typeof commandRegistry)[T]['data']>;

/** Marks a domain's command definitions as addressed to it (and its `<domain>.commands` topic). */
export function addressedTo<const D extends string, T extends Record<string, { version: number; data: z.ZodType }>>(domain: D, defs: T) {
  return Object.fromEntries(Object.entries(defs).map(([k, v]) => [k, { ...v, domain, topic: `${domain}.commands` }])) as {
    [K in keyof T]: T[K] & { domain: D; topic: `${D}.commands` };
  };
}

export function isCommandType(type: string): type is CommandType {
  return Object.prototype.hasOwnProperty.call(commandRegistry, type);
}
