/**
 * Shared benchmark code. The server under test and the load generator run in separate
 * processes, so neither's CPU or memory counts as the other's, and every result records
 * the commit, the machine and the mode it was measured in.
 *
 *   const stack = await startStackProcess(process.env);           // embedded unless services are set
 *   const r = await runLoad({ url: stack.url, body: { query }, concurrency: 8, requests: 400 });
 *   //  -> { rps, p50, p95, p99, max, errors, outcomes, ... }    (ms)
 *   const rss = await stack.rssMb();
 *   writeResult('my-bench', stack.mode, { results: [r], rssMb: rss }); // + commit, machine, time
 *   await stack.stop();
 */
export { startStackProcess, runLoad, type StackProcess } from './processes';
export { startChild, serveInChild, forkTs, type ChildServer, type Usage } from './children';
export { percentile } from './load';
export { writeResult, provenance, RESULTS_DIR } from './results';
export type { LoadOptions, LoadResult, Mode } from './protocol';
export { benchMain } from './main';
