import pg from 'pg';
import { closePlatform, createPlatform, loadConfig, type PlatformDeps, type RunningServer, type Subgraph } from '@basket/platform';
import { createTopics, deleteTopics } from '../../../../infra/kafka/create-topics';
import { startStripeStandIn, type StripeStandIn } from '../../../../test/support/stand-ins/stripe';
import payments from '../../src/subgraph';
import { commandSender, type SendCommand } from './commands';
import { ensureDatabase } from '../../../../test/support/db';

/**
 * The payments subgraph with the Stripe provider (the real SDK) pointed at the local
 * stand-in, on real Postgres and Kafka, in this test process. It gets a database, a
 * consumer group and topics of its own: the stack started by global-setup runs payments
 * too (with the simulated provider), and the two must share no rows, commands or replies.
 */
export interface PaymentsWithStripe {
  standIn: StripeStandIn;
  deps: PlatformDeps;
  subgraph: Subgraph;
  server: RunningServer;
  webhookUrl: string;
  /** Reads this instance's database. */
  sql<T extends pg.QueryResultRow = Record<string, any>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Sends a command the way orders does: an envelope on the command's topic, keyed by sagaId (orderId for refunds). */
  send: SendCommand;
  stop(): Promise<void>;
}

export async function startPaymentsWithStripe(): Promise<PaymentsWithStripe> {
  const standIn = await startStripeStandIn();
  const running = await startPayments('stripe', {
    PAYMENT_PROVIDER: 'stripe',
    STRIPE_SECRET_KEY: standIn.secretKey,
    STRIPE_WEBHOOK_SECRET: standIn.webhookSecret,
    STRIPE_API_BASE: standIn.apiBase,
  });
  standIn.webhookUrl = running.webhookUrl;
  return {
    ...running,
    standIn,
    async stop() {
      await running.stop();
      await standIn.close();
    },
  };
}

export type RunningPayments = Omit<PaymentsWithStripe, 'standIn'>;

/**
 * A payments instance of its own in this process: database `<DATABASE_URL>_<label>`,
 * consumer group `<KAFKA_CLIENT_ID>-<label>` and topics `<KAFKA_TOPIC_PREFIX><label>.*`,
 * with the given configuration on top.
 */
export async function startPayments(label: string, env: Record<string, string>): Promise<RunningPayments> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL is set by test/global-setup.ts: run through jest');
  const databaseUrl = Object.assign(new URL(base), { pathname: `${new URL(base).pathname}_${label}` }).toString();
  await ensureDatabase(databaseUrl);
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  // Topics of its own under the run's prefix: the stack's payments never takes this
  // instance's commands, nor orders its replies; removed again at stop().
  const topicPrefix = `${process.env.KAFKA_TOPIC_PREFIX ?? ''}${label}.`;
  const topics = ['payments.commands', 'payments.events'].map((t) => topicPrefix + t);
  await createTopics(brokers, topics);

  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    KAFKA_CLIENT_ID: `${process.env.KAFKA_CLIENT_ID ?? 'basket-test'}-${label}`,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    SUBGRAPHS: 'payments',
    OUTBOX_POLL_MS: '500',
    ...env,
  });
  const deps = await createPlatform(config, `payments-${label}-test`);
  const subgraph = payments.create(deps);
  await subgraph.start();
  const server = await subgraph.listen(0);
  const webhookUrl = server.url.replace(/\/graphql$/, '/webhooks/stripe');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });

  return {
    deps,
    subgraph,
    server,
    webhookUrl,
    sql: async (text, params = []) => (await pool.query(text, params)).rows,
    send: commandSender(deps.transport),
    async stop() {
      await subgraph.stop();
      await closePlatform(deps);
      await pool.end();
      await deleteTopics(brokers, topics).catch(() => undefined);
    },
  };
}
