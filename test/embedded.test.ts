import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoAccounts, loadConfig } from '@basket/platform';
import { startStack, type Stack } from '@basket/router';
import { ok } from './support/graphql';
import { demoCategories, demoProducts } from '../subgraphs/catalog/src/seed/demo-catalog';

/**
 * The `npm start` path with nothing configured: PGlite under a fresh data dir,
 * in-process events, demo data seeded on first start and kept on the next.
 */
describe('embedded mode', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'basket-embedded-'));
  const start = () => startStack({ config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), ports: { router: 0, subgraphs: 0 } });
  let stack: Stack | undefined;

  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });

  it('seeds the demo marketplace and serves it through the router, across restarts', async () => {
    stack = await start();
    const url = stack.router.url;
    const data = await ok('{ vendors { name } products(first: 3) { edges { node { name(locale: EN) vendor { name } } } } }', {}, { url });
    expect(data.vendors.map((v: { name: string }) => v.name).sort()).toEqual([demoAccounts.vendorA.name, demoAccounts.vendorB.name].sort());
    expect(data.products.edges).toHaveLength(3);
    const login = await ok('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { email: demoAccounts.customer.email, password: demoAccounts.customer.password } }, { url });
    expect((await ok('{ me { name } }', {}, { url, token: login.login.accessToken })).me.name).toBe(demoAccounts.customer.name);
    await stack.stop();

    // Second start: data persisted under DATA_DIR, nothing seeded twice, the same key pair.
    stack = await start();
    const ids = new Set<string>();
    let after: string | null = null;
    do {
      const page: any = (await ok('query($a: String) { products(first: 100, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', { a: after }, { url: stack.router.url })).products;
      for (const e of page.edges) ids.add(e.node.id);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(ids.size).toBe(demoProducts.length);
    const again = await ok('{ vendors { id } categories { id } }', {}, { url: stack.router.url });
    expect(again.vendors).toHaveLength(2);
    expect(again.categories).toHaveLength(demoCategories.filter((c) => c.parentSlug === null).length);
    expect((await ok('{ me { name } }', {}, { url: stack.router.url, token: login.login.accessToken })).me.name).toBe(demoAccounts.customer.name);
  }, 120_000);
});
