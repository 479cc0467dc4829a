import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { apolloHttpHandler, createLogger, type RequestHeaders } from '@basket/platform';
import { startRouter, type RunningRouter } from '../src/router';

/**
 * The router serves any composed supergraph. Here it fronts a small subgraph that
 * echoes the headers it received, which shows what the router forwards and that it
 * reuses connections to subgraphs.
 */
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Echo { authorization: String, acceptLanguage: String, correlationId: String }
  type Query { echo: Echo! }
`);

let subgraph: http.Server;
let router: RunningRouter;
let connections = 0;

beforeAll(async () => {
  const apollo = new ApolloServer<RequestHeaders>({
    schema: buildSubgraphSchema([{ typeDefs, resolvers: { Query: { echo: (_: unknown, __: unknown, ctx: RequestHeaders) => ctx } } }]),
  });
  await apollo.start();
  const handle = apolloHttpHandler(apollo, async (headers) => headers);
  subgraph = http.createServer((req, res) => void handle(req, res, new URL(req.url ?? '/', 'http://x')));
  subgraph.on('connection', () => connections++);
  await new Promise<void>((r) => subgraph.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql`;
  const composed = composeServices([{ name: 'echo', url, typeDefs }]);
  if (composed.errors) throw composed.errors[0];
  router = await startRouter({ supergraphSdl: composed.supergraphSdl, port: 0, logger: createLogger('router-test', 'silent'), production: false });
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
    body: JSON.stringify({ query: '{ echo { authorization acceptLanguage correlationId } }' }),
  });

describe('router', () => {
  it('forwards Authorization, Accept-Language and the correlation id to subgraphs', async () => {
    const res = await ask({ authorization: 'Bearer abc.def.ghi', 'accept-language': 'en-US', 'x-correlation-id': 'corr-42' });
    expect(res.headers.get('x-correlation-id')).toBe('corr-42');
    expect(((await res.json()) as { data: { echo: unknown } }).data.echo).toEqual({ authorization: 'Bearer abc.def.ghi', acceptLanguage: 'en-US', correlationId: 'corr-42' });
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
});
