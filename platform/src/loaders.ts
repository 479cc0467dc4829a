import DataLoader from 'dataloader';
import type { Metrics } from './metrics';
import type { RequestBase } from './server/request-context';
import { groupedLoader, keyedLoader } from './dataloader';

export interface LoaderLabels {
  service: string;
  loader: string;
}

/**
 * How to build one per-request DataLoader. A manifest declares its loaders as specs
 * once per process; the platform builds fresh DataLoaders from them for every request
 * (a cache must never outlive its request), labelled by the key they are declared under.
 */
export interface LoaderSpec<K, V> {
  build(metrics: Metrics, labels: LoaderLabels, request: RequestBase): DataLoader<K, V>;
}

/** The DataLoaders a record of specs becomes in a request context. */
export type LoadersOf<L> = { [N in keyof L]: L[N] extends LoaderSpec<infer K, infer V> ? DataLoader<K, V> : never };

export const loader = {
  /** One row per key, fetched in one batch (rows in any order); a missing row is null. */
  keyed<K, V>(load: (keys: readonly K[]) => Promise<V[]>, keyOf: (value: V) => K): LoaderSpec<K, V | null> {
    return { build: (metrics, labels) => keyedLoader(metrics, labels, load, keyOf) };
  },
  /** A list per key (a product's variants), fetched in one batch; no rows is []. */
  grouped<K, V>(load: (keys: readonly K[]) => Promise<V[]>, keyOf: (value: V) => K): LoaderSpec<K, V[]> {
    return { build: (metrics, labels) => groupedLoader(metrics, labels, load, keyOf) };
  },
  /**
   * Any batch function: one result (or Error) per key, in the keys' order. It gets the
   * request's scope, for loads whose answer depends on who asks (a service call).
   */
  batch<K, V>(load: (keys: readonly K[], request: RequestBase) => Promise<(V | Error)[]>): LoaderSpec<K, V> {
    return {
      build: (metrics, labels, request) =>
        new DataLoader<K, V>((keys) => {
          metrics.loaderBatches.inc(labels);
          return load(keys, request);
        }),
    };
  },
};

/** Fresh DataLoaders for one request, each counted under its declared name. */
export function buildLoaders<L extends Record<string, LoaderSpec<never, unknown>>>(
  specs: L,
  metrics: Metrics,
  service: string,
  request: RequestBase,
): LoadersOf<L> {
  return Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, spec.build(metrics, { service, loader: name }, request)]),
  ) as LoadersOf<L>;
}

/**
 * A process-wide lookup by key that batches the loads made in the same tick into one
 * query and caches nothing, so it never serves a stale answer (policies use it to read
 * a role from the database: fifty private fields of a page cost one query, and a
 * demotion counts at once).
 */
export function batchedLookup<K, V>(load: (keys: readonly K[]) => Promise<V[]>, keyOf: (value: V) => K): (key: K) => Promise<V | null> {
  const lookup = new DataLoader<K, V | null>(
    async (keys) => {
      const rows = await load([...new Set(keys)]);
      const byKey = new Map(rows.map((r) => [keyOf(r), r]));
      return keys.map((k) => byKey.get(k) ?? null);
    },
    { cache: false },
  );
  return (key) => lookup.load(key);
}
