import path from 'node:path';
import { startChild, type ChildServer } from '../lib/children';
import type { Mode } from '../lib';
import type { BasketSubgraphsReady } from './basket-subgraphs-process';
import type { BenchSubgraphOptions } from './bench-subgraph-process';
import { composeBenchSupergraph } from './subgraphs/compose';
import { benchSubgraphs } from './subgraphs';
import { DEEP_QUERY, STOREFRONT_QUERY } from './queries';

/** One load of bench/router: a query and memoized subgraphs serving it, each in its own process. */
export interface LoadSetup {
  name: string;
  description: string;
  query: string;
  /** The supergraph with the memo servers' URLs. */
  supergraphSdl: string;
  /** The memo servers, by subgraph name (the supergraph may name subgraphs the load does not run). */
  subgraphUrls: Record<string, string>;
  /** Where Basket's subgraphs ran, for the deep load the bench's own ('embedded'). */
  mode: Mode;
  /** Configuration (environment) of our router for this load, over Basket's defaults. */
  oursConfig?: Record<string, string>;
  /** The subgraph processes: their RSS is reported too. */
  processes: ChildServer<unknown>[];
  stop(): Promise<void>;
}

const here = (file: string) => path.join(__dirname, file);
const stopAll = (children: ChildServer<unknown>[]) => Promise.all(children.map((c) => c.stop())).then(() => undefined);

/** (a) The deep query over the bench supergraph: four small subgraphs, one process each. */
export async function deepLoad(): Promise<LoadSetup> {
  const children = await Promise.all(
    benchSubgraphs.map(({ name }) => startChild<BenchSubgraphOptions, { url: string }>(here('bench-subgraph-process.ts'), { name })),
  );
  const urls = Object.fromEntries(benchSubgraphs.map((s, i) => [s.name, children[i]!.ready.url]));
  return {
    name: 'deep',
    description: 'deep nested query over 4 bench subgraphs (bench/router/subgraphs)',
    query: DEEP_QUERY,
    supergraphSdl: composeBenchSupergraph(urls),
    subgraphUrls: urls,
    mode: 'embedded',
    // Basket's storefront budget refuses a 90 KB answer (cost ~10,000), and heavy operations
    // run one at a time: both are Basket's policy, not the engine's speed, which is measured here.
    oursConfig: { QUERY_MAX_COST: '1000000', HEAVY_QUERY_COST: '1000000' },
    processes: children,
    stop: () => stopAll(children),
  };
}

/** (b) Basket's storefront listing over Basket's real subgraphs (embedded unless services are set). */
export async function storefrontLoad(): Promise<LoadSetup> {
  const child = await startChild<Record<string, never>, BasketSubgraphsReady>(here('basket-subgraphs-process.ts'), {});
  return {
    name: 'storefront',
    description: "Basket's storefront listing: 20 products with variants, categories and vendors (catalog + accounts)",
    query: STOREFRONT_QUERY,
    supergraphSdl: child.ready.supergraphSdl,
    subgraphUrls: child.ready.subgraphUrls,
    mode: child.ready.mode,
    processes: [child],
    stop: () => child.stop(),
  };
}

export const loads = { deep: deepLoad, storefront: storefrontLoad } as const;
export type LoadName = keyof typeof loads;
