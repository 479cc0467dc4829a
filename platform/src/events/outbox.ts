import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { messageRegistry, type CommandType, type Envelope, type EventType, type MessageData, type MessageType } from '@basket/schema';
import type { Tx } from '../db/database';
import type { EventTables } from './tables';

/**
 * A message to write, typed per type: a union over the types, each carrying its own
 * data, so `{ type: 'ProductCreated', data: <another event's data> }` does not compile.
 */
export type NewMessage<T extends MessageType = MessageType> = {
  [K in T]: { type: K; aggregateId: string; data: MessageData<K> };
}[T];
/** A fact to publish (schema/events). */
export type NewEvent<T extends EventType = EventType> = NewMessage<T>;
/** A command to send to the one domain it is addressed to (schema/commands). */
export type NewCommand<T extends CommandType = CommandType> = NewMessage<T>;

/** The NOTIFY channel a schema's relay listens on. */
export const outboxChannel = (schemaName: string) => `basket_outbox_${schemaName}`;

/**
 * Writes events into the outbox with the caller's transaction, so the state change
 * and the facts about it commit or roll back together. Data is validated against the
 * registry here: a producer can never publish what consumers would reject.
 * A `Tx`, not any executor: the root handle would commit the row on its own.
 */
export async function writeOutbox(
  tx: Tx,
  tables: EventTables,
  schemaName: string,
  events: NewMessage[],
  traceId: string | null = null,
): Promise<Envelope[]> {
  if (events.length === 0) return [];
  const now = new Date().toISOString();
  const envelopes = events.map((e) => {
    const def = messageRegistry[e.type];
    return {
      id: randomUUID(),
      type: e.type,
      version: def.version,
      occurredAt: now,
      aggregateId: e.aggregateId,
      data: def.data.parse(e.data),
      traceId,
    } satisfies Envelope;
  });
  await tx.insert(tables.outbox).values(
    envelopes.map((env) => ({
      id: env.id,
      topic: messageRegistry[env.type as MessageType].topic,
      key: env.aggregateId,
      type: env.type,
      envelope: env,
    })),
  );
  // Delivered on commit only, so the relay never wakes for a rolled-back write.
  await tx.execute(sql`select pg_notify(${outboxChannel(schemaName)}, '')`);
  return envelopes;
}
