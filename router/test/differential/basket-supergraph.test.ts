import fs from 'node:fs';
import { createLogger, demoAccounts, loadConfig, loadSigningKeys, readSupergraphConfig, type Config } from '@basket/platform';
import { ok, uniqueEmail } from '../../../test/support/graphql';
import { login, register } from '../../../test/support/users';
import { routerSettings } from '../../src/settings';
import { expectSameAnswer, type DifferentialRun } from './harness/differential';
import { CANDIDATE_ENGINE, REFERENCE_ENGINE, startEngines } from './harness/engines';
import { BASKET_CORPUS } from './operations/basket';
import type { BasketContext, BasketOperation } from './operations/basket/context';

/**
 * Differential test over Basket's own supergraph: two routers, one per engine, built
 * from the same settings as the real one and pointed at the subgraphs the global setup
 * runs (real Postgres, Redis, Kafka), so only the engine differs.
 */

/** schema/supergraph.graphql with each subgraph's routing URL replaced by where the test stack runs it, as stack.ts does. */
function supergraphOfTestStack(config: Config): string {
  let sdl = fs.readFileSync(config.supergraphSdlPath, 'utf8');
  for (const entry of readSupergraphConfig(config.supergraphConfigPath)) {
    // supergraph.yaml may list a subgraph the committed supergraph does not compose yet.
    if (!sdl.includes(entry.routingUrl)) continue;
    const url = process.env[`BASKET_${entry.name.toUpperCase()}_URL`];
    if (!url)
      throw new Error(`BASKET_${entry.name.toUpperCase()}_URL is not set: run through jest so test/global-setup.ts starts the stack`);
    sdl = sdl.split(entry.routingUrl).join(url);
  }
  return sdl;
}

async function basketContext(): Promise<Omit<BasketContext, 'tokens'> & { tokens: Omit<BasketContext['tokens'], 'fresh'> }> {
  const [admin, customer, vendor] = await Promise.all([
    login(demoAccounts.admin.email, demoAccounts.admin.password),
    login(demoAccounts.customer.email, demoAccounts.customer.password),
    login(demoAccounts.vendorA.email, demoAccounts.vendorA.password),
  ]);
  const data = await ok(
    `query($v: ID!) {
      vendor(id: $v) { slug }
      products(first: 1, filter: { vendorId: $v }) { edges { node { id slug variants { sku } category { id slug } } } }
      page: products(first: 2) { pageInfo { endCursor } }
    }`,
    { v: vendor.userId },
  );
  const product = data.products.edges[0].node;
  return {
    tokens: { admin: admin.accessToken, customer: customer.accessToken, vendor: vendor.accessToken },
    customerId: customer.userId,
    vendorId: vendor.userId,
    vendorSlug: data.vendor.slug,
    productId: product.id,
    productSlug: product.slug,
    sku: product.variants[0].sku,
    categoryId: product.category.id,
    categorySlug: product.category.slug,
    cursor: data.page.pageInfo.endCursor,
    unknownEmail: uniqueEmail('nobody'),
  };
}

let run: DifferentialRun<BasketContext>;

beforeAll(async () => {
  const config = loadConfig(process.env);
  const keys = await loadSigningKeys({ publicKeyPem: process.env.JWT_PUBLIC_KEY, dataDir: config.dataDir });
  const settings = routerSettings(config, keys, new TextEncoder().encode(config.ROUTER_SECRET));
  const engines = await startEngines({
    ...settings,
    supergraphSdl: supergraphOfTestStack(config),
    logger: createLogger('differential', 'silent'),
  });
  try {
    const shared = await basketContext();
    run = {
      engines,
      context: async (_side, op: BasketOperation) =>
        op.freshUser
          ? { ...shared, tokens: { ...shared.tokens, fresh: (await register('Khách Differential', 'diff')).accessToken } }
          : shared,
    };
  } catch (err) {
    await engines.close();
    throw err;
  }
}, 60_000);

afterAll(async () => {
  await run?.engines.close();
});

describe(`${CANDIDATE_ENGINE} answers as ${REFERENCE_ENGINE} over Basket's supergraph`, () => {
  test.each(BASKET_CORPUS.map((op) => [`${op.category}: ${op.name}`, op] as const))('%s', async (_, op) => {
    await expectSameAnswer(run, op);
  });
});
