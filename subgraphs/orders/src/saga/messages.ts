import type { EventData, EventType } from '@basket/schema';
import type { inventoryCommands, inventoryEvents } from '@basket/schema/events/inventory';
import type { paymentsCommands, paymentsEvents } from '@basket/schema/events/payments';

/**
 * The commands the checkout saga sends and the replies it reads. Both are in the one
 * message registry (@basket/schema), which gives each its topic: commands go to the
 * executing domain's `<domain>.commands`, replies come back on its `<domain>.events`.
 */
export type CommandType = Extract<EventType, keyof typeof inventoryCommands | keyof typeof paymentsCommands>;
export type CommandData<T extends CommandType> = EventData<T>;
export type ReplyType = Extract<EventType, keyof typeof inventoryEvents | keyof typeof paymentsEvents>;
export type ReplyData<T extends ReplyType> = EventData<T>;
