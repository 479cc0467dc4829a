import type { CommandData as RegistryCommandData, CommandType as RegistryCommandType, EventData, EventType } from '@basket/schema';
import type { inventoryEvents } from '@basket/schema/events/inventory';
import type { paymentsEvents } from '@basket/schema/events/payments';

/**
 * The commands the checkout saga sends (schema/commands' registry gives each its
 * executor's `<domain>.commands` topic) and the replies it reads (events of inventory
 * and payments, on their `<domain>.events`).
 */
export type CommandType = RegistryCommandType;
export type CommandData<T extends CommandType> = RegistryCommandData<T>;
export type ReplyType = Extract<EventType, keyof typeof inventoryEvents | keyof typeof paymentsEvents>;
export type ReplyData<T extends ReplyType> = EventData<T>;
