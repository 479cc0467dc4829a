import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_ADMISSION_LIMITS } from './server/admission';
import { DEFAULT_HTTP_LIMITS } from './server/apollo-http';
import { DEFAULT_COST_LIMITS } from './server/cost';

/**
 * Configuration is parsed once from the environment. Every variable is optional:
 * with nothing set the platform runs embedded (PGlite, in-process events, in-memory
 * cache). Each service variable switches one part to the real thing.
 */
const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean),
);

const port = z.coerce.number().int().min(0).max(65535);

const pem = z
  .string()
  .transform((s) => s.replace(/\\n/g, '\n'))
  .refine((s) => s.includes('-----BEGIN'), 'must be a PEM block (-----BEGIN ...)');

const fields = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  KAFKA_BROKERS: csv.pipe(z.array(z.string().regex(/^[^:]+:\d+$/, 'must be host:port')).min(1)).optional(),
  KAFKA_CLIENT_ID: z.string().min(1).default('basket'),
  /** Prepended to every Kafka topic name (tests give each run its own topics). */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/, 'letters, digits, dot, dash and underscore only')
    .default(''),
  JWT_PRIVATE_KEY: pem.optional(),
  JWT_PUBLIC_KEY: pem.optional(),
  JWT_ISSUER: z.string().min(1).default('basket'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .default(15 * 60),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(7 * 24 * 60 * 60),
  ROUTER_PORT: port.default(4000),
  SUPERGRAPH_CONFIG: z.string().min(1).default('supergraph.yaml'),
  SUPERGRAPH_PATH: z.string().min(1).default('schema/supergraph.graphql'),
  SUBGRAPHS: csv.optional(),
  PORT: port.optional(),
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).default(5000),
  // The router signs every subgraph request with it (HMAC); subgraphs check it.
  ROUTER_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // Browser origins allowed to call the router; '*' allows any (the development default).
  CORS_ORIGINS: csv.optional(),
  // The router's engine: our executor over @apollo/query-planner, or @apollo/gateway (the reference engine).
  ROUTER_ENGINE: z.enum(['basket', 'apollo-gateway']).default('basket'),
  // Longest one subgraph fetch may take (the request's deadline bounds it too).
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(10).optional(),
  // Spans go to this OTLP/HTTP collector when set (read by the OpenTelemetry SDK too).
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  // Bounded work per request (see platform/src/server/query-limits.ts and cost.ts).
  QUERY_MAX_COST: z.coerce.number().int().min(1).default(DEFAULT_COST_LIMITS.maxCost),
  // Operations estimated at HEAVY_QUERY_COST or more run HEAVY_QUERY_CONCURRENCY at a time (see admission.ts).
  HEAVY_QUERY_COST: z.coerce.number().int().min(1).default(DEFAULT_ADMISSION_LIMITS.heavyCost),
  HEAVY_QUERY_CONCURRENCY: z.coerce.number().int().min(1).default(DEFAULT_ADMISSION_LIMITS.concurrency),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(DEFAULT_HTTP_LIMITS.timeoutMs),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  MAX_RESPONSE_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_HTTP_LIMITS.maxResponseBytes),
  // Abuse limits per client address (see accounts' auth service).
  LOGIN_FAILURES_PER_CLIENT_EMAIL: z.coerce.number().int().min(1).default(10),
  LOGIN_FAILURES_PER_CLIENT: z.coerce.number().int().min(1).default(100),
  REGISTRATIONS_PER_CLIENT_PER_HOUR: z.coerce.number().int().min(1).default(20),
  SIGN_INS_PER_CLIENT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  // Payments: the simulated provider (Stripe's test cards, no money moves) unless PAYMENT_PROVIDER=stripe.
  PAYMENT_PROVIDER: z.enum(['stripe', 'simulated']).default('simulated'),
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  // Verifies the Stripe-Signature header of webhooks (whsec_...).
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  // Where the Stripe SDK sends API calls; tests point it at a local stand-in.
  STRIPE_API_BASE: z.url({ protocol: /^https?$/ }).optional(),
  // The simulated provider's late card (4000000000000259) authorizes after this long; unset, it never answers.
  SIMULATED_PAYMENT_LATE_MS: z.coerce.number().int().min(0).optional(),
});

