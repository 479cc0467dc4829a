import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Children run TypeScript through tsx's loader (`node --import tsx`), whatever started this process. */
const TSX = ['--import', pathToFileURL(require.resolve('tsx')).href];

/** Forks a TypeScript file (absolute path) with an IPC channel, sharing this process's stdout and stderr. */
export function forkTs(file: string, env: NodeJS.ProcessEnv = process.env, nodeOptions: string[] = []): ChildProcess {
  return fork(file, [], { execArgv: [...TSX, ...nodeOptions], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** A process's resident memory and the CPU time it has used so far. */
export interface Usage {
  rssMb: number;
  /** User plus system CPU time since the process started, in ms. */
  cpuMs: number;
}

/** Parent to child: the options once, then questions. */
type ToChild<Options> =
  | { type: 'start'; options: Options }
  | { type: 'usage' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string }
  | { type: 'stop' };
/** Child to parent: what it serves once it is ready, then answers. */
type FromChild<Ready> =
  | { type: 'ready'; ready: Ready }
  | { type: 'failed'; error: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'profile-started' }
  | { type: 'profile-written'; file: string };

/** A server running alone in a child process (see startChild and serveInChild). */
export interface ChildServer<Ready> {
  /** What the child said when it was ready (its URL, ...). */
  ready: Ready;
  pid: number;
  /** The child's RSS and CPU time now. */
  usage(): Promise<Usage>;
  /** The child's resident set size now, in MB. */
  rssMb(): Promise<number>;
  /** Starts V8's CPU profiler in the child: what it runs from now on, not its start-up. */
  startProfile(): Promise<void>;
  /** Stops it and writes the profile (.cpuprofile, for Chrome DevTools or speedscope) to `file`. */
  stopProfile(file: string): Promise<void>;
  stop(): Promise<void>;
}

export interface ChildSettings {
  env?: NodeJS.ProcessEnv;
  /** Extra node flags, e.g. ['--max-old-space-size=512']. */
  nodeOptions?: string[];
}

/**
 * Starts `file` (which calls serveInChild) in a process of its own, hands it `options` and
 * resolves once it is ready: so a server's CPU and memory are its own, measurable apart
 * from the load generator's and from the other servers'.
 */
export function startChild<Options, Ready>(file: string, options: Options, settings: ChildSettings = {}): Promise<ChildServer<Ready>> {
  const child = forkTs(file, settings.env, settings.nodeOptions);
  const ask = (m: ToChild<Options>) => child.send(m);
  /** Sends a question and resolves with the first answer of the given type. */
  const answerTo = <T extends FromChild<Ready>['type']>(question: ToChild<Options>, type: T) =>
    new Promise<Extract<FromChild<Ready>, { type: T }>>((answer) => {
      const onMessage = (r: FromChild<Ready>) => {
        if (r.type !== type) return;
        child.off('message', onMessage);
        answer(r as Extract<FromChild<Ready>, { type: T }>);
      };
      child.on('message', onMessage);
      ask(question);
    });
  const usage = async () => (await answerTo({ type: 'usage' }, 'usage')).usage;
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
        usage,
        rssMb: async () => (await usage()).rssMb,
        startProfile: async () => void (await answerTo({ type: 'profile-start' }, 'profile-started')),
        stopProfile: async (file) => void (await answerTo({ type: 'profile-stop', file }, 'profile-written')),
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

/** This process's usage, as the parent sees it. */
export function ownUsage(): Usage {
  const cpu = process.cpuUsage();
  return { rssMb: Math.round((process.memoryUsage().rss / 1024 / 1024) * 10) / 10, cpuMs: Math.round((cpu.user + cpu.system) / 100) / 10 };
}

/**
 * The child's side of startChild: waits for its options, starts, says it is ready, answers
 * usage questions, and stops when asked or when the parent goes away (never outliving it).
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
    if (m.type === 'usage') send({ type: 'usage', usage: ownUsage() });
    if (m.type === 'profile-start') void profiler.start().then(() => send({ type: 'profile-started' }));
    if (m.type === 'profile-stop') void profiler.stop(m.file).then(() => send({ type: 'profile-written', file: m.file }));
    if (m.type === 'stop') exit();
  });
  process.on('disconnect', exit);
}

/** V8's CPU profiler over the inspector protocol, in this process. */
const profiler = {
  session: undefined as Session | undefined,
  async start() {
    const session = (this.session ??= new Session());
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  },
  async stop(file: string) {
    const session = this.session;
    if (!session) throw new Error('the profiler was not started');
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    this.session = undefined;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(profile));
  },
};
