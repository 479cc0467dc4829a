import type { z } from 'zod';
import { accountsEvents } from './accounts';
import { catalogEvents } from './catalog';
import { inventoryCommands, inventoryEvents } from './inventory';
import { ordersEvents } from './orders';
import { paymentsCommands, paymentsEvents } from './payments';

export * from './envelope';
export * from './slug';
export { Role, type RoleName } from './accounts';

/**
 * Every event type, declared once: which topic carries it, its version and the
 * validator of its data. Producers and consumers both go through this registry.
 */
export const eventRegistry = {
  ...withTopic('accounts.events', accountsEvents),
  ...withTopic('catalog.events', catalogEvents),
  ...withTopic('orders.events', ordersEvents),
  ...withTopic('payments.events', paymentsEvents),
  // Commands travel through the same outbox and idempotent consumer, on their own topic.
  ...withTopic('payments.commands', paymentsCommands),
  ...withTopic('inventory.events', inventoryEvents),
  ...withTopic('inventory.commands', inventoryCommands),
};

export type EventType = keyof typeof eventRegistry;
export type EventData<T extends EventType> = z.infer<(typeof eventRegistry)[T]['data']>;

function withTopic<T extends Record<string, { version: number; data: z.ZodType }>>(topic: string, defs: T) {
  return Object.fromEntries(Object.entries(defs).map(([k, v]) => [k, { ...v, topic }])) as {
    [K in keyof T]: T[K] & { topic: string };
  };
}

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(eventRegistry, type);
}

// Commands are a registry of their own (schema/commands); the package exports both.
export * from '../commands';
