import { isDeepStrictEqual } from 'node:util';

/**
 * Where two JSON values first differ ('data.products.edges.3.node.name: "a" vs "b"'), or
 * undefined when they are equal. Object key order does not count: JSON objects have none.
 */
export function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  const show = (v: unknown) => JSON.stringify(v)?.slice(0, 200);
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    for (const key of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
      const found = firstDifference(ao[key], bo[key], at ? `${at}.${key}` : key);
      if (found) return found;
    }
  }
  return `${at || '(root)'}: ${show(a)} vs ${show(b)}`;
}
