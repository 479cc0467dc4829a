import { routerUrl } from '../../test/support/graphql';
import { createProduct, setShop, type CreatedProduct } from '../../test/support/catalog';
import { createVendor, register, type Session } from '../../test/support/users';
import type { RunningRouter } from '../src/router';
import {
  changeUntilEvent,
  stackSupergraph,
  ownRouter,
  PRODUCT_CHANGED,
  routerMetric,
  shortLivedToken,
  subgraphUrl,
  tcpProxy,
  watchMultipart,
  watchWs,
  wsClient,
  type Proxy,
} from './subscriptions-support';

/**
 * Subscriptions through the router, end to end on the global stack (real Postgres and
 * Kafka): productChanged is served by catalog over graphql-ws, fed by catalog's own
 * Kafka events; `vendor { name }` comes from accounts, resolved by the router per event.
 */
let vendor: Session;
let shopName: string;
let product: CreatedProduct;
let customer: Session;

beforeAll(async () => {
  vendor = await createVendor('Subscription Vendor');
  shopName = (await setShop(vendor, `Sạp ${vendor.userId.slice(0, 8)}`)).name;
  product = await createProduct(vendor);
  customer = await register('Subscriber');
}, 60_000);

const sku = () => product.variants[0]!.sku;

describe('productChanged through the router', () => {
  it('delivers a change over graphql-ws with the vendor’s name from accounts', async () => {
    const client = wsClient(routerUrl(), customer.accessToken);
    try {
      const watched = watchWs(client, PRODUCT_CHANGED, { id: product.id });
      const { event, prices } = await changeUntilEvent(watched, 0, sku(), vendor.accessToken);
      expect(event.errors).toBeUndefined();
      const changed = event.data!.productChanged;
      expect(changed).toMatchObject({ id: product.id, vendor: { id: vendor.userId, name: shopName } });
      // The product is read afresh for the event: the price is one this test set, not the one it was created with.
      const price = changed.variants.find((v: { sku: string }) => v.sku === sku()).priceVnd;
      expect(prices).toContain(price);
      expect(changed.minPriceVnd).toBe(Math.min(price, product.variants[1]!.priceVnd));
      watched.stop();
    } finally {
      await client.dispose();
    }
  }, 60_000);

  it('delivers the same over multipart HTTP, as Apollo Client asks for it', async () => {
    const watched = await watchMultipart(routerUrl(), PRODUCT_CHANGED, { id: product.id }, customer.accessToken);
    try {
      expect(watched.contentType).toBe('multipart/mixed;boundary="graphql";subscriptionSpec="1.0"');
      const { event, prices } = await changeUntilEvent(watched, 0, sku(), vendor.accessToken);
      expect(event.data!.productChanged).toMatchObject({ id: product.id, vendor: { name: shopName } });
      expect(prices).toContain(event.data!.productChanged.variants[0].priceVnd);
      expect(watched.raw().startsWith('\r\n--graphql\r\ncontent-type: application/json\r\n\r\n')).toBe(true);
    } finally {
      watched.stop();
    }
  }, 60_000);

  it('refuses a connection whose token is bad, and an operation the router’s limits refuse', async () => {
    const refused = watchWs(wsClient(routerUrl(), 'not-a-token'), PRODUCT_CHANGED, { id: product.id });
    expect((await refused.end()).errors?.[0]?.extensions?.closeCode).toBe(4403);

    const client = wsClient(routerUrl());
    try {
      const aliases = Array.from({ length: 101 }, (_, i) => `a${i}: id`).join(' ');
      const tooMany = watchWs(client, `subscription($id: ID!) { productChanged(id: $id) { ${aliases} } }`, { id: product.id });
      expect((await tooMany.end()).errors?.[0]?.message).toMatch(/alias/i);
    } finally {
      await client.dispose();
    }
  });

  it('runs queries over the same socket on the engine, as the viewer of connection_init', async () => {
    const client = wsClient(routerUrl(), vendor.accessToken);
    try {
      const watched = watchWs(client, 'query($id: ID) { product(id: $id) { id vendor { name } } me { id } }', { id: product.id });
      await watched.end();
      expect(watched.events).toEqual([{ data: { product: { id: product.id, vendor: { name: shopName } }, me: { id: vendor.userId } } }]);
    } finally {
      await client.dispose();
    }
  });

  it('ends a subscription whose access token expires with TOKEN_EXPIRED, over both protocols', async () => {
    const token = await shortLivedToken(customer.userId, 'CUSTOMER', 3);
    const client = wsClient(routerUrl(), token);
    try {
      const overWs = watchWs(client, PRODUCT_CHANGED, { id: product.id });
      const overHttp = await watchMultipart(routerUrl(), PRODUCT_CHANGED, { id: product.id }, token);
      const [wsEnd, httpEnd] = await Promise.all([overWs.end(10_000), overHttp.end(10_000)]);
      expect(wsEnd.errors?.map((e) => e.extensions?.code)).toEqual(['TOKEN_EXPIRED']);
      expect(httpEnd.errors?.map((e) => e.extensions?.code)).toEqual(['TOKEN_EXPIRED']);
      // The multipart answer still ends properly: the closing boundary after the error part.
      await new Promise((r) => setTimeout(r, 200));
      expect(overHttp.closed()).toBe(true);
    } finally {
      await client.dispose();
    }
    // Once expired, the token opens no new subscription.
    const late = watchWs(wsClient(routerUrl(), token), PRODUCT_CHANGED, { id: product.id });
    expect((await late.end()).errors?.[0]?.extensions?.closeCode).toBe(4403);
  }, 30_000);
});

