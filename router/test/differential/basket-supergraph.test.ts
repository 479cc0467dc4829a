import fs from 'node:fs';
import { createLogger, demoAccounts, loadConfig, loadSigningKeys, readSupergraphConfig, type Config } from '@basket/platform';
import { ok, uniqueEmail } from '../../../test/support/graphql';
import { routerSettings } from '../../src/settings';
import { concurrentMismatches, expectSameAnswer, isReadOnly, type DifferentialRun } from './harness/differential';
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

type SharedContext = Omit<BasketContext, 'tokens' | 'requestEmail'> & { tokens: Omit<BasketContext['tokens'], 'fresh'> };

/** Signs in and registers through the reference engine: the setup must not depend on the engine under test. */
async function signIn(url: string, email: string, password: string): Promise<{ userId: string; accessToken: string }> {
  const data = await ok('mutation($i: LoginInput!) { login(input: $i) { accessToken user { id } } }', { i: { email, password } }, { url });
  return { userId: data.login.user.id, accessToken: data.login.accessToken };
}

async function registerCustomer(url: string): Promise<string> {
  const i = { email: uniqueEmail('diff'), password: 'secret-pass-1', name: 'Khách Differential' };
  return (await ok('mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', { i }, { url })).register.accessToken;
}

async function basketContext(url: string): Promise<SharedContext> {
  const [admin, customer, vendor] = await Promise.all([
    signIn(url, demoAccounts.admin.email, demoAccounts.admin.password),
    signIn(url, demoAccounts.customer.email, demoAccounts.customer.password),
    signIn(url, demoAccounts.vendorA.email, demoAccounts.vendorA.password),
  ]);
  const data = await ok(
    `query($v: ID!, $o: ID!) {
      vendor(id: $v) { slug }
      products(first: 1, filter: { vendorId: $v }) { edges { node { id slug variants { sku } category { id slug } } } }
      page: products(first: 2) { pageInfo { endCursor } }
      other: vendor(id: $o) { name }
      otherProducts: products(first: 1, filter: { vendorId: $o }) { edges { node { id variants { sku } } } }
    }`,
    { v: vendor.userId, o: demoAccounts.vendorB.id },
    { url },
  );
  const product = data.products.edges[0].node;
  const otherProduct = data.otherProducts.edges[0].node;
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
    otherProductId: otherProduct.id,
    otherSku: otherProduct.variants[0].sku,
    otherShopName: data.other.name,
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
    logger: createLogger('differential', process.env.DIFFERENTIAL_LOG_LEVEL ?? 'silent'),
  });
  try {
    const setupUrl = engines.reference.url;
    const shared = await basketContext(setupUrl);
    run = {
      engines,
      context: async (_side, op: BasketOperation) => ({
        ...shared,
        requestEmail: uniqueEmail('diff'),
        tokens: op.freshUser ? { ...shared.tokens, fresh: await registerCustomer(setupUrl) } : shared.tokens,
      }),
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

describe(`${CANDIDATE_ENGINE} keeps concurrent callers apart as ${REFERENCE_ENGINE} does`, () => {
  // Signed-in reads of four different viewers (and none), three times over, all in flight together: an answer for
  // one caller must never carry another's viewer, credential or deduplicated fetch.
  const signedIn = BASKET_CORPUS.filter((op) => op.category === 'basket-accounts' && isReadOnly(op) && !op.freshUser);

  test(`${signedIn.length * 3} signed-in reads of different viewers at once`, async () => {
    expect(await concurrentMismatches(run, [...signedIn, ...signedIn, ...signedIn])).toEqual([]);
  }, 120_000);
});
