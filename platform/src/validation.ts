import type { z } from 'zod';
import { badInput } from './errors';

/**
 * Validates mutation input at the edge: a failure throws BAD_USER_INPUT listing every
 * problem with its path, before any transaction opens, so nothing is written.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const summary = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
  throw badInput(`Invalid input: ${summary}`, problems);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Keys that can name a row. Entity keys arrive from clients through `_entities` and
 * filters; anything else simply matches nothing, instead of reaching SQL as a bad uuid.
 */
export const onlyUuids = (ids: readonly string[]): string[] => ids.filter((id) => UUID.test(id));