describe('upstream subscriptions (a router of its own, catalog behind a proxy)', () => {
  let proxy: Proxy;
  let router: RunningRouter;

  beforeEach(async () => {
    proxy = await tcpProxy(subgraphUrl('catalog'));
    router = await ownRouter({ catalog: proxy.url }, { heartbeatMs: 200, upstream: { keepAliveMs: 300, pongTimeoutMs: 500 } });
  });
  afterEach(async () => {
    await router.close();
    await proxy.close();
  });

  const settle = async <T>(read: () => Promise<T> | T, expected: T, what: string) => {
    const deadline = Date.now() + 10_000;
    let last: T;
    while ((last = await read()) !== expected) {
      if (Date.now() > deadline) throw new Error(`${what}: expected ${String(expected)}, last ${String(last)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('shares one upstream between identical subscribers and closes it when the last one leaves', async () => {
    const first = wsClient(router.url, customer.accessToken);
    const second = wsClient(router.url, customer.accessToken);
    const other = wsClient(router.url);
    try {
      const a = watchWs(first, PRODUCT_CHANGED, { id: product.id });
      const b = watchWs(second, PRODUCT_CHANGED, { id: product.id });
      await settle(() => routerMetric(router, 'basket_router_open_subscriptions'), 2, 'client subscriptions');
      // One connection reaches catalog for both: the same operation, variables and viewer.
      await settle(() => proxy.open(), 1, 'connections to catalog');
      expect(await routerMetric(router, 'basket_router_subscription_upstreams_open')).toBe(1);

      // Someone else (anonymous) gets an upstream of their own.
      const c = watchWs(other, PRODUCT_CHANGED, { id: product.id });
      await settle(() => proxy.open(), 2, 'connections to catalog with a second identity');

      const { event } = await changeUntilEvent(a, 0, sku(), vendor.accessToken);
      expect((await b.event(0)).data).toEqual(event.data);
      expect((await c.event(0)).data!.productChanged.vendor.name).toBe(shopName);

      c.stop();
      await settle(() => proxy.open(), 1, 'connections after the anonymous subscriber left');
      a.stop();
      // b still listens: its upstream stays.
      await new Promise((r) => setTimeout(r, 300));
      expect(proxy.open()).toBe(1);
      b.stop();
      await settle(() => proxy.open(), 0, 'connections after the last subscriber left');
      await settle(() => routerMetric(router, 'basket_router_subscription_upstreams_open'), 0, 'upstreams');
      await settle(() => routerMetric(router, 'basket_router_open_subscriptions'), 0, 'client subscriptions');
    } finally {
      await Promise.all([first.dispose(), second.dispose(), other.dispose()]);
    }
  }, 60_000);

  it('closes the upstream when a multipart client goes away, and sends heartbeats meanwhile', async () => {
    const watched = await watchMultipart(router.url, PRODUCT_CHANGED, { id: product.id }, customer.accessToken);
    await settle(() => proxy.open(), 1, 'connections to catalog');
    await settle(() => watched.heartbeats() >= 2, true, 'heartbeats');
    watched.stop();
    await settle(() => proxy.open(), 0, 'connections after the client left');
  }, 30_000);

  it('ends subscriptions with an error when the subgraph drops the connection, instead of hanging', async () => {
    const client = wsClient(router.url, customer.accessToken);
    try {
      const overWs = watchWs(client, PRODUCT_CHANGED, { id: product.id });
      const overHttp = await watchMultipart(router.url, PRODUCT_CHANGED, { id: product.id }, customer.accessToken);
      await settle(() => routerMetric(router, 'basket_router_open_subscriptions'), 2, 'client subscriptions');
      // Two: fetch sends `Accept-Language: *`, the socket none, and the language is part of what an upstream shares.
      await settle(() => proxy.open(), 2, 'connections to catalog');
      proxy.cut();
      const [wsEnd, httpEnd] = await Promise.all([overWs.end(5_000), overHttp.end(5_000)]);
      expect(wsEnd.errors?.[0]).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'catalog' } });
      expect(httpEnd.errors?.[0]).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'catalog' } });
      // Subscribing again works: a new upstream, to the same (still running) subgraph.
      const again = watchWs(client, PRODUCT_CHANGED, { id: product.id });
      const { event } = await changeUntilEvent(again, 0, sku(), vendor.accessToken);
      expect(event.data!.productChanged.id).toBe(product.id);
      again.stop();
    } finally {
      await client.dispose();
    }
  }, 60_000);

  it('ends subscriptions when the subgraph stops answering pings', async () => {
    const client = wsClient(router.url, customer.accessToken);
    try {
      const watched = watchWs(client, PRODUCT_CHANGED, { id: product.id });
      await settle(() => proxy.open(), 1, 'connections to catalog');
      // Well after the subgraph acknowledged and answered the first pings.
      await new Promise((r) => setTimeout(r, 1_000));
      proxy.freeze();
      const end = await watched.end(5_000);
      expect(end.errors?.[0]).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'catalog' } });
    } finally {
      await client.dispose();
    }
  }, 30_000);
});

describe('supergraph reload', () => {
  it('ends open subscriptions with SUBSCRIPTION_SCHEMA_RELOAD; new ones run on the new supergraph', async () => {
    // The router's reload, as its supergraph file watcher calls it.
    const router = await ownRouter({}, {});
    const client = wsClient(router.url, customer.accessToken);
    try {
      const overWs = watchWs(client, PRODUCT_CHANGED, { id: product.id });
      const overHttp = await watchMultipart(router.url, PRODUCT_CHANGED, { id: product.id }, customer.accessToken);
      const deadline = Date.now() + 10_000;
      while ((await routerMetric(router, 'basket_router_open_subscriptions')) < 2 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await routerMetric(router, 'basket_router_open_subscriptions')).toBe(2);

      router.reload(stackSupergraph());
      const [wsEnd, httpEnd] = await Promise.all([overWs.end(5_000), overHttp.end(5_000)]);
      expect(wsEnd.errors?.map((e) => e.extensions?.code)).toEqual(['SUBSCRIPTION_SCHEMA_RELOAD']);
      expect(httpEnd.errors?.map((e) => e.extensions?.code)).toEqual(['SUBSCRIPTION_SCHEMA_RELOAD']);

      const again = watchWs(client, PRODUCT_CHANGED, { id: product.id });
      const { event } = await changeUntilEvent(again, 0, sku(), vendor.accessToken);
      expect(event.data!.productChanged.vendor.name).toBe(shopName);
      again.stop();
    } finally {
      await client.dispose();
      await router.close();
    }
  }, 60_000);
});
