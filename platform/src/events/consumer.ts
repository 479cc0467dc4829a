import { envelopeSchema, isMessageType, messageRegistry, type Envelope, type MessageData, type MessageType } from '@basket/schema';
import type { Database, Tx } from '../db/database';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { EventTables } from './tables';
import type { IncomingMessage, Subscription } from './transport';

/** Handlers by event or command type (a subgraph consumes facts, and executes the commands addressed to it). */
export type EventHandlers = {
  [T in MessageType]?: (tx: Tx, event: Envelope<MessageData<T>>) => Promise<void>;
};

export interface ConsumerOptions {
  /** Consumer name: the Kafka group id and the processed_events key. */
  consumer: string;
  service: string;
  database: Database;
  tables: EventTables;
  handlers: EventHandlers;
  logger: Logger;
  metrics: Metrics;
  maxAttempts?: number;
  retryDelayMs?: number;
}

class PoisonMessage extends Error {}

/**
 * Thrown by a handler when trying again cannot help: the message asks for what does not
 * exist or cannot be done (a command about an unknown payment). Parked at once, without
 * the retries and their backoff that would hold up the partition behind it.
 */
export class PermanentFailure extends Error {}

/**
 * Turns typed handlers into a transport subscription. Each effect commits with its
 * processed_events row in one transaction, so redelivery is a no-op. A message that
 * cannot be parsed, or whose handler keeps failing, is parked in dead_letters with
 * topic, partition and offset instead of blocking the partition forever.
 */
export function createEventConsumer(options: ConsumerOptions): Subscription {
  const { database, tables, logger, metrics } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const types = Object.keys(options.handlers).filter(isMessageType);
  const topics = [...new Set(types.map((t) => messageRegistry[t].topic))];
  const count = (type: string, outcome: string) => metrics.eventsConsumed.inc({ service: options.service, type, outcome });

  function decode(message: IncomingMessage): Envelope | null {
    let json: unknown;
    try {
      json = JSON.parse(message.value);
    } catch {
      throw new PoisonMessage('value is not JSON');
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) throw new PoisonMessage(`invalid envelope: ${envelope.error.message}`);
    const type = envelope.data.type;
    if (!isMessageType(type) || !options.handlers[type]) return null;
    const def = messageRegistry[type];
    if (envelope.data.version > def.version) throw new PoisonMessage(`${type} v${envelope.data.version} is newer than v${def.version}`);
    const data = def.data.safeParse(envelope.data.data);
    if (!data.success) throw new PoisonMessage(`invalid ${type} data: ${data.error.message}`);
    return { ...envelope.data, data: data.data };
  }

  async function apply(envelope: Envelope): Promise<'applied' | 'duplicate'> {
    const handler = options.handlers[envelope.type as MessageType] as (tx: Tx, e: Envelope) => Promise<void>;
    return database.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(tables.processedEvents)
        .values({ consumer: options.consumer, eventId: envelope.id })
        .onConflictDoNothing()
        .returning({ eventId: tables.processedEvents.eventId });
      if (inserted.length === 0) return 'duplicate';
      await handler(tx, envelope);
      return 'applied';
    });
  }

  async function park(message: IncomingMessage, error: unknown, type: string) {
    const where = { topic: message.topic, partition: message.partition, offset: message.offset };
    logger.error({ err: error, ...where, consumer: options.consumer }, 'event parked in dead_letters');
    await database.db.insert(tables.deadLetters).values({
      consumer: options.consumer,
      ...where,
      key: message.key,
      payload: message.value,
      error: error instanceof Error ? error.message : String(error),
    });
    count(type, 'parked');
  }

  return {
    groupId: options.consumer,
    topics,
    async handle(message) {
      let envelope: Envelope | null;
      try {
        envelope = decode(message);
      } catch (err) {
        return park(message, err, 'unknown');
      }
      if (!envelope) return count('other', 'ignored');
      for (let attempt = 1; ; attempt++) {
        try {
          const outcome = await apply(envelope);
          count(envelope.type, outcome);
          return;
        } catch (err) {
          if (err instanceof PermanentFailure || attempt >= maxAttempts) return park(message, err, envelope.type);
          logger.warn({ err, attempt, eventId: envelope.id, type: envelope.type }, 'event handler failed; retrying');
          await new Promise((r) => setTimeout(r, retryDelayMs * 2 ** (attempt - 1)));
        }
      }
    },
  };
}
