import { parse } from 'graphql';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { setupTracing } from '@basket/platform';
import type { RunningRouter } from '../src/router';
import { ask, startTestRouter, startTestSubgraph, supergraphOf, type TestSubgraph } from './support/test-subgraph';

/**
 * Issue 7 §4: the router's Prometheus metrics and OpenTelemetry spans. Spans go to an
 * in-memory exporter: one trace holds the router's request, its plan nodes, each
 * subgraph fetch, and the subgraphs' own server spans (they continue the traceparent).
 */
const exporter = new InMemorySpanExporter();
setupTracing({ serviceName: 'router-test', exporter });

const productsTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Product @key(fields: "id") { id: ID! name: String }
  type Query { products: [Product!]! }
`);
const reviewsTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Product @key(fields: "id") { id: ID! rating: Int }
`);
const LISTING = 'query Listing { products { id name rating } }';

let products: TestSubgraph;
let reviews: TestSubgraph;
let router: RunningRouter;

beforeAll(async () => {
  products = await startTestSubgraph('products', productsTypeDefs, { Query: { products: () => [{ id: '1', name: 'Trà' }] } });
  reviews = await startTestSubgraph('reviews', reviewsTypeDefs, {
    Product: { __resolveReference: ({ id }: { id: string }) => ({ id, rating: 5 }) },
  });
  router = await startTestRouter(supergraphOf([products, reviews]), { engine: 'basket' });
});

afterAll(async () => {
  await router.close();
  await products.close();
  await reviews.close();
});

const named = (spans: ReadableSpan[], name: string) => spans.filter((s) => s.name === name);

describe('router telemetry', () => {
  it('traces a request through its plan into the subgraphs, one trace with traceparent carried over', async () => {
    exporter.reset();
    const { body } = await ask(router, LISTING);
    expect(body.data).toEqual({ products: [{ id: '1', name: 'Trà', rating: 5 }] });
    const spans = exporter.getFinishedSpans();
    const request = spans.find((s) => s.name === 'POST /graphql' && s.attributes['basket.service'] === 'router');
    expect(request).toBeDefined();
    const traceId = request!.spanContext().traceId;
    expect(spans.every((s) => s.spanContext().traceId === traceId)).toBe(true);
    expect(named(spans, 'plan Sequence')).toHaveLength(1);
    expect(named(spans, 'plan Fetch products')).toHaveLength(1);
    expect(named(spans, 'plan Fetch reviews')).toHaveLength(1);
    expect(named(spans, 'plan Flatten')).toHaveLength(1);
    for (const subgraph of ['products', 'reviews']) {
      const [fetch] = named(spans, `subgraph ${subgraph}`);
      expect(fetch?.attributes['basket.subgraph']).toBe(subgraph);
      // The subgraph's own server span is the child of the router's fetch span.
      const served = spans.find((s) => s.attributes['basket.service'] === subgraph);
      expect(served?.parentSpanId).toBe(fetch!.spanContext().spanId);
    }
  });

  it('exports request duration by operation and client, subgraph fetches by subgraph, plan cache hits and misses', async () => {
    const metricsText = async () => (await fetch(router.url.replace('/graphql', '/metrics'))).text();
    const value = (text: string, series: string) =>
      Number(
        text
          .split('\n')
          .find((l) => l.startsWith(`${series} `))
          ?.split(' ')[1] ?? 0,
      );
    const before = await metricsText();
    await ask(router, '{ products { id } }', undefined, { 'apollographql-client-name': 'storefront' });
    await ask(router, '{ products { id } }', undefined, { 'apollographql-client-name': 'storefront' });
    await ask(router, LISTING, undefined, { 'apollographql-client-name': 'storefront' });
    const after = await metricsText();
    const delta = (series: string) => value(after, series) - value(before, series);
    expect(delta('basket_router_request_duration_seconds_count{operation="products",client="storefront",outcome="ok"}')).toBe(2);
    expect(delta('basket_router_request_duration_seconds_count{operation="Listing",client="storefront",outcome="ok"}')).toBe(1);
    expect(delta('basket_router_subgraph_fetch_duration_seconds_count{subgraph="products"}')).toBe(3);
    expect(delta('basket_router_subgraph_fetch_duration_seconds_count{subgraph="reviews"}')).toBe(1);
    // The first of the two identical operations is planned, the second found; Listing was planned by the first test.
    expect(delta('basket_router_plan_cache_total{result="miss"}')).toBe(1);
    expect(delta('basket_router_plan_cache_total{result="hit"}')).toBe(2);
    expect(after).toMatch(/^basket_router_open_subscriptions \d+$/m);
  });

  it('counts a subgraph that fails, by subgraph', async () => {
    const metricsText = async () => (await fetch(router.url.replace('/graphql', '/metrics'))).text();
    reviews.intercept = (req) => {
      req.socket.destroy();
      return true;
    };
    try {
      const { body } = await ask(router, LISTING);
      expect(body.errors?.[0]?.extensions?.serviceName).toBe('reviews');
    } finally {
      reviews.intercept = undefined;
    }
    expect(await metricsText()).toMatch(/^basket_router_subgraph_fetch_errors_total\{subgraph="reviews",kind="unavailable"\} [1-9]/m);
  });
});
