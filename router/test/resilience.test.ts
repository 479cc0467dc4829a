import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'graphql';
import type { RunningRouter } from '../src/router';
import { ask, startTestRouter, startTestSubgraph, supergraphOf, type TestSubgraph } from './support/test-subgraph';

/**
 * Issue 7 §4 on the basket engine: a failing subgraph gives partial data with an error
 * naming it; a query retries once when its connection failed, a mutation never; a
 * subgraph that keeps failing opens its breaker (and /ready says so); a slow subgraph is
 * cut at its own timeout; a new supergraph file is picked up without dropping requests.
 */
const productsTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Product @key(fields: "id") { id: ID! name: String }
  type Query { products: [Product!]! slow(ms: Int!): Int }
  type Mutation { rename(id: ID!, name: String!): Product }
`);
const reviewsTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Product @key(fields: "id") { id: ID! rating: Int }
`);
const LISTING = '{ products { id name rating } }';

let products: TestSubgraph;
let reviews: TestSubgraph;
let routers: RunningRouter[] = [];

beforeAll(async () => {
  products = await startTestSubgraph('products', productsTypeDefs, {
    Query: {
      products: () => [
        { id: '1', name: 'Rau muống' },
        { id: '2', name: 'Cà phê' },
      ],
      slow: (_: unknown, { ms }: { ms: number }) => new Promise((r) => setTimeout(() => r(ms), ms)),
    },
    Mutation: { rename: (_: unknown, { id, name }: { id: string; name: string }) => ({ id, name }) },
  });
  reviews = await startTestSubgraph('reviews', reviewsTypeDefs, {
    Product: { __resolveReference: ({ id }: { id: string }) => ({ id, rating: Number(id) + 3 }) },
  });
});

afterEach(async () => {
  products.intercept = undefined;
  reviews.intercept = undefined;
  await Promise.all(routers.map((r) => r.close()));
  routers = [];
});

afterAll(async () => {
  await products.close();
  await reviews.close();
});

const router = async (options: Parameters<typeof startTestRouter>[1] = {}) => {
  const started = await startTestRouter(supergraphOf([products, reviews]), { engine: 'basket', ...options });
  routers.push(started);
  return started;
};

/** Drops the connection without an answer, as a crashed or restarting subgraph does. */
const dropConnection = (req: { socket: { destroy(): void } }) => {
  req.socket.destroy();
  return true;
};

describe('a failing subgraph', () => {
  it('gives partial data and an error naming it', async () => {
    const r = await router();
    reviews.intercept = dropConnection;
    const { status, body } = await ask(r, LISTING);
    expect(status).toBe(200);
    expect(body.data).toEqual({
      products: [
        { id: '1', name: 'Rau muống', rating: null },
        { id: '2', name: 'Cà phê', rating: null },
      ],
    });
    expect(body.errors).toEqual([
      { message: 'Subgraph "reviews" is unavailable', extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'reviews' } },
    ]);
  });

  it('is asked once more when a query lost its connection', async () => {
    const r = await router();
    const before = reviews.requests;
    let dropped = 0;
    reviews.intercept = (req) => dropped++ === 0 && dropConnection(req);
    const { body } = await ask(r, LISTING);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      products: [
        { id: '1', name: 'Rau muống', rating: 4 },
        { id: '2', name: 'Cà phê', rating: 5 },
      ],
    });
    expect(reviews.requests - before).toBe(2);
  });

  it('is never asked twice for a mutation', async () => {
    const r = await router();
    const before = products.requests;
    let dropped = 0;
    products.intercept = (req) => dropped++ === 0 && dropConnection(req);
    const { body } = await ask(r, 'mutation { rename(id: "1", name: "Rau") { id name } }');
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);
    expect(products.requests - before).toBe(1);
  });

  it('opens its breaker after five failures in a row: no more fetches, /ready names it', async () => {
    const r = await router();
    reviews.intercept = (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('down');
      return true;
    };
    const before = reviews.requests;
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { body } = await ask(r, LISTING);
      codes.push(body.errors?.[0]?.message ?? 'none');
    }
    expect(reviews.requests - before).toBe(5);
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('503: Service Unavailable'));
    expect(codes.slice(5)).toEqual(['Subgraph "reviews" is unavailable', 'Subgraph "reviews" is unavailable']);
    const ready = await fetch(r.url.replace('/graphql', '/ready'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'unavailable',
      checks: { products: 'ok', reviews: 'circuit open after repeated failures' },
    });
  });

  it('is cut at its own timeout, shorter than the request deadline', async () => {
    const r = await router({ subgraphTimeoutMs: 200, httpLimits: { timeoutMs: 5_000, maxResponseBytes: 1 << 20 } });
    reviews.intercept = () => true; // never answers
    const started = Date.now();
    const { body } = await ask(r, LISTING);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(body.data).toEqual({
      products: [
        { id: '1', name: 'Rau muống', rating: null },
        { id: '2', name: 'Cà phê', rating: null },
      ],
    });
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'reviews' });
  });
});

describe.each(['basket', 'apollo-gateway'] as const)('the supergraph file (%s engine)', (engine) => {
  it('is reloaded when it changes, while a request in flight finishes on the old one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'basket-supergraph-'));
    try {
      const file = path.join(dir, 'supergraph.graphql');
      // Version 1 knows only Query.slow; version 2 adds Query.products and the reviews subgraph.
      const v1 = parse(`
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
        type Query { slow(ms: Int!): Int }
      `);
      fs.writeFileSync(file, supergraphOf([{ ...products, typeDefs: v1 }]));
      const r = await startTestRouter(fs.readFileSync(file, 'utf8'), { engine, supergraphPath: file, supergraphPollMs: 50 });
      routers.push(r);
      expect((await ask(r, LISTING)).status).toBe(400);
      const inFlight = ask(r, '{ slow(ms: 700) }');
      await new Promise((res) => setTimeout(res, 100));
      fs.writeFileSync(file, supergraphOf([products, reviews]));
      let listing = await ask(r, LISTING);
      for (let i = 0; i < 60 && listing.status !== 200; i++) {
        await new Promise((res) => setTimeout(res, 50));
        listing = await ask(r, LISTING);
      }
      expect(listing.body.data?.products).toHaveLength(2);
      expect((await inFlight).body).toEqual({ data: { slow: 700 } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('/ready', () => {
  it('reports each subgraph, and 503 when one does not answer', async () => {
    const gone = await startTestSubgraph('reviews', reviewsTypeDefs, {});
    const sdl = supergraphOf([products, gone]);
    await gone.close();
    const r = await startTestRouter(sdl, { engine: 'basket' });
    routers.push(r);
    const ready = await fetch(r.url.replace('/graphql', '/ready'));
    expect(ready.status).toBe(503);
    const { checks } = (await ready.json()) as { checks: Record<string, string> };
    expect(checks.products).toBe('ok');
    expect(checks.reviews).not.toBe('ok');
  });
});
