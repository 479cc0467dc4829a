/**
 * Creates the Kafka topics the platform needs: per domain a `<domain>.events` topic
 * (its facts) and a `<domain>.commands` topic (what other domains ask it to do, e.g.
 * the checkout saga's ReserveStock to inventory), where the domains are the subgraph names in the root supergraph.yaml
 * (rover format) plus any extra domain names given on the command line.
 * Idempotent: topics that already exist are left alone.
 *
 *   npx tsx infra/kafka/create-topics.ts [extraDomain ...]
 *
 * Env: KAFKA_BROKERS (comma list, default 127.0.0.1:9092), KAFKA_TOPIC_PREFIX (default none),
 *      SUPERGRAPH_CONFIG (default <repo>/supergraph.yaml).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { parse } from 'yaml';

export const DEFAULT_BROKERS = ['127.0.0.1:9092'];
export const EVENT_TOPIC_PARTITIONS = 3;
export const EVENT_TOPIC_REPLICATION = 1;

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const LEGAL_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

/** The event topic of a domain (subgraph): `orders` -> `orders.events`. */
export function eventTopic(domain: string): string {
  return `${domain}.events`;
}

/** The command topic of a domain (the one that executes them): `inventory` -> `inventory.commands`. */
export function commandTopic(domain: string): string {
  return `${domain}.commands`;
}

/** Every topic a domain needs: its events and its commands. */
export function domainTopics(domain: string): string[] {
  return [eventTopic(domain), commandTopic(domain)];
}

/** Brokers from KAFKA_BROKERS (comma separated), else 127.0.0.1:9092. */
export function brokersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  return list.length > 0 ? list : [...DEFAULT_BROKERS];
}

/**
 * Subgraph names from a rover supergraph config
 * (`subgraphs: { accounts: { routing_url, schema: { file } }, ... }`).
 * Returns [] when the file does not exist.
 */
export function subgraphNames(configPath: string): string[] {
  if (!existsSync(configPath)) return [];
  const doc: unknown = parse(readFileSync(configPath, 'utf8'));
  if (doc === null || typeof doc !== 'object') return [];
  const subgraphs = (doc as { subgraphs?: unknown }).subgraphs;
  if (subgraphs === null || subgraphs === undefined) return [];
  if (typeof subgraphs !== 'object' || Array.isArray(subgraphs)) {
    throw new Error(`${configPath}: "subgraphs" must be a mapping of name -> config`);
  }
  return Object.keys(subgraphs);
}

export interface CreateTopicsResult {
  created: string[];
  existing: string[];
}

/**
 * Ensures the given topics exist (3 partitions, replication 1) and have
 * leaders. `names` are full topic names (use `eventTopic()` for domains).
 * Topics that already exist are not modified, whatever their partition count.
 */
export async function createTopics(brokers: string[], names: string[]): Promise<CreateTopicsResult> {
  const wanted = [...new Set(names)];
  const illegal = wanted.filter((n) => !LEGAL_TOPIC.test(n) || n === '.' || n === '..');
  if (illegal.length > 0) {
    throw new Error(`illegal Kafka topic name(s): ${illegal.join(', ')}`);
  }
  if (wanted.length === 0) return { created: [], existing: [] };

  const kafka = new Kafka({
    clientId: 'basket-create-topics',
    brokers,
    // Failures surface as thrown errors; kafkajs' own logging would also print
    // expected, retried errors (e.g. "group coordinator is not available").
    logLevel: logLevel.NOTHING,
    retry: { retries: 5 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const present = new Set(await admin.listTopics());
    const missing = wanted.filter((n) => !present.has(n));
    if (missing.length > 0) {
      // kafkajs fails the whole call when only some of the topics exist, so
      // only the missing ones are requested. It resolves false when another
      // process created them in the meantime, which is fine too.
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: EVENT_TOPIC_PARTITIONS,
          replicationFactor: EVENT_TOPIC_REPLICATION,
        })),
      });
    }
    if (!present.has('__consumer_offsets')) {
      // Fresh broker: the offsets topic is created lazily by the first group
      // coordinator lookup, and until it has leaders every consumer's join logs
      // "group coordinator is not available" errors. Looking up a coordinator
      // here (kafkajs retries until it is available) moves that wait out of
      // the first test / service start.
      await admin.describeGroups(['basket-infra-warmup']);
    }
    return {
      created: missing,
      existing: wanted.filter((n) => present.has(n)),
    };
  } finally {
    await admin.disconnect();
  }
}

/** Deletes the given topics where they exist (a test run removing its own). */
export async function deleteTopics(brokers: string[], names: string[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'basket-delete-topics', brokers, logLevel: logLevel.NOTHING, retry: { retries: 3 } });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const present = new Set(await admin.listTopics());
    const doomed = names.filter((n) => present.has(n));
    if (doomed.length > 0) await admin.deleteTopics({ topics: doomed });
  } finally {
    await admin.disconnect();
  }
}

async function main(): Promise<void> {
  const configPath = path.resolve(process.env.SUPERGRAPH_CONFIG ?? path.join(REPO_ROOT, 'supergraph.yaml'));
  const fromConfig = subgraphNames(configPath);
  if (fromConfig.length === 0) {
    console.warn(`kafka: no subgraphs found in ${path.relative(process.cwd(), configPath) || configPath}`);
  }
  const domains = [...new Set([...fromConfig, ...process.argv.slice(2)])];
  if (domains.length === 0) {
    console.log('kafka: no domains, no topics to create');
    return;
  }
  const brokers = brokersFromEnv();
  // KAFKA_TOPIC_PREFIX: the same prefix the platform's transport puts on every topic.
  const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
  const { created, existing } = await createTopics(
    brokers,
    domains.flatMap(domainTopics).map((t) => prefix + t),
  );
  const parts: string[] = [];
  if (created.length > 0) parts.push(`created ${created.join(', ')}`);
  if (existing.length > 0) parts.push(`${existing.length} already existed`);
  console.log(`kafka: topics ok (${parts.join('; ')})`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error('kafka: creating topics failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
