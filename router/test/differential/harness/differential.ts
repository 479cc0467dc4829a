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
  const candidate = await ask('candidate');
  const unmet = unmetExpectation(op, reference);
  if (unmet)
    throw new Error(
      `the reference answer is not what this operation exercises (a corpus or reference problem, not a candidate difference): ${unmet}`,
    );
  const actual = comparable(candidate);
  const expected = op.intended ? op.intended.adjust(comparable(reference)) : comparable(reference);
  expect(actual).toStrictEqual(expected);
  expect(fieldOrder(actual.data)).toStrictEqual(fieldOrder(expected.data));
}

/** Operations per category, for the suite's own summary. */
export function countByCategory(corpus: readonly Operation<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const op of corpus) counts[op.category] = (counts[op.category] ?? 0) + 1;
  return counts;
}
