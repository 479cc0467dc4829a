import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { closePlatform, createPlatform, loadConfig, type PlatformDeps, type Subgraph, type Viewer } from '@basket/platform';
import { eventRegistry, type EventData, type EventType } from '@basket/schema';
import { createTopics } from '../../../../infra/kafka/create-topics';
import { kafkaTopic } from '../../../../test/support/kafka-topics';
import { upsertSkus } from '../../src/db/skus-store';
import orders, { type OrdersContext } from '../../src/subgraph';
import { ensureDatabase } from '../../../../test/support/db';

/**
 * The orders subgraph on real Postgres and Kafka in this test process, with a database
 * and consumer group of its own (the stack from global-setup runs its own orders).
 * Its outbox relay is stopped after start: the saga's commands stay in its outbox, where
 * the tests read them, and never reach the stack's inventory or payments (which would
 * answer them too). The tests play inventory and payments by publishing their replies
 * to Kafka, which this instance consumes through the platform's idempotent consumer.
 */
export interface OrdersInstance {
  deps: PlatformDeps;
  subgraph: Subgraph<OrdersContext>;
  /** A request context for this viewer, as the server would build it. */
  as(viewer: Viewer | null): OrdersContext;
  sql<T extends pg.QueryResultRow = Record<string, any>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Publishes a reply as its domain would: an envelope on its topic, keyed by saga id. */
  reply<T extends EventType>(type: T, data: EventData<T>, options?: { id?: string }): Promise<string>;
  /** Adds SKUs to the catalog read model (what catalog's ProductCreated would do). */
  stockShelf(items: { sku: string; vendorId: string; priceVnd: number }[]): Promise<void>;
  stop(): Promise<void>;
}

export const ordersDatabaseUrl = (suffix: string) => {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL is set by test/global-setup.ts: run through jest');
  return Object.assign(new URL(base), { pathname: `${new URL(base).pathname}_orders_${suffix}` }).toString();
};

/** The topics orders consumes: catalog's facts and the saga's replies. */
const CONSUMED = ['catalog.events', 'inventory.events', 'payments.events'];

/**
 * Moves the instance's consumer group to the end of its topics: what every engineer's
 * runs published before this test is not this test's business (a restart keeps the
 * group's offsets instead, to show that nothing published meanwhile is lost).
 */
async function skipHistory(brokers: string[], groupId: string): Promise<void> {
  const admin = new Kafka({ clientId: `${groupId}-admin`, brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    for (const topic of CONSUMED) await admin.resetOffsets({ groupId, topic: kafkaTopic(topic), earliest: false });
  } finally {
    await admin.disconnect();
  }
}

/**
 * Starts an instance; `suffix` names its database and consumer group. `resume: true`
 * is a restart: the group goes on from its committed offsets.
 */
export async function startOrders(
  suffix: string,
  env: Record<string, string> = {},
  options: { resume?: boolean } = {},
): Promise<OrdersInstance> {
  const databaseUrl = ordersDatabaseUrl(suffix);
  await ensureDatabase(databaseUrl);
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  await createTopics(
    brokers,
    ['catalog.events', 'inventory.events', 'payments.events', 'orders.events', 'inventory.commands', 'payments.commands'].map(kafkaTopic),
  );
  const clientId = `${process.env.KAFKA_CLIENT_ID ?? 'basket-test'}-orders-${suffix}`;
  if (!options.resume) await skipHistory(brokers, `${clientId}.orders`);
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, KAFKA_CLIENT_ID: clientId, OUTBOX_POLL_MS: '60000' });
  // The saga's clocks are read from the environment when services are built.
  const saved = { ...process.env };
  Object.assign(process.env, { ORDERS_SAGA_SWEEP_MS: '200', ...env });
  let deps: PlatformDeps;
  let subgraph: Subgraph<OrdersContext>;
  try {
    deps = await createPlatform(config, `orders-test-${suffix}`);
    subgraph = orders.create(deps);
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
  // What earlier runs (or the instance before a restart) left unpublished stays unpublished:
  // the relay would send it the moment it starts, before it can be stopped.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  await pool.query('update orders.outbox set published_at = now() where published_at is null').catch(() => undefined);
  await subgraph.start();
  await subgraph.relay.stop();

  const instance: OrdersInstance = {
    deps,
    subgraph,
    as: (viewer) => subgraph.context(base(viewer, deps)),
    sql: async (text, params = []) => (await pool.query(text, params)).rows,
    async reply(type, data, options = {}) {
      const id = options.id ?? randomUUID();
      const def = eventRegistry[type];
      // Saga traffic is keyed by saga id, refunds by order id, catalog's facts by product id.
      const keys = data as { sagaId?: string; orderId?: string; productId?: string };
      const key = keys.sagaId ?? keys.orderId ?? keys.productId ?? randomUUID();
      const envelope = { id, type, version: def.version, occurredAt: new Date().toISOString(), aggregateId: key, data, traceId: null };
      await deps.transport.publish([{ topic: def.topic, key, value: JSON.stringify(envelope) }]);
      return id;
    },
    async stockShelf(items) {
      await deps.database.db.transaction((tx) =>
        upsertSkus(
          tx,
          items.map((i) => ({
            sku: i.sku,
            productId: randomUUID(),
            vendorId: i.vendorId,
            nameVi: `Hàng ${i.sku}`,
            nameEn: `Item ${i.sku}`,
            unit: '500 g',
            priceVnd: i.priceVnd,
            available: true,
          })),
        ),
      );
    },
    async stop() {
      await subgraph.stop();
      await closePlatform(deps);
      await pool.end();
    },
  };
  await caughtUp(instance);
  return instance;
}

/**
 * Waits until the consumer has joined and works through its partitions: a probe
 * published now is processed only after what precedes it on its partition.
 */
async function caughtUp(instance: OrdersInstance): Promise<void> {
  const probes = await Promise.all(
    [0, 1, 2, 3, 4, 5].map(() => instance.reply('StockReleased', { sagaId: randomUUID(), orderId: randomUUID(), reservationIds: [] })),
  );
  const deadline = Date.now() + 240_000;
  for (;;) {
    const seen = await instance.sql('select 1 from orders.processed_events where event_id = any($1::uuid[])', [probes]);
    if (seen.length === probes.length) return;
    if (Date.now() > deadline) throw new Error('orders did not catch up with its topics within 240 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}

function base(viewer: Viewer | null, deps: PlatformDeps) {
  return { viewer, locale: null, correlationId: `test-${randomUUID()}`, clientIp: '127.0.0.1', logger: deps.logger };
}
