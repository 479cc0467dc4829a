import { randomUUID } from 'node:crypto';
import { decodeTimeCursor, encodeCursor, toConnection } from '../src/db/pagination';

const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const badInput = expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) });

describe('time cursors', () => {
  const id = randomUUID();

  it('reads back what toConnection wrote, at the extremes of the accepted range too', () => {
    for (const createdAt of [
      new Date('2026-11-25T09:20:52.321Z'),
      new Date('1970-01-01T00:00:00.000Z'),
      new Date('9999-12-31T23:59:59.999Z'),
    ]) {
      const cursor = toConnection([{ id, createdAt }], 1).pageInfo.endCursor!;
      expect(decodeTimeCursor(cursor)).toEqual({ id, createdAt });
    }
  });

  it.each([
    ['an id that is not a UUID', ['2026-01-01T00:00:00.000Z', 'not-a-uuid']],
    ['an id with SQL in it', ['2026-01-01T00:00:00.000Z', `${id}' or 1=1 --`]],
    ['an id with a NUL byte', ['2026-01-01T00:00:00.000Z', `${id}\u0000`]],
    ['a numeric id', ['2026-01-01T00:00:00.000Z', 42]],
    ['a year beyond Postgres', ['+275760-09-13T00:00:00.000Z', id]],
    ['a year before the epoch', ['1969-12-31T23:59:59.999Z', id]],
    ['a negative year', ['-004713-01-01T00:00:00.000Z', id]],
    ['a day that does not exist', ['2026-02-30T00:00:00.000Z', id]],
    ['a month that does not exist', ['2026-13-01T00:00:00.000Z', id]],
    ['a date without time', ['2026-01-01', id]],
    ['an offset other than Z', ['2026-01-01T07:00:00.000+07:00', id]],
    ['a timestamp number', [1767225600000, id]],
    ['an English date', ['yesterday', id]],
    ['one element', [id]],
    ['three elements', ['2026-01-01T00:00:00.000Z', id, 'extra']],
    ['an object', { createdAt: '2026-01-01T00:00:00.000Z', id }],
    ['nested arrays', [['2026-01-01T00:00:00.000Z'], [id]]],
    ['null', null],
  ])('rejects %s as BAD_USER_INPUT', (_what, key) => {
    expect(() => decodeTimeCursor(raw(key))).toThrow(badInput);
  });

  it('rejects what is not base64url JSON, and oversized cursors before parsing them', () => {
    for (const cursor of ['%%%', 'bm90IGpzb24', encodeCursor(['2026-01-01T00:00:00.000Z', id]) + 'A'.repeat(300)]) {
      expect(() => decodeTimeCursor(cursor)).toThrow(badInput);
    }
  });

  it('treats an absent cursor as the first page', () => {
    expect(decodeTimeCursor(undefined)).toBeUndefined();
    expect(decodeTimeCursor(null)).toBeUndefined();
    expect(decodeTimeCursor('')).toBeUndefined();
  });
});
