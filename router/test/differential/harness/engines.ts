import { startRouter, type RouterEngine, type RouterOptions, type RunningRouter } from '../../../src/router';

/**
 * The engines compared: the stock gateway is the oracle, the candidate the engine under
 * test. Setting both to 'apollo-gateway' proves the harness alone (every test must pass).
 */
export const REFERENCE_ENGINE: RouterEngine = 'apollo-gateway';
export const CANDIDATE_ENGINE: RouterEngine = 'basket';

export interface EnginePair {
  reference: RunningRouter;
  candidate: RunningRouter;
  close(): Promise<void>;
}

/** Two routers over the same supergraph and subgraphs, differing only in their engine. */
export async function startEngines(options: Omit<RouterOptions, 'port' | 'engine'>): Promise<EnginePair> {
  const start = (engine: RouterEngine) => startRouter({ ...options, port: 0, engine });
  const reference = await start(REFERENCE_ENGINE);
  let candidate: RunningRouter;
  try {
    candidate = await start(CANDIDATE_ENGINE);
  } catch (err) {
    await reference.close();
    throw err;
  }
  return {
    reference,
    candidate,
    close: async () => void (await Promise.all([reference.close(), candidate.close()])),
  };
}
