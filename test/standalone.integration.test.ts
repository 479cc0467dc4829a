import path from 'node:path';
import { killChildren, ROOT, spawnTsx, stop, waitForLine, type Started } from './support/processes';

/** Starts an entry point as `npm start -w <pkg>` would: from the package folder, env only. */
async function start(packageDir: string, env: Record<string, string>, readyMessage: RegExp): Promise<Started & { url: string }> {
  // Subgraphs share one runner (subgraphs/main.ts, named by the folder it starts from); the router has its own.
  const entry = packageDir.startsWith('subgraphs/') ? '../main.ts' : 'src/main.ts';
  const started = spawnTsx(entry, { cwd: path.join(ROOT, packageDir), env: { ...process.env, ...env, LOG_LEVEL: 'info' } });
  const line = await waitForLine(started, readyMessage);
  return { ...started, url: (JSON.parse(line) as { url: string }).url };
}

afterEach(killChildren);

describe('each part as its own process', () => {
  it('runs the accounts subgraph alone from its folder, ready on real services, and stops cleanly on SIGTERM', async () => {
    const accounts = await start(
      'subgraphs/accounts',
      { PORT: '0', SEED_DEMO: 'false', KAFKA_CLIENT_ID: 'basket-test-standalone' },
      /"msg":"accounts ready"/,
    );
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
    await expect(
      start('subgraphs/catalog', { DATABASE_URL: 'mysql://nope', JWT_PUBLIC_KEY: '', ROUTER_PORT: 'x' }, /never/),
    ).rejects.toThrow(/exited with 1[\s\S]*DATABASE_URL[\s\S]*ROUTER_PORT[\s\S]*JWT_PUBLIC_KEY/);
  }, 60_000);
});
