import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { demoAccounts, generateKeyPairPem, loadConfig } from '@basket/platform';
import { startStack, type Stack } from '@basket/router';
import { ok } from './support/graphql';
import { exited, killChildren, ROOT, spawnTsx, stop, waitForLine } from './support/processes';
import { demoCategories, demoProducts } from '../subgraphs/catalog/src/seed/demo-catalog';
import { startBanner } from '../scripts/start-banner';

const tempDirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

let stack: Stack | undefined;
afterEach(async () => {
  await killChildren();
  await stack?.stop();
  stack = undefined;
});

const startEmbedded = (dataDir: string, env: Record<string, string> = {}) =>
  startStack({ config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env }), ports: { router: 0, subgraphs: 0 } });

/** A pid that surely belongs to no process: one that has just exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid;

/**
 * The `npm start` path with nothing configured: PGlite under a fresh data dir,
 * in-process events, demo data seeded on first start and kept on the next.
 */
describe('embedded mode', () => {
  it('seeds the demo marketplace and serves it through the router, across restarts', async () => {
    const dataDir = tempDir('basket-embedded-');
    stack = await startEmbedded(dataDir);
    const url = stack.router.url;
    const data = await ok('{ vendors { name } products(first: 3) { edges { node { name(locale: EN) vendor { name } } } } }', {}, { url });
    expect(data.vendors.map((v: { name: string }) => v.name).sort()).toEqual([demoAccounts.vendorA.name, demoAccounts.vendorB.name].sort());
    expect(data.products.edges).toHaveLength(3);
    const login = await ok(
      'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
      { i: { email: demoAccounts.customer.email, password: demoAccounts.customer.password } },
      { url },
    );
    expect((await ok('{ me { name } }', {}, { url, token: login.login.accessToken })).me.name).toBe(demoAccounts.customer.name);
    await stack.stop();
    stack = undefined;
    // A clean stop releases the data directory; a crash leaves a lock whose process is
    // dead, which the next start takes over.
    expect(fs.existsSync(path.join(dataDir, 'basket.lock'))).toBe(false);
    fs.writeFileSync(path.join(dataDir, 'basket.lock'), `${deadPid()}\n`);

    // Second start: data persisted under DATA_DIR, nothing seeded twice, the same key pair.
    stack = await startEmbedded(dataDir);
    const ids = new Set<string>();
    let after: string | null = null;
    do {
      const page: any = (
        await ok(
          'query($a: String) { products(first: 100, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
          { a: after },
          { url: stack.router.url },
        )
      ).products;
      for (const e of page.edges) ids.add(e.node.id);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(ids.size).toBe(demoProducts.length);
    const again = await ok('{ vendors { id } categories { id } }', {}, { url: stack.router.url });
    expect(again.vendors).toHaveLength(2);
    expect(again.categories).toHaveLength(demoCategories.filter((c) => c.parentSlug === null).length);
    expect((await ok('{ me { name } }', {}, { url: stack.router.url, token: login.login.accessToken })).me.name).toBe(
      demoAccounts.customer.name,
    );
  }, 120_000);
});

/** `npm start` as a process, with only what a user's shell would have (not the suite's services env). */
const startProcess = (env: Record<string, string>) =>
  spawnTsx('scripts/start.ts', { env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...env } });

/** A supergraph.yaml whose subgraphs listen on free ports, so a start never collides with one already running. */
function anyPortSupergraph(): string {
  const file = path.join(tempDir('basket-supergraph-'), 'supergraph.yaml');
  const subgraphs = ['accounts', 'catalog'].map(
    (name) =>
      `  ${name}:\n    routing_url: http://127.0.0.1:0/graphql\n    schema:\n      file: ${path.join(ROOT, 'subgraphs', name, 'schema.graphql')}\n`,
  );
  fs.writeFileSync(file, `subgraphs:\n${subgraphs.join('')}`);
  return file;
}

describe('a second npm start', () => {
  it('fails at once with one line while another process holds the data directory, which keeps working', async () => {
    const dataDir = tempDir('basket-locked-');
    stack = await startEmbedded(dataDir, { SEED_DEMO: 'false' });
    const second = startProcess({ DATA_DIR: dataDir, ROUTER_PORT: '0', SUPERGRAPH_CONFIG: anyPortSupergraph() });
    expect(await exited(second, 20_000)).toBe(1);
    expect(second.output()).toMatch(
      new RegExp(`^basket: Data directory ${dataDir} is in use by process ${process.pid} \\(is Basket already running\\?\\);.*\\n$`),
    );
    // Nothing else was printed: no migration, no listening, no stack trace.
    expect(second.output().trim().split('\n')).toHaveLength(1);
    expect((await ok('{ categories { id } }', {}, { url: stack.router.url })).categories).toEqual([]);
  }, 60_000);

  it('fails at once with one line when a port is taken, before it creates anything in the data directory', async () => {
    const dataDir = tempDir('basket-ports-');
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const second = startProcess({ DATA_DIR: dataDir, ROUTER_PORT: String(port) });
      expect(await exited(second, 20_000)).toBe(1);
      expect(second.output()).toMatch(new RegExp(`^basket: Port ${port} for the router \\(ROUTER_PORT\\) is already in use.*\\n$`));
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      busy.close();
    }
  }, 60_000);
});

describe('the npm start banner', () => {
  const keys = generateKeyPairPem();
  const production = {
    NODE_ENV: 'production',
    JWT_PRIVATE_KEY: keys.privateKeyPem,
    JWT_PUBLIC_KEY: keys.publicKeyPem,
    ROUTER_SECRET: 'x'.repeat(32),
  };

  async function banner(env: Record<string, string>): Promise<string> {
    const started = startProcess({ DATA_DIR: tempDir('basket-banner-'), ROUTER_PORT: '0', SUPERGRAPH_CONFIG: anyPortSupergraph(), ...env });
    await waitForLine(started, /Ctrl-C stops\./);
    expect(await stop(started)).toBe(0);
    return started.output();
  }

  it('offers Sandbox in development', async () => {
    expect(await banner({ SEED_DEMO: 'false' })).toMatch(/Basket is running: http:\/\/127\.0\.0\.1:\d+\/graphql\n.*Apollo Sandbox/);
  }, 60_000);

  it('in production mentions neither Sandbox nor demo accounts', async () => {
    const out = await banner(production);
    expect(out).toMatch(/Basket is running: http:\/\/127\.0\.0\.1:\d+\/graphql {3}\(production\)/);
    expect(out).not.toMatch(/Sandbox|Demo accounts|password/i);
  }, 60_000);

  it('never lists the demo passwords in production, even if demo data was seeded', () => {
    const input = {
      config: { production: true, seedDemo: true, dataDir: '/data' },
      routerUrl: 'http://127.0.0.1:4000/graphql',
      subgraphUrls: {},
      demoAccounts: Object.values(demoAccounts),
    };
    const text = startBanner(input);
    for (const account of Object.values(demoAccounts)) expect(text).not.toContain(account.password);
    // The same input outside production lists them, so the check above can fail.
    expect(startBanner({ ...input, config: { ...input.config, production: false } })).toContain(demoAccounts.admin.password);
  });
});
