import { Agent, request } from 'undici';

/** The fetches of one query plan with their recorded bodies, in the plan's order and parallelism. */
export type FloorStep = { kind: 'Sequence' | 'Parallel'; steps: FloorStep[] } | { kind: 'Fetch'; url: string; body: string };

/**
 * What any router must at least do for one request: the plan's subgraph fetches, each
 * sequence in order and each parallel group at once, over pooled keep-alive connections
 * (undici's request, no web streams), every answer parsed. No merging, no shaping.
 */
export function floorRunner(): { run(step: FloorStep): Promise<void>; close(): Promise<void> } {
  const dispatcher = new Agent({ keepAliveTimeout: 60_000 });
  const run = async (step: FloorStep): Promise<void> => {
    if (step.kind !== 'Fetch') {
      if (step.kind === 'Parallel') await Promise.all(step.steps.map(run));
      else for (const s of step.steps) await run(s);
      return;
    }
    const answer = await request(step.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: step.body,
      dispatcher,
    });
    const parsed = (await answer.body.json()) as { errors?: unknown };
    if (answer.statusCode !== 200 || parsed.errors) throw new Error(`floor fetch to ${step.url} answered ${answer.statusCode}`);
  };
  return { run, close: () => dispatcher.close() };
}
