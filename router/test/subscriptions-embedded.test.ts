import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoAccounts, loadConfig } from '@basket/platform';
import { startStack, type Stack } from '@basket/router';
import { ok } from '../../test/support/graphql';
import { PRODUCT_CHANGED, watchWs, wsClient } from './subscriptions-support';

/**
 * productChanged in embedded mode (`npm start` with nothing configured): PGlite and the
 * in-process transport, whose broadcast subscription feeds the catalog's listeners. Only
 * the two subgraphs the subscription touches are started (starting all takes minutes here).
 *
 * The change is catalog's own ProductUpdated published on the transport, as its outbox
 * relay publishes it: in embedded mode a catalog write currently times out (its policy
 * reads through the root handle inside the write's transaction, and PGlite has one
 * connection), which is the catalog's to fix, not this test's to hide.
 */
let stack: Stack | undefined;
let dataDir: string | undefined;
afterAll(async () => {
  await stack?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

it('delivers productChanged through the router with the vendor’s name from accounts', async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'basket-subscriptions-embedded-'));
  stack = await startStack({
    config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SUBGRAPHS: 'accounts,catalog' }),
    ports: { router: 0, subgraphs: 0 },
  });
  const url = stack.router.url;
  const vendor = demoAccounts.vendorA;
  const token = (
    await ok(
      'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
      { i: { email: vendor.email, password: vendor.password } },
      { url },
    )
  ).login.accessToken;
  const product = (await ok('{ myProducts(first: 1) { edges { node { id vendor { name } } } } }', {}, { url, token })).myProducts.edges[0]
    .node;

  const client = wsClient(url);
  try {
    const watched = watchWs(client, PRODUCT_CHANGED, { id: product.id });
    const updated = {
      id: randomUUID(),
      type: 'ProductUpdated',
      version: 1,
      occurredAt: new Date().toISOString(),
      aggregateId: product.id,
      data: { productId: product.id, vendorId: vendor.id, status: 'ACTIVE', changedFields: ['nameVi'] },
      traceId: null,
    };
    // The subscription has no acknowledgement: publish until it is heard.
    let event;
    for (let attempt = 0; !event && attempt < 20; attempt++) {
      await stack.deps.transport.publish([
        { topic: 'catalog.events', key: product.id, value: JSON.stringify({ ...updated, id: randomUUID() }) },
      ]);
      event = await watched.event(0, 1_000).catch(() => undefined);
    }
    expect(event?.data?.productChanged).toMatchObject({ id: product.id, vendor: { id: vendor.id, name: product.vendor.name } });
    watched.stop();
  } finally {
    await client.dispose();
  }
}, 300_000);
