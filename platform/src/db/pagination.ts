import { badInput } from '../errors';
import { onlyUuids } from '../validation';

/**
 * Opaque keyset cursors: base64url JSON of the sort key. Clients must not build them;
 * a cursor that does not decode is BAD_USER_INPUT rather than an empty page.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

// Real cursors are under 100 characters; a longer one is forged and not worth parsing.
const MAX_CURSOR_LENGTH = 256;

const invalidCursor = () => badInput('Invalid cursor', [{ path: 'after', message: 'not a cursor returned by this API' }]);

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  if (cursor.length > MAX_CURSOR_LENGTH) throw invalidCursor();
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === arity && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return value as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw invalidCursor();
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

// Exactly what Date#toISOString writes for the years rows can have been created in.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * A cursor is decoded into values SQL can always take: the instant in the canonical
 * form this API wrote, within a range Postgres stores (no "2020-02-30", no year
 * 275760), and the id a UUID. Anything else is BAD_USER_INPUT, so a tampered cursor
 * never turns into a database error.
 */
export function decodeTimeCursor(after: string | null | undefined): TimeKey | undefined {
  if (!after) return undefined;
  const [createdAt, id] = decodeCursor(after, 2);
  if (typeof createdAt !== 'string' || typeof id !== 'string' || !ISO_INSTANT.test(createdAt) || onlyUuids([id]).length !== 1) {
    throw invalidCursor();
  }
  const date = new Date(createdAt);
  const time = date.getTime();
  // Round-tripping catches calendar nonsense that the pattern lets through (month 13, Feb 30).
  if (Number.isNaN(time) || time < EARLIEST || time > LATEST || date.toISOString() !== createdAt) throw invalidCursor();
  return { createdAt: date, id };
}

/**
 * A Relay connection from rows fetched with limit + 1: the extra row only tells
 * whether another page follows.
 */
export function toConnection<T extends TimeKey>(rows: T[], limit: number) {
  const edges = rows.slice(0, limit).map((node) => ({ node, cursor: encodeCursor([node.createdAt.toISOString(), node.id]) }));
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
}
