import { comparable, fieldOrder, unmetExpectation } from './harness/compare';
import { canonicalJson, withPrototypesGuarded } from './harness/differential';
import type { HttpAnswer } from './harness/operation';

/**
 * The comparison is the oracle's whole judgement: these show it sees each kind of
 * difference the differential suite exists to catch, and forgives only error order.
 */
const answer = (body: unknown, status = 200, contentType = 'application/json; charset=utf-8'): HttpAnswer => ({
  status,
  contentType,
  body,
});

const base = {
  data: { a: { b: 1, c: [1, 2] }, d: null },
  errors: [
    { message: 'x failed', path: ['a', 'x'], extensions: { code: 'X' } },
    { message: 'y failed', path: ['d'], extensions: { code: 'Y' } },
  ],
};

test('equal answers compare equal, whatever the order of their errors or the charset', () => {
  const reordered = { ...base, errors: [base.errors[1], base.errors[0]] };
  expect(comparable(answer(reordered, 200, 'application/json'))).toStrictEqual(comparable(answer(base)));
});

test.each([
  ['a data value', { ...base, data: { a: { b: 2, c: [1, 2] }, d: null } }],
  ['a list order', { ...base, data: { a: { b: 1, c: [2, 1] }, d: null } }],
  ['null instead of an object', { ...base, data: { a: null, d: null } }],
  ['an error path', { ...base, errors: [base.errors[0], { ...base.errors[1], path: ['e'] }] }],
  ['an error code', { ...base, errors: [base.errors[0], { ...base.errors[1], extensions: { code: 'Z' } }] }],
  ['a missing error', { ...base, errors: [base.errors[0]] }],
  ['absent data instead of null data', { errors: base.errors }],
  ['response extensions', { ...base, extensions: { valueCompletion: [] } }],
])('%s differs', (_, other) => {
  expect(comparable(answer(other))).not.toStrictEqual(comparable(answer(base)));
});

test('a status code differs', () => {
  expect(comparable(answer(base, 500))).not.toStrictEqual(comparable(answer(base)));
});

test('data null and data absent are told apart', () => {
  expect(comparable(answer({ data: null, errors: base.errors }))).not.toStrictEqual(comparable(answer({ errors: base.errors })));
});

test('field order is seen by fieldOrder though deep equality ignores it', () => {
  const swapped = { d: null, a: { c: [1, 2], b: 1 } };
  expect(comparable(answer({ ...base, data: swapped }))).toStrictEqual(comparable(answer(base)));
  expect(fieldOrder(swapped)).not.toStrictEqual(fieldOrder(base.data));
});

test('an operation that no longer exercises what it claims is reported', () => {
  expect(unmetExpectation({ expects: 'partial' }, answer(base))).toBeUndefined();
  expect(unmetExpectation({ expects: 'data' }, answer(base))).toMatch(/expected data, the reference answered partial/);
  expect(unmetExpectation({ expects: 'errors' }, answer({ data: null, errors: base.errors }))).toBeUndefined();
  expect(unmetExpectation({ expects: 'partial', codes: ['Q'] }, answer(base))).toMatch(/expected error codes Q/);
  const completed = { data: { a: null }, extensions: { valueCompletion: [{ message: 'Cannot return null', path: ['a', 'b'] }] } };
  expect(unmetExpectation({ expects: 'partial' }, answer(completed))).toBeUndefined();
});

describe('the judgement on canonical JSON', () => {
  test('own __proto__ keys are compared as keys, and key order does not count', () => {
    const a = JSON.parse('{"x": 1, "__proto__": {"y": 2}}') as unknown;
    const b = JSON.parse('{"__proto__": {"y": 2}, "x": 1}') as unknown;
    const c = JSON.parse('{"x": 1, "__proto__": {"y": 3}}') as unknown;
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).not.toBe(canonicalJson(c));
  });
});

describe('the prototype guard', () => {
  test('removes what an engine added to Object.prototype and fails naming it', async () => {
    const polluted = withPrototypesGuarded(async () => {
      (Object.prototype as Record<string, unknown>).pollutedByTest = 'yes';
    });
    await expect(polluted).rejects.toThrow('Object.prototype.pollutedByTest = "yes"');
    expect(({} as Record<string, unknown>).pollutedByTest).toBeUndefined();
  });

  test('lets a clean request through', async () => {
    await expect(withPrototypesGuarded(async () => 'answer')).resolves.toBe('answer');
  });
});
