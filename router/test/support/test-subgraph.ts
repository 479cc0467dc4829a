import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { DocumentNode } from 'graphql';
import { apolloHttpHandler, createLogger, generateKeyPairPem, loadSigningKeys, traced } from '@basket/platform';
import { startRouter, type RouterOptions, type RunningRouter } from '../../src/router';

/**
 * A small real subgraph (Apollo Server over buildSubgraphSchema, served by the platform's
 * HTTP handler and its tracing wrapper) that counts the requests it got and can be told
 * to misbehave: `intercept` sees each request first and may answer or drop it itself.
 */
export interface TestSubgraph {
  name: string;
  url: string;
  typeDefs: DocumentNode;
  /** GraphQL requests that reached it (intercepted ones included). */
  requests: number;
  intercept?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
  close(): Promise<void>;
}

export async function startTestSubgraph(name: string, typeDefs: DocumentNode, resolvers: Record<string, unknown>): Promise<TestSubgraph> {
  const apollo = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]) });
  await apollo.start();
  const handle = traced(
    name,
    apolloHttpHandler(apollo, async () => ({})),
  );
  const server = http.createServer((req, res) => {
    if (req.url === '/health') return void res.end('{"status":"ok"}');
    subgraph.requests += 1;
    if (subgraph.intercept?.(req, res)) return;
    void handle(req, res, new URL(req.url ?? '/', 'http://x'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const subgraph: TestSubgraph = {
    name,
    typeDefs,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    requests: 0,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await apollo.stop();
    },
  };
  return subgraph;
}

export function supergraphOf(subgraphs: Pick<TestSubgraph, 'name' | 'url' | 'typeDefs'>[]): string {
  const composed = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: s.typeDefs })));
  if (composed.errors) throw composed.errors[0]!;
  return composed.supergraphSdl;
}

export async function startTestRouter(supergraphSdl: string, options: Partial<RouterOptions> = {}): Promise<RunningRouter> {
  const keys = await loadSigningKeys({ publicKeyPem: generateKeyPairPem().publicKeyPem, dataDir: '/nonexistent' });
  return startRouter({
    supergraphSdl,
    port: 0,
    logger: createLogger('router-test', 'silent'),
    production: false,
    auth: { keys, issuer: 'basket' },
    routerSecret: randomBytes(32),
    ...options,
  });
}

export async function ask(
  router: RunningRouter,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
}> {
  const res = await fetch(router.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as never };
}
