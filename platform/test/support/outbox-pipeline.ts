import type { Database } from '../../src/db/database';
import { createInProcessTransport } from '../../src/events/in-process-transport';
import { createOutboxRelay } from '../../src/events/relay';
import { createEventConsumer, type EventHandlers } from '../../src/events/consumer';
import type { EventTables } from '../../src/events/tables';
import type { Logger } from '../../src/logger';
import { createMetrics } from '../../src/metrics';

/**
 * The real outbox path on one database: relay -> in-process transport -> idempotent
 * consumer. The relay's poll is slow (60 s), so anything delivered quickly was woken by
 * the NOTIFY that commits with the outbox row.
 */
export async function startOutboxPipeline(options: {
  database: Database;
  schemaName: string;
  tables: EventTables;
  logger: Logger;
  handlers: EventHandlers;
  retryDelayMs?: number;
  maxAttempts?: number;
}) {
  const { database, schemaName, tables, logger, handlers } = options;
  const transport = createInProcessTransport();
  const metrics = createMetrics();
  const relay = createOutboxRelay({ service: 'test', schemaName, database, tables, transport, logger, metrics, pollMs: 60_000 });
  await relay.start();
  await transport.subscribe(
    createEventConsumer({
      consumer: 'test',
      service: 'test',
      database,
      tables,
      logger,
      metrics,
      handlers,
      ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
      ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    }),
  );
  return { transport, relay };
}
