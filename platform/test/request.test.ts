import { correlationIdFrom, localeFromAcceptLanguage } from '../src/server/request-context';
import { decodeCursor, decodeTimeCursor, encodeCursor, pageSize, toConnection } from '../src/db/pagination';
import { parseInput } from '../src/validation';
import { operationLabeller } from '../src/server/observability';
import { z } from 'zod';

describe('Accept-Language', () => {
  it.each([
    [undefined, null],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, vi;q=0.8, en;q=0.5', 'vi'],
    ['en;q=0.3, vi-VN;q=0.7', 'vi'],
    ['vi;q=0, en;q=0.1', 'en'],
    ['de, fr', null],
  ])('%s -> %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
});

describe('correlation ids', () => {
  it('keeps a clean caller id and replaces an unsafe one', () => {
    expect(correlationIdFrom({ 'x-correlation-id': 'req-123.abc' })).toBe('req-123.abc');
    expect(correlationIdFrom({ 'x-correlation-id': 'bad id\n{json}' })).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('cursors and page sizes', () => {
  it('round-trips and rejects forged cursors as BAD_USER_INPUT', () => {
    expect(decodeCursor(encodeCursor(['2026-01-01T00:00:00.000Z', 'id-1']), 2)).toEqual(['2026-01-01T00:00:00.000Z', 'id-1']);
    for (const forged of ['%%%', Buffer.from('{"a":1}').toString('base64url'), encodeCursor(['only-one'])]) {
      expect(() => decodeCursor(forged, 2)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
      );
    }
  });

  it('builds connections from limit + 1 rows and reads their cursors back', () => {
    // Cursors carry UUIDs only (see pagination.test.ts), so the rows have real ones.
    const rows = [3, 2, 1].map((n) => ({ id: `00000000-0000-4000-8000-00000000000${n}`, createdAt: new Date(Date.UTC(2026, 0, n)) }));
    const page = toConnection(rows, 2);
    expect(page.edges.map((e) => e.node.id)).toEqual([rows[0]!.id, rows[1]!.id]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(decodeTimeCursor(page.pageInfo.endCursor)).toEqual({ id: rows[1]!.id, createdAt: rows[1]!.createdAt });
    const all = toConnection(rows, 5);
    expect(all.pageInfo).toEqual({ hasNextPage: false, endCursor: all.edges[2]!.cursor });
    expect(decodeTimeCursor(all.pageInfo.endCursor)).toEqual({ id: rows[2]!.id, createdAt: rows[2]!.createdAt });
    expect(toConnection([], 5).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
    expect(decodeTimeCursor(undefined)).toBeUndefined();
    expect(() => decodeTimeCursor(encodeCursor(['yesterday', 'id']))).toThrow(/Invalid cursor/);
  });

  it('defaults to 20 and caps at 100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(101)).toThrow(/between 1 and 100/);
    expect(() => pageSize(0)).toThrow(/between 1 and 100/);
  });
});

describe('parseInput', () => {
  it('lists every problem with its path', () => {
    const schema = z.object({ a: z.string().min(2), b: z.object({ c: z.number() }) });
    try {
      parseInput(schema, { a: 'x', b: { c: 'no' } });
      throw new Error('expected a throw');
    } catch (err) {
      expect((err as { extensions: { problems: { path: string }[] } }).extensions.problems.map((p) => p.path)).toEqual(['a', 'b.c']);
    }
  });
});

describe('operation labels for metrics', () => {
  it('keeps well-formed names up to a cap and folds the rest into other', () => {
    const label = operationLabeller(2);
    expect(label('ProductListing')).toBe('ProductListing');
    expect(label('_entities')).toBe('_entities');
    expect(label('Third')).toBe('other');
    expect(label('ProductListing')).toBe('ProductListing');
    expect(operationLabeller()('drop table; --')).toBe('other');
  });
});
