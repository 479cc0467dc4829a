import path from 'node:path';
import { forkTs, startChild } from './children';
import type { LoadOptions, LoadResult, Mode } from './protocol';
import type { StackReady } from './stack-server';

export interface StackProcess {
  /** The router's GraphQL URL. */
  url: string;
  mode: Mode;
  pid: number;
  /** The server process's resident set size now, in MB. */
  rssMb(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts the whole stack (router and every subgraph) in a child process of its own,
 * on free ports. Embedded (PGlite in a temporary folder, removed at stop) unless `env`
 * names the services (DATABASE_URL, REDIS_URL, KAFKA_BROKERS, the JWT keys, ROUTER_SECRET).
 */
export async function startStackProcess(env: NodeJS.ProcessEnv = process.env): Promise<StackProcess> {
  const child = await startChild<Record<string, never>, StackReady>(path.join(__dirname, 'stack-server.ts'), {}, { env });
  return {
    url: child.ready.url,
    mode: child.ready.mode,
    pid: child.pid,
    rssMb: async () => Math.round(await child.rssMb()),
    stop: () => child.stop(),
  };
}

/**
 * Drives load at a URL from a child process of its own (closed loop, keep-alive
 * connections) and returns throughput and latency percentiles in ms. Several runLoad
 * calls at once run in parallel processes, e.g. an abusive load next to a measured one.
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const child = forkTs(path.join(__dirname, 'load-worker.ts'));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the load process exited with ${code} without a result`)));
    child.once('message', (m: { ok: true; result: LoadResult } | { ok: false; error: string }) =>
      m.ok ? resolve(m.result) : reject(new Error(`load generator failed: ${m.error}`)),
    );
    child.send(options);
  });
}
