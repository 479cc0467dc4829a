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
