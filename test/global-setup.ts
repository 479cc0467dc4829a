import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairPem, loadConfig } from '@basket/platform';
import { startStack, type Stack } from '@basket/router';
import { brokersFromEnv, createTopics, domainTopics, subgraphNames } from '../infra/kafka/create-topics';

/** What global-teardown.ts undoes; setup and teardown run in the same jest process. */
export interface TestRun {
  stack?: Stack;
  /** Temporary folders this run created, removed at teardown. */
  tempDirs: string[];
  /** Kafka topics this run created for itself, deleted at teardown. */
  topics?: string[];
}
export const testRun = (): TestRun => ((globalThis as { __basketTestRun?: TestRun }).__basketTestRun ??= { tempDirs: [] });

/**
 * Starts accounts, catalog and the router once, in services mode against the real
 * Postgres, Redis and Kafka that infra/up.sh brought up. Test files reach it over
 * HTTP through the URLs exported here; each test creates its own users and data.
 */
export default async function globalSetup(): Promise<void> {
  const run = testRun();
  const keys = generateKeyPairPem();
  const defaults: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/basket_test',
    REDIS_URL: 'redis://127.0.0.1:6379',
    KAFKA_BROKERS: '127.0.0.1:9092',
    KAFKA_CLIENT_ID: 'basket-test',
    JWT_PRIVATE_KEY: keys.privateKeyPem,
    JWT_PUBLIC_KEY: keys.publicKeyPem,
    // The router signs what it sends to subgraphs with this (required with DATABASE_URL).
    ROUTER_SECRET: randomBytes(32).toString('base64url'),
    // The demo admin is how tests get an administrator; seeding is idempotent.
    SEED_DEMO: 'true',
    OUTBOX_POLL_MS: '1000',
    // Every test user comes from 127.0.0.1: per-client caps would stop the suite itself.
    // The per-(client, email) login limit stays at its default and is tested.
    LOGIN_FAILURES_PER_CLIENT: '100000',
    REGISTRATIONS_PER_CLIENT_PER_HOUR: '100000',
    SIGN_INS_PER_CLIENT_PER_MINUTE: '100000',
    // The oversell proof puts 200 reservations on inventory's one consumer at once; on a
    // busy 2-core machine the last answer can take longer than the production default
    // (30 s), which would cancel orders for time instead of for stock. Tests of the
    // timeout itself set their own.
    ORDERS_STOCK_REPLY_TIMEOUT_MS: '180000',
  };
  for (const [k, v] of Object.entries(defaults)) process.env[k] ??= v;
  // The run's own topics: a broker shared with other runs (or holding an earlier run's
  // backlog) never feeds this run another's events or commands, and the run's fresh
  // consumer groups start from an empty log instead of replaying history.
  if (process.env.KAFKA_TOPIC_PREFIX === undefined) {
    process.env.KAFKA_TOPIC_PREFIX = `test-${randomBytes(4).toString('hex')}.`;
    const prefix = process.env.KAFKA_TOPIC_PREFIX;
    run.topics = subgraphNames(path.join(__dirname, '..', 'supergraph.yaml'))
      .flatMap(domainTopics)
      .map((t) => prefix + t);
    await createTopics(brokersFromEnv(), run.topics);
  }
  if (!process.env.DATA_DIR) {
    process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'basket-test-'));
    run.tempDirs.push(process.env.DATA_DIR);
  }
  let stack: Stack;
  try {
    stack = await startStack({ config: loadConfig(process.env), ports: { router: 0, subgraphs: 0 } });
  } catch (err) {
    // Jest runs no teardown when setup fails: clean up here.
    for (const dir of run.tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  run.stack = stack;
  process.env.BASKET_ROUTER_URL = stack.router.url;
  for (const [name, url] of Object.entries(stack.subgraphUrls)) process.env[`BASKET_${name.toUpperCase()}_URL`] = url;
}
