import path from 'node:path';
import { demoAccounts } from '@basket/platform';
import { benchMain, runLoad, writeResult, type LoadOptions } from './lib';

/**
 * Latency and throughput of typical storefront operations through the router. The
 * stack runs in one child process, the load generator in another (bench/lib), so the
 * numbers are the server's alone. Embedded (PGlite) by default; set DATABASE_URL,
 * REDIS_URL, KAFKA_BROKERS, the JWT keys and ROUTER_SECRET to measure services mode.
 * Writes bench/results/router-latency-<time>.json (with commit, machine and mode) and
 * prints a summary.
 *
 *   npm run bench                       # defaults: 400 requests per scenario, 8 in flight
 *   BENCH_REQUESTS=1000 BENCH_CONCURRENCY=16 npm run bench
 */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

interface Scenario {
  name: string;
  body: LoadOptions['body'];
  headers?: Record<string, string>;
}

async function login(url: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
      variables: { i: { email: demoAccounts.customer.email, password: demoAccounts.customer.password } },
    }),
  });
  const body = (await res.json()) as { data?: { login: { accessToken: string } }; errors?: unknown };
  if (!body.data) throw new Error(`demo login failed (is the demo data seeded?): ${JSON.stringify(body.errors)}`);
  return body.data.login.accessToken;
}

benchMain(async (stack) => {
  const token = await login(stack.url);
  const scenarios: Scenario[] = [
    {
      name: 'listing: 20 products, variants, category (catalog only)',
      body: { query: '{ products(first: 20) { edges { node { id name variants { sku unit priceVnd } category { name } } } } }' },
    },
    {
      name: 'listing: 20 products with vendor names (catalog + accounts _entities)',
      body: { query: '{ products(first: 20) { edges { node { id name vendor { name } } } } }' },
      headers: { 'accept-language': 'en' },
    },
    {
      name: 'listing: price filter + category subtree',
      body: {
        query:
          '{ products(first: 20, filter: { minPriceVnd: 10000, maxPriceVnd: 60000, search: "a" }) { edges { node { id minPriceVnd } } } }',
      },
    },
    {
      name: 'me (authenticated, token verified at router and subgraph)',
      body: { query: '{ me { id name } }' },
      headers: { authorization: `Bearer ${token}` },
    },
  ];
  const results = [];
  for (const s of scenarios) {
    const load = { url: stack.url, body: s.body, headers: s.headers, concurrency: CONCURRENCY };
    await runLoad({ ...load, requests: Math.min(REQUESTS, 100) }); // warm-up, not recorded
    results.push({ scenario: s.name, ...(await runLoad({ ...load, requests: REQUESTS })) });
  }
  const serverRssMb = await stack.rssMb();
  const file = writeResult('router-latency', stack.mode, {
    load: { requests: REQUESTS, concurrency: CONCURRENCY, loadGenerator: 'separate process' },
    serverRssMb,
    results,
  });
  console.log(`\nrouter-latency (${stack.mode}, ${CONCURRENCY} in flight, ${REQUESTS} requests each, server RSS ${serverRssMb} MB)`);
  console.table(results.map(({ scenario, rps, p50, p95, p99, errors }) => ({ scenario, rps, p50Ms: p50, p95Ms: p95, p99Ms: p99, errors })));
  console.log(`written to ${path.relative(process.cwd(), file)}`);
}, process.env);
