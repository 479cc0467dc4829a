import { fork, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** Children run TypeScript through tsx's loader (`node --import tsx`), whatever started this process. */
const TSX = ['--import', pathToFileURL(require.resolve('tsx')).href];

/** Forks a TypeScript file (absolute path) with an IPC channel, sharing this process's stdout and stderr. */
export function forkTs(file: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return fork(file, [], { execArgv: TSX, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Parent to child: the options once, then questions. */
type ToChild<Options> = { type: 'start'; options: Options } | { type: 'rss' } | { type: 'stop' };
/** Child to parent: what it serves once it is ready, then answers. */
type FromChild<Ready> = { type: 'ready'; ready: Ready } | { type: 'failed'; error: string } | { type: 'rss'; bytes: number };

/** A server running alone in a child process (see startChild and serveInChild). */
export interface ChildServer<Ready> {
  /** What the child said when it was ready (its URL, ...). */
  ready: Ready;
  pid: number;
  /** The child's resident set size now, in MB. */
  rssMb(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts `file` (which calls serveInChild) in a process of its own, hands it `options` and
 * resolves once it is ready: so a server's CPU and memory are its own, measurable apart
 * from the load generator's and from the other servers'.
 */
export function startChild<Options, Ready>(file: string, options: Options, env?: NodeJS.ProcessEnv): Promise<ChildServer<Ready>> {
  const child = forkTs(file, env);
  const ask = (m: ToChild<Options>) => child.send(m);
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`${file} exited with ${code} before it was ready`));
    child.once('exit', exited);
    const onStart = (m: FromChild<Ready>) => {
      if (m.type === 'failed') reject(new Error(`${file} failed to start: ${m.error}`));
      if (m.type !== 'ready') return;
      child.off('exit', exited);
      child.off('message', onStart);
      resolve({
        ready: m.ready,
        pid: child.pid!,
        rssMb: () =>
          new Promise((answer) => {
            const onMessage = (r: FromChild<Ready>) => {
              if (r.type !== 'rss') return;
              child.off('message', onMessage);
              answer(Math.round((r.bytes / 1024 / 1024) * 10) / 10);
            };
            child.on('message', onMessage);
            ask({ type: 'rss' });
          }),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            ask({ type: 'stop' });
          }),
      });
    };
    child.on('message', onStart);
    ask({ type: 'start', options });
  });
}

/**
 * The child's side of startChild: waits for its options, starts, says it is ready, answers
 * RSS questions, and stops when asked or when the parent goes away (never outliving it).
 */
export function serveInChild<Options, Ready>(start: (options: Options) => Promise<{ ready: Ready; stop(): Promise<void> }>): void {
  const send = (m: FromChild<Ready>) => process.send!(m);
  let stop: (() => Promise<void>) | undefined;
  let stopping: Promise<void> | undefined;
  const exit = () =>
    void (stopping ??= (stop?.() ?? Promise.resolve()).catch((err: unknown) => console.error(err))).finally(() => process.exit(0));
  process.on('message', (m: ToChild<Options>) => {
    if (m.type === 'start') {
      start(m.options).then(
        (started) => {
          stop = () => started.stop();
          send({ type: 'ready', ready: started.ready });
        },
        (err: unknown) => {
          console.error(err);
          const failed: FromChild<Ready> = { type: 'failed', error: err instanceof Error ? err.message : String(err) };
          process.send!(failed, () => process.exit(1));
        },
      );
    }
    if (m.type === 'rss') send({ type: 'rss', bytes: process.memoryUsage().rss });
    if (m.type === 'stop') exit();
  });
  process.on('disconnect', exit);
}
