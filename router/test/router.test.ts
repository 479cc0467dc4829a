import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { randomBytes } from 'node:crypto';
import {
  apolloHttpHandler,
  createLogger,
  loadSigningKeys,
  generateKeyPairPem,
  verifyRouterCredential,
  type IncomingRequest,
} from '@basket/platform';
import { startRouter, type RunningRouter } from '../src/router';

/**
 * The router serves any composed supergraph. Here it fronts a small subgraph that
 * echoes the headers it received, which shows what the router forwards and that it
 * reuses connections to subgraphs.
 */
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Echo { authorization: String, acceptLanguage: String, correlationId: String, clientIp: String }
  type Query { echo: Echo! slow(ms: Int!): Int }
`);

let subgraph: http.Server;
let router: RunningRouter;
let connections = 0;
/** Subgraph requests whose caller hung up before the answer. */
let abandoned = 0;
const routerSecret = randomBytes(32);

beforeAll(async () => {
  // The echo reads the client address out of the router's signed credential, as subgraphs do.
  const apollo = new ApolloServer<IncomingRequest & { clientIp?: string }>({
    schema: buildSubgraphSchema([
      {
        typeDefs,
        resolvers: {
          Query: {
            echo: (_: unknown, __: unknown, ctx: IncomingRequest) => ctx,
            slow: async (_: unknown, { ms }: { ms: number }) => new Promise((r) => setTimeout(() => r(ms), ms)),
          },
        },
      },
    ]),
  });
  await apollo.start();
  const handle = apolloHttpHandler(apollo, async (request) => ({
    ...request,
    clientIp: request.routerCredential
      ? (await verifyRouterCredential(routerSecret, 'echo', request.routerCredential)).clientIp
      : undefined,
  }));
  subgraph = http.createServer((req, res) => {
    res.on('close', () => void (res.writableFinished || (abandoned += 1)));
    return req.url === '/health' ? void res.end('{"status":"ok"}') : void handle(req, res, new URL(req.url ?? '/', 'http://x'));
  });
  subgraph.on('connection', () => connections++);
  await new Promise<void>((r) => subgraph.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql`;
  const composed = composeServices([{ name: 'echo', url, typeDefs }]);
  if (composed.errors) throw composed.errors[0];
  const keys = await loadSigningKeys({ publicKeyPem: generateKeyPairPem().publicKeyPem, dataDir: '/nonexistent' });
  router = await startRouter({
    supergraphSdl: composed.supergraphSdl,
    port: 0,
    logger: createLogger('router-test', 'silent'),
    production: false,
    auth: { keys, issuer: 'basket' },
    routerSecret,
    corsOrigins: ['https://shop.example'],
    httpLimits: { timeoutMs: 400, maxResponseBytes: 1024 * 1024 },
  });
  // The first operation is parsed, planned and compiled: on a loaded machine that alone can
  // take most of the 400 ms deadline this suite sets, so it is done before the tests.
  await ask().catch(() => undefined);
});

afterAll(async () => {
  await router.close();
  subgraph.closeAllConnections();
  await new Promise((r) => subgraph.close(r));
});

const ask = (headers: Record<string, string> = {}) =>
  fetch(router.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ echo { acceptLanguage correlationId clientIp } }' }),
  });

describe('router', () => {
  it('forwards Accept-Language and the correlation id, and signs the client address it saw', async () => {
    // A client cannot choose its address: x-forwarded-for from outside is ignored.
    const res = await ask({ 'accept-language': 'en-US', 'x-correlation-id': 'corr-42', 'x-forwarded-for': '203.0.113.7' });
    expect(res.headers.get('x-correlation-id')).toBe('corr-42');
    expect(((await res.json()) as { data: { echo: unknown } }).data.echo).toEqual({
      acceptLanguage: 'en-US',
      correlationId: 'corr-42',
      clientIp: '127.0.0.1',
    });
  });

  it('refuses a bad token at the edge with 401', async () => {
    const res = await ask({ authorization: 'Bearer abc.def.ghi' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers CORS preflights for allowed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(router.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
      });
    const allowed = await preflight('https://shop.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const stranger = await preflight('https://evil.example');
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    const post = await ask({ origin: 'https://shop.example' });
    expect(post.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it('serves /ready (every subgraph answers) and /metrics', async () => {
    const ready = await fetch(router.url.replace('/graphql', '/ready'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { echo: 'ok' } });
    await ask();
    const metrics = await (await fetch(router.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/basket_graphql_requests_total\{service="router",operation="echo",outcome="ok"\} [1-9]/);
  });

  it('makes up a correlation id when the client sends none, and passes the same one on', async () => {
    const res = await ask();
    const id = res.headers.get('x-correlation-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await res.json()) as { data: { echo: { correlationId: string } } }).data.echo.correlationId).toBe(id);
  });

  it('keeps connections to a subgraph alive across requests', async () => {
    await ask();
    const before = connections;
    for (let i = 0; i < 10; i++) await ask();
    expect(connections - before).toBe(0);
  });

  it('serves Apollo Sandbox to browsers outside production, and /health', async () => {
    const page = await fetch(router.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/sandbox/i);
    expect(await (await fetch(router.url.replace('/graphql', '/health'))).json()).toEqual({ status: 'ok', service: 'router' });
  });

  it('in production gives no field suggestions, no introspection and no Sandbox', async () => {
    const keys = await loadSigningKeys({ publicKeyPem: generateKeyPairPem().publicKeyPem, dataDir: '/nonexistent' });
    const sdl = composeServices([{ name: 'echo', url: router.url, typeDefs }]).supergraphSdl!;
    const production = await startRouter({
      supergraphSdl: sdl,
      port: 0,
      logger: createLogger('router-test', 'silent'),
      production: true,
      auth: { keys, issuer: 'basket' },
      routerSecret,
    });
    try {
      const post = (query: string) =>
        fetch(production.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }).then(
          (r) => r.json(),
        ) as Promise<{ errors: { message: string }[] }>;
      const typo = await post('{ echo { acceptLanguag } }');
      expect(typo.errors[0]!.message).not.toMatch(/Did you mean/);
      expect((await post('{ __schema { types { name } } }')).errors[0]!.message).toMatch(/introspection/i);
      expect(await (await fetch(production.url, { headers: { accept: 'text/html' } })).text()).not.toMatch(/sandbox/i);
    } finally {
      await production.close();
    }
  });

  it('answers REQUEST_TIMEOUT at its deadline and abandons the subgraph fetch with it', async () => {
    const before = abandoned;
    const started = Date.now();
    const res = await fetch(router.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ slow(ms: 2000) }' }),
    });
    expect(res.status).toBe(504);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('REQUEST_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(abandoned).toBe(before + 1);
  });
});
