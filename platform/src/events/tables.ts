import { sql } from 'drizzle-orm';
import { instant } from '../db/columns';
import { bigserial, index, integer, jsonb, primaryKey, text, uuid, type PgSchema } from 'drizzle-orm/pg-core';

/**
 * The event tables every subgraph has inside its own Postgres schema. A subgraph
 * spreads these into its drizzle schema so drizzle-kit migrations create them.
 */
export function eventTables(schema: PgSchema) {
  const outbox = schema.table(
    'outbox',
    {
      // seq gives the publish order; ids are the event ids consumers deduplicate on.
      seq: bigserial('seq', { mode: 'number' }).primaryKey(),
      id: uuid('id').notNull().unique(),
      topic: text('topic').notNull(),
      key: text('key').notNull(),
      type: text('type').notNull(),
      envelope: jsonb('envelope').notNull(),
      createdAt: instant('created_at').notNull().defaultNow(),
      publishedAt: instant('published_at'),
    },
    (t) => [
      index('outbox_unpublished_idx')
        .on(t.seq)
        .where(sql`published_at is null`),
    ],
  );
  const processedEvents = schema.table(
    'processed_events',
    {
      consumer: text('consumer').notNull(),
      eventId: uuid('event_id').notNull(),
      processedAt: instant('processed_at').notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
  );
  const deadLetters = schema.table('dead_letters', {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    consumer: text('consumer').notNull(),
    topic: text('topic').notNull(),
    partition: integer('partition').notNull(),
    offset: text('offset').notNull(),
    key: text('key'),
    payload: text('payload').notNull(),
    error: text('error').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  });
  return { outbox, processedEvents, deadLetters };
}

export type EventTables = ReturnType<typeof eventTables>;
