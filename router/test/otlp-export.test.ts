import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { setupTracing } from '@basket/platform';
import type { RunningRouter } from '../src/router';
import { ask, startTestRouter, startTestSubgraph, supergraphOf, type TestSubgraph } from './support/test-subgraph';

/**
 * With an OTLP endpoint configured the router exports its spans over OTLP/HTTP. The
 * collector is a local stand-in that keeps what it receives.
 */
const received: { path: string; body: string }[] = [];
let collector: http.Server;
let subgraph: TestSubgraph;
let router: RunningRouter;
let endpoint: string;

beforeAll(async () => {
  collector = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  const typeDefs = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query { hello: String }
  `);
  subgraph = await startTestSubgraph('hello', typeDefs, { Query: { hello: () => 'xin chào' } });
  router = await startTestRouter(supergraphOf([subgraph]), { engine: 'basket', otlpEndpoint: endpoint });
});

afterAll(async () => {
  await router.close();
  await subgraph.close();
  collector.close();
});

it('sends the spans of a request to <endpoint>/v1/traces', async () => {
  expect((await ask(router, '{ hello }')).body).toEqual({ data: { hello: 'xin chào' } });
  // The same provider the router registered: flush its batch now instead of in five seconds.
  await setupTracing({ serviceName: 'basket-router', endpoint })!.shutdown();
  const traces = received.filter((r) => r.path === '/v1/traces');
  expect(traces.length).toBeGreaterThan(0);
  const all = traces.map((t) => t.body).join('\n');
  expect(all).toContain('subgraph hello');
  expect(all).toContain('basket-router');
});
