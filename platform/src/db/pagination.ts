import { badInput } from '../errors';

/**
 * Opaque keyset cursors: base64url JSON of the sort key. Clients must not build them;
 * a cursor that does not decode is BAD_USER_INPUT rather than an empty page.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === arity && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return value as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw badInput('Invalid cursor', [{ path: 'after', message: 'not a cursor returned by this API' }]);
}

/** Page size: default 20, at most 100, so one request cannot ask for the whole catalog. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return 20;
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw badInput('first must be between 1 and 100', [{ path: 'first', message: 'must be between 1 and 100' }]);
  }
  return first;
}

/** The position of a row in a newest-first list ordered by (created_at, id). */
export interface TimeKey {
  createdAt: Date;
  id: string;
}

export function decodeTimeCursor(after: string | null | undefined): TimeKey | undefined {
  if (!after) return undefined;
  const [createdAt, id] = decodeCursor(after, 2);
  const date = new Date(String(createdAt));
  if (Number.isNaN(date.getTime())) throw badInput('Invalid cursor', [{ path: 'after', message: 'not a cursor returned by this API' }]);
  return { createdAt: date, id: String(id) };
}

/**
 * A Relay connection from rows fetched with limit + 1: the extra row only tells
 * whether another page follows.
 */
export function toConnection<T extends TimeKey>(rows: T[], limit: number) {
  const edges = rows.slice(0, limit).map((node) => ({ node, cursor: encodeCursor([node.createdAt.toISOString(), node.id]) }));
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
}
