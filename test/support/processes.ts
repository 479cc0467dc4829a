import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

export interface Started {
  child: ChildProcess;
  /** The stdout and stderr so far. */
  output: () => string;
}

const children = new Set<ChildProcess>();

/** Spawns `tsx <script>`; every child is tracked so killChildren() can clean up after a failed test. */
export function spawnTsx(script: string, options: { cwd?: string; env: NodeJS.ProcessEnv }): Started {
  // Its own process group: tsx runs the script in a child process of its own, which a
  // SIGKILL to tsx would orphan; killGroup() reaches both.
  const child = spawn(TSX, [script], { cwd: options.cwd ?? ROOT, env: options.env, detached: true });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return { child, output: () => out };
}

/**
 * Resolves with the first output line matching `ready` (and the process); rejects when
 * the process exits first or after timeoutMs (killing it). The timer is cleared however
 * this ends: a pending timer would hold jest open after the run.
 */
export function waitForLine(started: Started, ready: RegExp, timeoutMs = 60_000): Promise<string> {
  const { child, output } = started;
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.stdout!.off('data', check);
      child.stderr!.off('data', check);
      child.off('exit', exited);
    };
    const check = () => {
      const line = output()
        .split('\n')
        .find((l) => ready.test(l));
      if (line === undefined) return;
      done();
      resolve(line);
    };
    const exited = (code: number | null) => {
      done();
      reject(new Error(`process exited with ${code}:\n${output()}`));
    };
    const timer = setTimeout(() => {
      done();
      killGroup(child);
      reject(new Error(`no line matching ${ready} within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', exited);
    check();
  });
}

/** Resolves with the exit code once the process has exited (at once if it already has); rejects after timeoutMs. */
export function exited(started: Started, timeoutMs = 60_000): Promise<number | null> {
  const { child } = started;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running after ${timeoutMs} ms:\n${started.output()}`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** SIGTERM, then the exit code. */
export function stop(started: Started): Promise<number | null> {
  const code = exited(started);
  started.child.kill('SIGTERM');
  return code;
}

/** For afterEach: a test that failed between start and stop must not leave its process running. */
export async function killChildren(): Promise<void> {
  await Promise.all(
    [...children].map((child) => {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      killGroup(child);
      return gone;
    }),
  );
}
