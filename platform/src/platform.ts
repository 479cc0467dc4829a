import { Redis } from 'ioredis';
import type { Config } from './config';
import { createDatabase, type Database } from './db/database';
import { createInProcessTransport } from './events/in-process-transport';
import { createKafkaTransport } from './events/kafka-transport';
import type { EventTransport } from './events/transport';
import { loadSigningKeys, type SigningKeys } from './auth/keys';
import { loadRouterSecret } from './auth/router-credential';
import { createLogger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import { memoryRateLimiter, redisRateLimiter, type RateLimiter } from './rate-limit';

/** Everything a subgraph needs from the outside world, built once per process. */
export interface PlatformDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  database: Database;
  transport: EventTransport;
  keys: SigningKeys;
  /** Shared with the router, which signs every subgraph request with it. */
  routerSecret: Uint8Array;
  redis: Redis | null;
  rateLimiter: RateLimiter;
  /** Resolves once in-process consumers have caught up; a no-op over Kafka. */
  eventsSettled(): Promise<void>;
}

export async function createPlatform(config: Config, processName: string): Promise<PlatformDeps> {
  const logger = createLogger(processName, config.LOG_LEVEL);
  const database = await createDatabase({
    databaseUrl: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    dataDir: config.dataDir,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    logger,
  });
  const inProcess = config.KAFKA_BROKERS
    ? null
    : createInProcessTransport((err) => logger.error({ err }, 'in-process event delivery failed; retrying'));
  const transport =
    inProcess ??
    createKafkaTransport({
      brokers: config.KAFKA_BROKERS ?? [],
      clientId: `${config.KAFKA_CLIENT_ID}-${processName}`,
      groupPrefix: config.KAFKA_CLIENT_ID,
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      logger,
    });
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: true }) : null;
  if (redis) {
    redis.on('error', (err) => logger.warn({ err }, 'redis error'));
    await redis.connect();
  }
  const keys = await loadSigningKeys({
    privateKeyPem: config.JWT_PRIVATE_KEY,
    publicKeyPem: config.JWT_PUBLIC_KEY,
    dataDir: config.dataDir,
  });
  return {
    config,
    logger,
    metrics: createMetrics(),
    database,
    transport,
    keys,
    routerSecret: loadRouterSecret({ secret: config.ROUTER_SECRET, dataDir: config.dataDir }),
    redis,
    rateLimiter: redis ? redisRateLimiter(redis) : memoryRateLimiter(),
    eventsSettled: () => inProcess?.settled() ?? Promise.resolve(),
  };
}

export async function closePlatform(deps: PlatformDeps): Promise<void> {
  await deps.transport.stop();
  await deps.redis?.quit().catch(() => undefined);
  await deps.database.close();
}

/** Readiness checks: the database and, when configured, the broker and Redis. */
export function readinessChecks(deps: PlatformDeps): Record<string, () => Promise<void>> {
  const checks: Record<string, () => Promise<void>> = { database: () => deps.database.ping() };
  if (deps.transport.kind === 'kafka') checks.kafka = () => deps.transport.ping();
  if (deps.redis) checks.redis = async () => void (await deps.redis?.ping());
  return checks;
}

/** The request limits a process enforces, from its configuration. */
export function requestLimits(config: Config) {
  return {
    http: { timeoutMs: config.REQUEST_TIMEOUT_MS, maxResponseBytes: config.MAX_RESPONSE_BYTES },
    maxCost: config.QUERY_MAX_COST,
  };
}
