import { asc, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database';
import type { Logger } from '../logger';
import { withTimeout } from '../timeout';
import type { Metrics } from '../metrics';
import { outboxChannel } from './outbox';
import type { EventTables } from './tables';
import type { EventTransport } from './transport';

export interface RelayOptions {
  service: string;
  schemaName: string;
  database: Database;
  tables: EventTables;
  transport: EventTransport;
  logger: Logger;
  metrics: Metrics;
  pollMs: number;
  batchSize?: number;
  /** How long one publish may hold the relay's transaction (and its row lock). */
  publishTimeoutMs?: number;
}

/** After failing this long without a success, the relay reports itself unhealthy. */
const UNHEALTHY_AFTER_MS = 30_000;

/**
 * Publishes outbox rows in insert (seq) order. NOTIFY wakes it right after a commit;
 * the slow poll catches anything missed while the listener was down. Only one relay
 * per schema publishes at a time (advisory lock), so several processes of a subgraph
 * do not interleave. Per-aggregate order follows seq order, which matches commit
 * order for writes that lock the aggregate's row (every catalog and accounts write does).
 */
export function createOutboxRelay(options: RelayOptions) {
  const { database, tables, transport, logger, metrics } = options;
  const batchSize = options.batchSize ?? 200;
  const publishTimeoutMs = options.publishTimeoutMs ?? 10_000;
  let failingSince: number | null = null;
  let lastError = '';
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let unlisten: (() => Promise<void>) | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function publishBatch(): Promise<number> {
    return database.db.transaction(async (tx) => {
      const [lock] = await queryRows<{ locked: boolean }>(
        tx,
        sql`select pg_try_advisory_xact_lock(hashtext(${`basket-relay-${options.schemaName}`})) as locked`,
      );
      if (!lock?.locked) return 0;
      const rows = await tx
        .select({ seq: tables.outbox.seq, topic: tables.outbox.topic, key: tables.outbox.key, envelope: tables.outbox.envelope })
        .from(tables.outbox)
        .where(isNull(tables.outbox.publishedAt))
        .orderBy(asc(tables.outbox.seq))
        .limit(batchSize);
      if (rows.length === 0) return 0;
      // At-least-once: if the commit below fails after the send, the rows go again and
      // consumers deduplicate by event id.
      // Bounded: a broker that is down must not hold this transaction (and, on PGlite,
      // the only connection) for the transport's whole retry schedule.
      await withTimeout(
        transport.publish(rows.map((r) => ({ topic: r.topic, key: r.key, value: JSON.stringify(r.envelope) }))),
        publishTimeoutMs,
        'publish',
      );
      await tx
        .update(tables.outbox)
        .set({ publishedAt: new Date() })
        .where(
          inArray(
            tables.outbox.seq,
            rows.map((r) => r.seq),
          ),
        );
      for (const r of rows) metrics.eventsPublished.inc({ service: options.service, topic: r.topic });
      return rows.length;
    });
  }

  async function drain() {
    do {
      again = false;
      try {
        while (!stopped && (await publishBatch()) === batchSize);
        failingSince = null;
      } catch (err) {
        failingSince ??= Date.now();
        lastError = err instanceof Error ? err.message : String(err);
        logger.error({ err }, 'outbox relay failed; will retry on the next wake or poll');
      }
    } while (again && !stopped);
  }

  function wake() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = undefined;
    });
  }

  return {
    wake,
    async start() {
      unlisten = await database.listen(outboxChannel(options.schemaName), wake);
      timer = setInterval(wake, options.pollMs);
      timer.unref();
      wake();
    },
    /** Readiness: throws while publishing has failed for a while with no success since. */
    async check() {
      if (failingSince !== null && Date.now() - failingSince > UNHEALTHY_AFTER_MS) {
        throw new Error(`outbox relay failing for ${Math.round((Date.now() - failingSince) / 1000)} s: ${lastError}`);
      }
    },
    /** Resolves when no publish is in flight; used by tests and graceful shutdown. */
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await unlisten?.();
      while (running) await running;
    },
  };
}

export type OutboxRelay = ReturnType<typeof createOutboxRelay>;