export const configSchema = fields;
export type RawConfig = z.infer<typeof fields>;

/**
 * Rules between variables, checked on the raw environment so they are reported
 * together with field errors (zod skips refinements once a field has failed).
 */
function crossFieldProblems(env: Record<string, string | undefined>, needs: ConfigNeeds): string[] {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  // Outside embedded mode keys must come from the environment: a generated key pair
  // would differ per process and tokens signed by accounts would fail elsewhere.
  // Production never generates secrets: an operator sets each one, on purpose.
  const why = production ? 'required in production' : 'required when DATABASE_URL is set';
  if ((env.DATABASE_URL || production) && !env.JWT_PUBLIC_KEY) problems.push(`JWT_PUBLIC_KEY: ${why}`);
  else if (env.JWT_PRIVATE_KEY && !env.JWT_PUBLIC_KEY) problems.push('JWT_PUBLIC_KEY: required with JWT_PRIVATE_KEY');
  if (production && needs.issuesTokens && !env.JWT_PRIVATE_KEY)
    problems.push('JWT_PRIVATE_KEY: required in production where accounts runs (it signs tokens)');
  if ((env.DATABASE_URL || production) && !env.ROUTER_SECRET)
    problems.push(`ROUTER_SECRET: ${why} (the router and every subgraph share it)`);
  if (production && env.SEED_DEMO === 'true')
    problems.push('SEED_DEMO: the demo accounts have published passwords; never seed them in production');
  if (production && env.CORS_ORIGINS?.split(',').some((o) => o.trim() === '*'))
    problems.push('CORS_ORIGINS: name the origins in production, not *');
  if (env.PAYMENT_PROVIDER === 'stripe') {
    for (const key of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'])
      if (!env[key]) problems.push(`${key}: required with PAYMENT_PROVIDER=stripe`);
  }
  return problems;
}

/** What the process about to start needs beyond every process's configuration. */
export interface ConfigNeeds {
  /** It runs accounts, which signs tokens with JWT_PRIVATE_KEY. */
  issuesTokens: boolean;
}

export interface Config extends RawConfig {
  /** DATA_DIR resolved to an absolute path. */
  dataDir: string;
  /** SUPERGRAPH_CONFIG and SUPERGRAPH_PATH, resolved to absolute paths. */
  supergraphConfigPath: string;
  supergraphSdlPath: string;
  /** Embedded means no DATABASE_URL: PGlite under DATA_DIR and in-process events unless Kafka is set. */
  embedded: boolean;
  seedDemo: boolean;
  production: boolean;
  /**
   * Subgraphs refuse requests without the router's credential everywhere but embedded
   * development: a services deployment that forgot NODE_ENV still has no back door.
   */
  requireRouter: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The repository root. Relative paths in the environment resolve against it, so a
 * subgraph started from its own folder (`npm start -w ...`) finds the same files.
 */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Parses the environment once; throws ConfigError listing every problem at the same time. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, rootDir = REPO_ROOT, needs?: ConfigNeeds): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  // By default a process runs accounts unless SUBGRAPHS leaves it out.
  const issuesTokens = needs?.issuesTokens ?? !cleaned.SUBGRAPHS?.split(',').every((s) => s.trim() !== 'accounts');
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)),
    ...crossFieldProblems(cleaned, { issuesTokens }),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const raw = parsed.data;
  const embedded = raw.DATABASE_URL === undefined;
  return {
    ...raw,
    dataDir: path.resolve(rootDir, raw.DATA_DIR),
    supergraphConfigPath: path.resolve(rootDir, raw.SUPERGRAPH_CONFIG),
    supergraphSdlPath: path.resolve(rootDir, raw.SUPERGRAPH_PATH),
    embedded,
    production: raw.NODE_ENV === 'production',
    // The demo accounts' passwords are in the README: production never gets them.
    seedDemo: raw.SEED_DEMO ? raw.SEED_DEMO === 'true' : embedded && raw.NODE_ENV !== 'production',
    requireRouter: !(embedded && raw.NODE_ENV === 'development'),
  };
}

/** For entry points: the config, or every problem printed and exit code 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env, needs?: ConfigNeeds): Config {
  try {
    return loadConfig(env, REPO_ROOT, needs);
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
}
