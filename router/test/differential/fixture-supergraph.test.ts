import { randomBytes } from 'node:crypto';
import { createLogger, generateKeyPairPem, loadSigningKeys } from '@basket/platform';
import { startFixtureSupergraph, resetFixtures, type FixtureSupergraph } from './fixture/supergraph';
import { SLOW_MS } from './fixture/http-subgraph';
import { expectSameAnswer, type DifferentialRun } from './harness/differential';
import { CANDIDATE_ENGINE, REFERENCE_ENGINE, startEngines } from './harness/engines';
import { FIXTURE_CORPUS } from './operations/fixture';

/**
 * Differential test over the test supergraph (fixture/): every operation of the corpus
 * goes to both engines, over the same in-process subgraphs, and the answers must match.
 */
const DEADLINE_MS = 1_500;
/** One slow subgraph fetch gives up well before the request's deadline: partial data, not a timed-out request. */
const SUBGRAPH_TIMEOUT_MS = 400;

let fixture: FixtureSupergraph;
let run: DifferentialRun<undefined>;

beforeAll(async () => {
  fixture = await startFixtureSupergraph();
  const keys = await loadSigningKeys({ publicKeyPem: generateKeyPairPem().publicKeyPem, dataDir: '/nonexistent' });
  const engines = await startEngines({
    supergraphSdl: fixture.supergraphSdl,
    logger: createLogger('differential', 'silent'),
    production: false,
    auth: { keys, issuer: 'basket' },
    routerSecret: randomBytes(32),
    httpLimits: { timeoutMs: DEADLINE_MS, maxResponseBytes: 8 * 1024 * 1024 },
    subgraphTimeoutMs: SUBGRAPH_TIMEOUT_MS,
  });
  run = { engines, context: () => undefined, beforeRequest: resetFixtures };
}, 30_000);

afterAll(async () => {
  await run?.engines.close();
  await fixture?.close();
});

test('the slow fields are slower than the request deadline, which is longer than a subgraph fetch may take', () => {
  expect(SLOW_MS).toBeGreaterThan(DEADLINE_MS * 2);
  expect(DEADLINE_MS).toBeGreaterThan(SUBGRAPH_TIMEOUT_MS * 2);
});

describe(`${CANDIDATE_ENGINE} answers as ${REFERENCE_ENGINE} over the test supergraph`, () => {
  test.each(FIXTURE_CORPUS.map((op) => [`${op.category}: ${op.name}`, op] as const))('%s', async (_, op) => {
    await expectSameAnswer(run, op);
  });
});
