import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FromServer, LoadOptions, LoadResult, Mode, ToServer } from './protocol';

/** Children run TypeScript through tsx's loader (`node --import tsx`), whatever started this process. */
const TSX = ['--import', pathToFileURL(require.resolve('tsx')).href];

function forkTs(file: string, env?: NodeJS.ProcessEnv): ChildProcess {
  return fork(path.join(__dirname, file), [], { execArgv: TSX, env: env ?? process.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

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
export function startStackProcess(env: NodeJS.ProcessEnv = process.env): Promise<StackProcess> {
  const child = forkTs('stack-server.ts', env);
  return new Promise((resolve, reject) => {
    const failed = (code: number | null) => reject(new Error(`the stack process exited with ${code} before it was ready`));
    child.once('exit', failed);
    child.once('message', (message: FromServer) => {
      if (message.type !== 'ready') return;
      child.off('exit', failed);
      const ask = (m: ToServer) => child.send(m);
      resolve({
        url: message.url,
        mode: message.mode,
        pid: child.pid!,
        rssMb: () =>
          new Promise((answer) => {
            const onMessage = (m: FromServer) => {
              if (m.type !== 'rss') return;
              child.off('message', onMessage);
              answer(Math.round(m.bytes / 1024 / 1024));
            };
            child.on('message', onMessage);
            ask({ type: 'rss' });
          }),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            ask({ type: 'stop' });
          }),
      });
    });
  });
}

/**
 * Drives load at a URL from a child process of its own (closed loop, keep-alive
 * connections) and returns throughput and latency percentiles in ms. Several runLoad
 * calls at once run in parallel processes, e.g. an abusive load next to a measured one.
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const child = forkTs('load-worker.ts');
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the load process exited with ${code} without a result`)));
    child.once('message', (m: { ok: true; result: LoadResult } | { ok: false; error: string }) =>
      m.ok ? resolve(m.result) : reject(new Error(`load generator failed: ${m.error}`)),
    );
    child.send(options);
  });
}
