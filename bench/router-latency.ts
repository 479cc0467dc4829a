import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoAccounts, loadConfig } from '@basket/platform';
import { startStack } from '@basket/router';

/**
 * Latency and throughput of typical storefront operations through the router,
 * with the stack in this process. Embedded (PGlite) by default; set DATABASE_URL,
 * REDIS_URL, KAFKA_BROKERS and the JWT keys to measure services mode.
 * Writes bench/results/router-latency-<time>.json and prints a summary.
 *
 *   npm run bench                       # defaults: 400 requests per scenario, 8 in flight
 *   BENCH_REQUESTS=1000 BENCH_CONCURRENCY=16 npm run bench
 */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

interface Scenario {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
}

async function run(url: string, s: Scenario) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next += 1;
        const t = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...s.headers },
          body: JSON.stringify({ query: s.query, variables: s.variables }),
        });
        const body = (await res.json()) as { errors?: unknown[] };
        latencies.push(performance.now() - t);
        if (!res.ok || body.errors) errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Number(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(2));
  return { scenario: s.name, requests: latencies.length, errors, concurrency: CONCURRENCY, rps: Number((latencies.length / seconds).toFixed(1)), p50Ms: pct(50), p95Ms: pct(95), p99Ms: pct(99), maxMs: pct(100) };
}

async function main() {
  const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn', ...process.env };
  if (!env.DATABASE_URL) env.DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'basket-bench-'));
  const config = loadConfig(env);
  const stack = await startStack({ config, ports: { router: 0, subgraphs: 0 } });
  const url = stack.router.url;
  try {
    const login = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', variables: { i: { email: demoAccounts.customer.email, password: demoAccounts.customer.password } } }),
    });
    const token = ((await login.json()) as { data: { login: { accessToken: string } } }).data.login.accessToken;
    const scenarios: Scenario[] = [
      { name: 'listing: 20 products, variants, category (catalog only)', query: '{ products(first: 20) { edges { node { id name variants { sku unit priceVnd } category { name } } } } }' },
      { name: 'listing: 20 products with vendor names (catalog + accounts _entities)', query: '{ products(first: 20) { edges { node { id name vendor { name } } } } }', headers: { 'accept-language': 'en' } },
      { name: 'listing: price filter + category subtree', query: '{ products(first: 20, filter: { minPriceVnd: 10000, maxPriceVnd: 60000, search: "a" }) { edges { node { id minPriceVnd } } } }' },
      { name: 'me (authenticated, token verified at router and subgraph)', query: '{ me { id name } }', headers: { authorization: `Bearer ${token}` } },
    ];
    const results = [];
    for (const s of scenarios) {
      await run(url, { ...s }).catch(() => undefined); // warm-up pass is not recorded
      results.push(await run(url, s));
    }
    const report = {
      benchmark: 'router-latency',
      at: new Date().toISOString(),
      mode: config.DATABASE_URL ? 'services' : 'embedded',
      machine: { cpus: os.cpus().length, node: process.version },
      rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
      results,
    };
    const dir = path.join(__dirname, 'results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `router-latency-${report.at.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nrouter-latency (${report.mode}, ${CONCURRENCY} in flight, ${REQUESTS} requests each, RSS ${report.rssMb} MB)`);
    console.table(results.map(({ scenario, rps, p50Ms, p95Ms, p99Ms, errors }) => ({ scenario, rps, p50Ms, p95Ms, p99Ms, errors })));
    console.log(`written to ${path.relative(process.cwd(), file)}`);
  } finally {
    await stack.stop();
  }
}

void main();
