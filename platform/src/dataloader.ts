import DataLoader from 'dataloader';
import type { Metrics } from './metrics';

/**
 * A per-request DataLoader whose batch function gets all keys at once and returns
 * rows in any order; results are matched back by key, missing ones become null.
 * Each batch is counted, so N+1 regressions show up in /metrics.
 */
export function keyedLoader<K, V>(
  metrics: Metrics,
  labels: { service: string; loader: string },
  load: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (value: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    metrics.loaderBatches.inc(labels);
    const rows = await load(keys);
    const byKey = new Map(rows.map((r) => [keyOf(r), r]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** Like keyedLoader, but each key maps to a list (e.g. a product's variants). */
export function groupedLoader<K, V>(
  metrics: Metrics,
  labels: { service: string; loader: string },
  load: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (value: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    metrics.loaderBatches.inc(labels);
    const rows = await load(keys);
    const groups = new Map<K, V[]>();
    for (const r of rows) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
    return keys.map((k) => groups.get(k) ?? []);
  });
}
