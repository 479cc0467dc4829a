import { comparable, fieldOrder, unmetExpectation } from './compare';
import type { EnginePair } from './engines';
import { send, type Operation } from './operation';

export type Side = 'reference' | 'candidate';

export interface DifferentialRun<Ctx> {
  engines: EnginePair;
  /** What variables and headers are computed from, per side (each side may need its own fresh user). */
  context(side: Side, op: Operation<Ctx>): Promise<Ctx> | Ctx;
  /** Runs before each request: resets fixture state so both engines see the same world. */
  beforeRequest?(): void;
  /** Where the reference's answers (canonical JSON) are kept once checked, so a later concurrent run need not ask again. */
  recorded?: Map<Operation<Ctx>, string>;
}

/**
 * Sends one operation to the reference engine, then to the candidate, and asserts the
 * answers are the same (see compare.ts for what is normalised and why). The reference
 * answer is first checked against what the operation says it exercises: a corpus entry
 * that stopped exercising it fails as such, not as an engine difference.
 */
export async function expectSameAnswer<Ctx>(run: DifferentialRun<Ctx>, op: Operation<Ctx>): Promise<void> {
  const ask = async (side: Side) => {
    const ctx = await run.context(side, op);
    run.beforeRequest?.();
    return send(run.engines[side].url, op, ctx);
  };
  const reference = await ask('reference');
  const candidate = await withPrototypesGuarded(() => ask('candidate'));
  const unmet = unmetExpectation(op, reference);
  if (unmet)
    throw new Error(
      `the reference answer is not what this operation exercises (a corpus or reference problem, not a candidate difference): ${unmet}`,
    );
  const actual = comparable(candidate);
  const expected = op.intended ? op.intended.adjust(comparable(reference)) : comparable(reference);
  run.recorded?.set(op, canonicalJson(expected));
  // Judged on canonical JSON: jest's equality misreads own `__proto__` keys, which the adversarial operations have.
  if (canonicalJson(actual) !== canonicalJson(expected)) {
    expect(actual).toStrictEqual(expected); // for its diff
    throw new Error(`answers differ:\n${canonicalJson(actual)}\n${canonicalJson(expected)}`);
  }
  expect(fieldOrder(actual.data)).toStrictEqual(fieldOrder(expected.data));
}

/** Whether an operation can run beside others: it writes nothing and its answer does not depend on timing or order. */
export const isReadOnly = <Ctx>(op: Operation<Ctx>): boolean =>
  !op.isolated && !/^\s*mutation\b/.test(op.query ?? op.rawBody ?? '') && !op.rawBody?.includes('mutation');

/**
 * The candidate answers many operations at the same time exactly as the reference answers
 * each alone: no state of one request (variables, viewer, deduplicated fetches, cached
 * plans) may leak into another in flight. Returns the operations whose answers differ.
 */
const CONCURRENCY = 16;

export async function concurrentMismatches<Ctx>(run: DifferentialRun<Ctx>, ops: Operation<Ctx>[]): Promise<string[]> {
  const contexts = await Promise.all(ops.map((op) => run.context('candidate', op)));
  const expected: string[] = [];
  for (const [i, op] of ops.entries()) {
    const known = run.recorded?.get(op);
    if (known !== undefined) {
      expected.push(known);
      continue;
    }
    const reference = comparable(await send(run.engines.reference.url, op, contexts[i]!));
    expected.push(canonicalJson(op.intended ? op.intended.adjust(reference) : reference));
  }
  // In waves of a bounded size: a crowd far beyond the admission queue would be refused (RATE_LIMITED), by design.
  const actual: string[] = [];
  for (let start = 0; start < ops.length; start += CONCURRENCY) {
    const wave = ops.slice(start, start + CONCURRENCY);
    actual.push(
      ...(await Promise.all(
        wave.map(async (op, i) => canonicalJson(comparable(await send(run.engines.candidate.url, op, contexts[start + i]!)))),
      )),
    );
  }
  return ops.flatMap((op, i) =>
    actual[i] === expected[i] ? [] : [`${op.category}: ${op.name}\n  got      ${actual[i]}\n  expected ${expected[i]}`],
  );
}

/** JSON with every object's keys sorted (own keys only, `__proto__` included), undefined members dropped. */
export function canonicalJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, x]) => [k, sorted(x)]),
      );
    }
    return v;
  };
  return JSON.stringify(sorted(value));
}

const GUARDED: [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
];

/**
 * The routers run in the test's own process, so an engine that writes a client-chosen
 * key (an alias such as `__proto__`) into a plain object can pollute the process's
 * prototypes, and every later answer of both engines with them. What the candidate
 * added is removed again, and the test fails naming it.
 */
export async function withPrototypesGuarded<T>(act: () => Promise<T>): Promise<T> {
  const before = GUARDED.map(([, proto]) => new Set(Reflect.ownKeys(proto)));
  const result = await act();
  const added = GUARDED.flatMap(([name, proto], i) =>
    Reflect.ownKeys(proto)
      .filter((key) => !before[i]!.has(key))
      .map((key) => {
        const value: unknown = Reflect.get(proto, key);
        Reflect.deleteProperty(proto, key);
        return `${name}.${String(key)} = ${JSON.stringify(value)}`;
      }),
  );
  if (added.length) throw new Error(`the candidate engine polluted the process's prototypes (removed again): ${added.join(', ')}`);
  return result;
}

/** Operations per category, for the suite's own summary. */
export function countByCategory<Ctx>(corpus: readonly Operation<Ctx>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const op of corpus) counts[op.category] = (counts[op.category] ?? 0) + 1;
  return counts;
}
