import { serveInChild } from '../lib/children';
import { serveBenchSubgraph } from './subgraphs/serve';

export interface BenchSubgraphOptions {
  name: string;
}

/** One subgraph of the bench supergraph alone in its process, memoized. */
serveInChild<BenchSubgraphOptions, { url: string }>(async ({ name }) => {
  const server = await serveBenchSubgraph(name);
  return { ready: { url: server.url }, stop: () => server.close() };
});
