import { randomBytes } from 'node:crypto';
import { createLogger, generateKeyPairPem, loadSigningKeys } from '@basket/platform';
import type { RouterOptions } from '../../src/router';
import { startFixtureSupergraph, resetFixtures, type FixtureSupergraph } from './fixture/supergraph';
import { SLOW_MS } from './fixture/http-subgraph';
import { concurrentMismatches, expectSameAnswer, isReadOnly, type DifferentialRun } from './harness/differential';
import { CANDIDATE_ENGINE, REFERENCE_ENGINE, startEngines, type EnginePair } from './harness/engines';
import { FIXTURE_CORPUS } from './operations/fixture';
import type { Operation } from './harness/operation';

/**
 * Differential test over the test supergraph (fixture/): every operation of the corpus
 * goes to both engines, over the same in-process subgraphs, and the answers must match.
 * The limits leave a loaded machine room: only the slow fields' fetches ever time out.
 */
const DEADLINE_MS = 6_000;
/** One slow subgraph fetch gives up well before the request's deadline: partial data, not a timed-out request. */
const SUBGRAPH_TIMEOUT_MS = 2_000;
/** Small enough that one operation (http: an answer over the size cap) exceeds it, large enough for full introspection. */
const MAX_RESPONSE_BYTES = 256 * 1024;

let fixture: FixtureSupergraph;
let options: Omit<RouterOptions, 'port' | 'engine'>;
let shared: EnginePair;

beforeAll(async () => {
  fixture = await startFixtureSupergraph();
  const keys = await loadSigningKeys({ publicKeyPem: generateKeyPairPem().publicKeyPem, dataDir: '/nonexistent' });
  options = {
    supergraphSdl: fixture.supergraphSdl,
    logger: createLogger('differential', 'silent'),
    production: false,
    auth: { keys, issuer: 'basket' },
    routerSecret: randomBytes(32),
    httpLimits: { timeoutMs: DEADLINE_MS, maxResponseBytes: MAX_RESPONSE_BYTES },
    subgraphTimeoutMs: SUBGRAPH_TIMEOUT_MS,
  };
  shared = await startEngines(options);
}, 30_000);

afterAll(async () => {
  await shared?.close();
  await fixture?.close();
});

/** The reference's answers as the one-at-a-time tests checked them, reused by the concurrent test. */
const recorded = new Map<Operation, string>();
const runOn = (engines: EnginePair): DifferentialRun<undefined> => ({
  engines,
  context: () => undefined,
  beforeRequest: resetFixtures,
  recorded,
});

test('the slow fields are slower than the request deadline, which is longer than a subgraph fetch may take', () => {
  expect(SLOW_MS).toBeGreaterThan(DEADLINE_MS * 2);
  expect(DEADLINE_MS).toBeGreaterThan(SUBGRAPH_TIMEOUT_MS * 2);
});

describe(`${CANDIDATE_ENGINE} answers as ${REFERENCE_ENGINE} over the test supergraph`, () => {
  test.each(FIXTURE_CORPUS.map((op) => [`${op.category}: ${op.name}`, op] as const))('%s', async (_, op) => {
    if (!op.isolated) return expectSameAnswer(runOn(shared), op);
    const own = await startEngines(options);
    try {
      await expectSameAnswer(runOn(own), op);
    } finally {
      await own.close();
    }
  });
});

describe(`${CANDIDATE_ENGINE} answers concurrent requests as ${REFERENCE_ENGINE} answers each alone`, () => {
  // Adversarial operations may pollute the process (see harness/differential.ts); they are not run in a crowd.
  const crowd = FIXTURE_CORPUS.filter((op) => isReadOnly(op) && op.category !== 'adversarial');

  test(`${crowd.length} read-only operations, sixteen in flight at a time`, async () => {
    expect(crowd.length).toBeGreaterThan(100);
    // Routers of their own with no tight subgraph timeout: this is about what leaks between requests, not about how a
    // loaded machine's slow fetches are cut short.
    const roomy = await startEngines({
      ...options,
      subgraphTimeoutMs: undefined,
      httpLimits: { timeoutMs: 60_000, maxResponseBytes: MAX_RESPONSE_BYTES },
    });
    try {
      expect(await concurrentMismatches(runOn(roomy), crowd)).toEqual([]);
    } finally {
      await roomy.close();
    }
  }, 180_000);
});
