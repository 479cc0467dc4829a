import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

const children = new Set<ChildProcess>();

/** Starts an entry point as `npm start -w <pkg>` would: from the package folder, env only. */
function start(packageDir: string, env: Record<string, string>, readyMessage: RegExp): Promise<Started> {
  const child = spawn(TSX, ['src/main.ts'], { cwd: path.join(ROOT, packageDir), env: { ...process.env, ...env, LOG_LEVEL: 'info' } });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  return new Promise((resolve, reject) => {
    // Cleared however the start ends: a pending timer would hold jest open after the run.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${packageDir} did not start:\n${out}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of out.split('\n')) {
        if (!readyMessage.test(line)) continue;
        const url = (JSON.parse(line) as { url: string }).url;
        clearTimeout(timer);
        resolve({ child, url, output: () => out });
        return;
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${packageDir} exited with ${code}:\n${out}`));
    });
  });
}

function stop(started: Started): Promise<number | null> {
  return new Promise((resolve) => {
    if (started.child.exitCode !== null) return resolve(started.child.exitCode);
    started.child.once('exit', (code) => resolve(code));
    started.child.kill('SIGTERM');
  });
}

// A test that fails between start and stop must not leave its process running.
afterEach(async () => {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
});

describe('each part as its own process', () => {
  it('runs the accounts subgraph alone from its folder, ready on real services, and stops cleanly on SIGTERM', async () => {
    const accounts = await start('subgraphs/accounts', { PORT: '0', SEED_DEMO: 'false', KAFKA_CLIENT_ID: 'basket-test-standalone' }, /"msg":"accounts ready"/);
    const base = accounts.url.replace(/\/graphql$/, '');
    const ready = await fetch(`${base}/ready`);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', kafka: 'ok', redis: 'ok', outbox: 'ok' } });
    expect(await stop(accounts)).toBe(0);
    expect(accounts.output()).toMatch(/"msg":"stopped cleanly"/);
  }, 90_000);

  it('runs the router alone over the committed supergraph, and stops cleanly on SIGTERM', async () => {
    const router = await start('router', { ROUTER_PORT: '0' }, /"msg":"router ready"/);
    expect(await (await fetch(router.url.replace(/\/graphql$/, '/health'))).json()).toEqual({ status: 'ok', service: 'router' });
    expect(await stop(router)).toBe(0);
  }, 90_000);

  it('refuses to start with a broken environment, listing every problem', async () => {
    await expect(start('subgraphs/catalog', { DATABASE_URL: 'mysql://nope', JWT_PUBLIC_KEY: '', ROUTER_PORT: 'x' }, /never/)).rejects.toThrow(
      /exited with 1[\s\S]*DATABASE_URL[\s\S]*ROUTER_PORT[\s\S]*JWT_PUBLIC_KEY/,
    );
  }, 60_000);
});
