import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { generateKeyPairPem } from '@basket/platform';
import { brokersFromEnv, createTopics, deleteTopics, domainTopics, subgraphNames } from '../../infra/kafka/create-topics';

/**
 * The services the checkout benchmark's stack runs on: real Postgres, Redis and Kafka (as
 * infra/up.sh brings them up), with a database, a topic prefix and a Kafka client id of
 * its own, so a run never shares state with the tests or another engineer's run.
 */
export interface BenchServices {
  /** The stack's environment: services mode, demo seed, the simulated payment provider. */
  env: NodeJS.ProcessEnv;
  database: string;
  topicPrefix: string;
  /** Deletes the run's topics (the database stays, for looking at afterwards; the next run recreates it). */
  cleanUp(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');

/** Postgres' server URL with another database name. */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Drops and recreates the database, so every run starts from the same state (an orders
 * table grown by earlier runs would make later runs incomparable).
 */
async function freshDatabase(serverUrl: string, database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    const quoted = `"${database.replace(/"/g, '""')}"`;
    await admin.query(`drop database if exists ${quoted} with (force)`);
    await admin.query(`create database ${quoted}`);
  } finally {
    await admin.end();
  }
}

export async function prepareServices(base: NodeJS.ProcessEnv = process.env): Promise<BenchServices> {
  const database = base.BENCH_DATABASE ?? 'basket_bench_checkout';
  const serverUrl = base.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const run = randomBytes(4).toString('hex');
  const topicPrefix = `bench-${run}.`;
  const brokers = brokersFromEnv(base);
  const keys = generateKeyPairPem();

  await freshDatabase(serverUrl, database);
  // Topics first: the stack's consumers and relays expect them (the platform never creates topics).
  const topics = subgraphNames(path.join(ROOT, 'supergraph.yaml'))
    .flatMap(domainTopics)
    .map((t) => topicPrefix + t);
  await createTopics(brokers, topics);

  const env: NodeJS.ProcessEnv = {
    ...base,
    NODE_ENV: 'test',
    LOG_LEVEL: base.LOG_LEVEL ?? 'warn',
    DATABASE_URL: withDatabase(serverUrl, database),
    REDIS_URL: base.REDIS_URL ?? 'redis://127.0.0.1:6379',
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_CLIENT_ID: `basket-bench-checkout-${run}`,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    JWT_PRIVATE_KEY: keys.privateKeyPem,
    JWT_PUBLIC_KEY: keys.publicKeyPem,
    ROUTER_SECRET: randomBytes(32).toString('base64url'),
    SEED_DEMO: 'true',
    PAYMENT_PROVIDER: 'simulated',
    // Long enough that no shopper's token expires during a run.
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    // Every shopper registers and signs in from 127.0.0.1: the per-client abuse caps
    // would stop the benchmark's own setup.
    REGISTRATIONS_PER_CLIENT_PER_HOUR: '100000',
    SIGN_INS_PER_CLIENT_PER_MINUTE: '100000',
    LOGIN_FAILURES_PER_CLIENT: '100000',
  };
  return {
    env,
    database,
    topicPrefix,
    cleanUp: () => deleteTopics(brokers, topics),
  };
}
