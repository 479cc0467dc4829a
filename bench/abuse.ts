import path from 'node:path';
import { demoAccounts } from '@basket/platform';
import { benchMain, runLoad, writeResult, type LoadOptions, type LoadResult } from './lib';

/**
 * Abuse under the limits: 16 clients send the most expensive operations the limits still
 * allow while one shopper's listing is measured. The shopper's p95 should stay within 3x
 * of its unloaded p95, and the server's RSS bounded. Stack, attackers and shopper are
 * separate processes (bench/lib). Embedded by default; set DATABASE_URL, REDIS_URL,
 * KAFKA_BROKERS, the JWT keys and ROUTER_SECRET for services mode.
 *
 *   npm run bench:abuse                      # 20 s under attack
 *   BENCH_SECONDS=60 npm run bench:abuse
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ATTACKERS = 16;

/** What one storefront page asks for. */
const SHOPPER =
  '{ products(first: 20) { edges { node { id name minPriceVnd vendor { name } variants { sku unit priceVnd } } } pageInfo { hasNextPage endCursor } } }';

/** The budget the stack runs with (QUERY_MAX_COST, as the stack reads it). */
const BUDGET = Number(process.env.QUERY_MAX_COST ?? 2_000);
/**
 * A 100-product page whose vendors list as many products as the budget allows: each
 * product costs 1 + 10 variants + vendor 1 + connection 1 + edge 1 + 2 per vendor product.
 */
const VENDOR_PAGE = Math.floor(((BUDGET - 1) / 100 - 14) / 2);
const MAX_COST_PAGE = `{ products(first: 100) { edges { node { id name description variants { sku priceVnd unit } vendor { name products(first: ${VENDOR_PAGE}) { edges { node { id name description } } } } } } } }`;

/**
 * As many aliased text searches as the budget allows: each weighs 1 (connection) + 100
 * (the search's @cost) + 3 x 2 (edges and nodes). Thirty, the alias limit, are refused.
 */
const SEARCHES = Math.min(30, Math.floor(BUDGET / 107));
const ALIASED_SEARCHES = `{ ${Array.from({ length: SEARCHES }, (_, i) => `s${i}: products(first: 3, filter: { search: "${String.fromCharCode(97 + (i % 26))}" }) { edges { node { id name } } }`).join(' ')} }`;

/** Sandbox's introspection query with every detail, about 6,500 of the budget. */
const INTROSPECTION = `{ __schema { types { name kind description fields(includeDeprecated: true) { name description args { name type { name kind ofType { name kind ofType { name kind ofType { name kind } } } } } type { name kind ofType { name kind ofType { name kind ofType { name kind } } } } } inputFields { name type { name kind ofType { name kind } } } enumValues(includeDeprecated: true) { name } possibleTypes { name } interfaces { name } } directives { name args { name } } } }`;

/** Correct credentials: every request costs a password check. */
const SIGN_IN = {
  query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
  variables: { i: { email: demoAccounts.customer.email, password: demoAccounts.customer.password } },
};

const allAttacks: { name: string; body: LoadOptions['body'] }[] = [
  { name: `max-cost page (100 products x ${VENDOR_PAGE} vendor products)`, body: { query: MAX_COST_PAGE } },
  { name: `${SEARCHES} aliased searches`, body: { query: ALIASED_SEARCHES } },
  { name: 'full introspection', body: { query: INTROSPECTION } },
  { name: 'sign-in flood (right password)', body: SIGN_IN },
];

/** BENCH_ATTACKS=0,2 runs only those attacks (by index), to see which one hurts. */
const attacks = process.env.BENCH_ATTACKS ? process.env.BENCH_ATTACKS.split(',').map((i) => allAttacks[Number(i)]!) : allAttacks;

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

benchMain(
  async (stack) => {
    const shopper = (durationMs: number) => runLoad({ url: stack.url, body: { query: SHOPPER }, concurrency: 1, durationMs });
    await shopper(3_000); // warm-up: plans cached, connections open
    const rssBeforeMb = await stack.rssMb();
    const unloaded = await shopper(SECONDS * 1000);

    let rssMaxMb = rssBeforeMb;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        rssMaxMb = Math.max(rssMaxMb, await stack.rssMb());
        await delay(250);
      }
    })();
    const perAttack = ATTACKERS / attacks.length;
    // Attackers wait out RATE_LIMITED (retryAfterSeconds): they send the worst operations
    // the limits allow, at the rate the limits allow. A flood of refused requests is a
    // matter for the edge's request rate limits, not for these.
    // Each attacker is a client of its own (127.0.0.11 and up), as the per-client limits
    // see them; the shopper is 127.0.0.1.
    const attackRuns = attacks.map((a, i) =>
      runLoad({
        url: stack.url,
        body: a.body,
        concurrency: perAttack,
        durationMs: (SECONDS + 2) * 1000,
        honorRetryAfter: true,
        localAddresses: Array.from({ length: perAttack }, (_, w) => `127.0.0.${11 + i * perAttack + w}`),
      }),
    );
    await delay(1_000); // let the attack reach full strength before measuring
    const loaded = await shopper(SECONDS * 1000);
    const attacked: LoadResult[] = await Promise.all(attackRuns);
    sampling = false;
    await sampler;
    const rssAfterMb = await stack.rssMb();

    const ratio = Math.round((loaded.p95 / unloaded.p95) * 100) / 100;
    const summary = {
      shopper: { unloaded, loaded, p95Ratio: ratio, target: 'loaded p95 <= 3x unloaded p95', met: ratio <= 3 },
      attackers: attacks.map((a, i) => ({ attack: a.name, ...attacked[i]! })),
      serverRssMb: { before: rssBeforeMb, max: rssMaxMb, after: rssAfterMb },
    };
    const file = writeResult('abuse', stack.mode, {
      seconds: SECONDS,
      attackerCount: ATTACKERS,
      budget: BUDGET,
      loadGenerator: 'separate processes',
      ...summary,
    });

    console.log(`\nabuse (${stack.mode}): ${ATTACKERS} attackers for ${SECONDS} s while one shopper lists 20 products`);
    console.table({
      unloaded: { p50Ms: unloaded.p50, p95Ms: unloaded.p95, p99Ms: unloaded.p99, rps: unloaded.rps, errors: unloaded.errors },
      'under attack': { p50Ms: loaded.p50, p95Ms: loaded.p95, p99Ms: loaded.p99, rps: loaded.rps, errors: loaded.errors },
    });
    console.log(`shopper p95 under attack / unloaded: ${ratio}x (target <= 3x: ${ratio <= 3 ? 'met' : 'NOT met'})`);
    console.table(
      summary.attackers.map(({ attack, concurrency, rps, p50, p95, outcomes }) => ({
        attack,
        concurrency,
        rps,
        p50Ms: p50,
        p95Ms: p95,
        outcomes: JSON.stringify(outcomes),
      })),
    );
    console.log(`server RSS: ${rssBeforeMb} MB before, ${rssMaxMb} MB at most, ${rssAfterMb} MB after`);
    console.log(`written to ${path.relative(process.cwd(), file)}`);
  },
  { LOG_LEVEL: 'warn', ...process.env },
);
