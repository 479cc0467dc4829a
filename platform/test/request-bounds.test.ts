import { randomBytes } from 'node:crypto';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { sql } from 'drizzle-orm';
import { parse } from 'graphql';
import { generateKeyPairPem, loadSigningKeys } from '../src/auth/keys';
import { ROUTER_CREDENTIAL_HEADER, signRouterCredential } from '../src/auth/router-credential';
import { createDatabase } from '../src/db/database';
import { createLogger } from '../src/logger';
import { createMetrics } from '../src/metrics';
import { serveSubgraph, type RunningServer } from '../src/server/subgraph-server';

/**
 * The time and size bounds of a subgraph request, on the real server code: a deadline
 * that answers REQUEST_TIMEOUT and stops resolving, a response size cap, the router's
 * credential demanded outside development, and Postgres' statement timeout.
 */
const resolved: string[] = [];
const schema = buildSubgraphSchema([
  {
    typeDefs: parse(`
      type Query { chain: Link! big(kb: Int!): String fine: String }
      type Link { n: Int! next: Link }
    `),
    resolvers: {
      Query: {
        chain: () => ({ n: 0 }),
        big: (_: unknown, { kb }: { kb: number }) => 'x'.repeat(kb * 1024),
        fine: () => 'ok',
      },
      Link: {
        // Each level takes 40 ms, one after the other: the deadline (150 ms) passes on the way down.
        next: async ({ n }: { n: number }) => {
          await new Promise((r) => setTimeout(r, 40));
          resolved.push(`link ${n}`);
          return { n: n + 1 };
        },
      },
    },
  },
]);

const routerSecret = randomBytes(32);
let server: RunningServer;

beforeAll(async () => {
  const keys = await loadSigningKeys({ ...generateKeyPairPem(), dataDir: '' });
  server = await serveSubgraph({
    service: 'bounds-test',
    schema,
    context: (base) => base,
    auth: { keys, issuer: 'basket', routerSecret, requireRouter: true },
    logger: createLogger('bounds-test', 'silent'),
    metrics: createMetrics(),
    readiness: {},
    port: 0,
    httpLimits: { timeoutMs: 150, maxResponseBytes: 64 * 1024 },
  });
});

afterAll(() => server.close());

async function post(query: string, headers: Record<string, string> = {}) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}

const asRouter = async () => ({
  [ROUTER_CREDENTIAL_HEADER]: await signRouterCredential(routerSecret, 'bounds-test', {
    clientIp: '127.0.0.1',
    correlationId: 'bounds',
    viewer: null,
  }),
});

describe('request bounds of a subgraph', () => {
  it('refuses a caller without the router’s credential', async () => {
    const res = await post('{ fine }');
    expect(res.status).toBe(403);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await post('{ fine }', await asRouter())).body).toEqual({ data: { fine: 'ok' } });
  });

  it('answers REQUEST_TIMEOUT at the deadline and stops resolving what is left', async () => {
    resolved.length = 0;
    const started = Date.now();
    const res = await post(
      '{ chain { next { next { next { next { next { next { next { next { next { n } } } } } } } } } } }',
      await asRouter(),
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(res.status).toBe(504);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('REQUEST_TIMEOUT');
    // Ten levels would take 400 ms; past the deadline no further level is started.
    await new Promise((r) => setTimeout(r, 600));
    // About 3 levels fit before the deadline; a loaded machine's timers run late, so allow
    // some either way. Without the deadline plugin all 9 run.
    expect(resolved.length).toBeGreaterThanOrEqual(1);
    expect(resolved.length).toBeLessThanOrEqual(6);
  });

  it('replaces a response over the size cap with RESPONSE_TOO_LARGE', async () => {
    expect((await post('{ big(kb: 8) }', await asRouter())).body).toEqual({ data: { big: 'x'.repeat(8 * 1024) } });
    const res = await post('{ big(kb: 100) }', await asRouter());
    expect(res.body.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
    expect(res.body.data).toBeUndefined();
  });
});

describe('statement timeout', () => {
  it('makes Postgres cancel a statement running past it', async () => {
    const database = await createDatabase({
      databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/basket_test',
      statementTimeoutMs: 200,
      dataDir: '',
      logger: createLogger('bounds-test', 'silent'),
    });
    try {
      const started = Date.now();
      await expect(database.db.execute(sql`select pg_sleep(2)`)).rejects.toMatchObject({
        cause: expect.objectContaining({ code: '57014' }),
      });
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      await database.close();
    }
  });
});
