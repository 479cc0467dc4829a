import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RouterEngine } from '@basket/router';
import { RESULTS_DIR, writeResult } from './lib';
import type { EngineKind } from './router/engine-process';
import { loads, type LoadName } from './router/setups';
import { sideBySide, type LoadReport, type Settings } from './router/side-by-side';

/**
 * Our router against the stock setup (ApolloServer + ApolloGateway, as Apollo documents it)
 * and against a floor (only the plan's fetches, answers parsed), over the same memoized
 * subgraphs, in alternating rounds. Every engine, every subgraph and the load generator run
 * in processes of their own; the answers of all engines must be equal. Writes
 * bench/results/router-<time>.json and prints a summary.
 *
 *   npm run bench:router                                         # both loads, 16 in flight, 3 rounds of 10 s
 *   npm run bench:router -- --loads deep --concurrency 32 --seconds 5 --rounds 1
 *   npm run bench:router -- --engine apollo-gateway              # ours with another startRouter engine
 *   npm run bench:router -- --loads deep --profile               # + each engine's CPU profile and its hottest functions
 *   npm run bench:router -- --loads deep --measure ours --rounds 1 --profile   # quick: only ours measured
 *
 * Flags fall back to BENCH_CONCURRENCY, BENCH_SECONDS, BENCH_ROUNDS, BENCH_WARMUP_SECONDS,
 * BENCH_LOADS, BENCH_MEASURE, ROUTER_ENGINE and BENCH_PROFILE=1. Each engine's CPU time per request is reported
 * too: on a machine shared with other work it moves much less than req/s does. Set DATABASE_URL, REDIS_URL, KAFKA_BROKERS, the JWT keys and
 * ROUTER_SECRET to run Basket's subgraphs (the storefront load) in services mode.
 */
const { values: flags } = parseArgs({
  options: {
    concurrency: { type: 'string', default: process.env.BENCH_CONCURRENCY ?? '16' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '10' },
    rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '3' },
    warmup: { type: 'string', default: process.env.BENCH_WARMUP_SECONDS ?? '3' },
    loads: { type: 'string', default: process.env.BENCH_LOADS ?? 'deep,storefront' },
    engine: { type: 'string', default: process.env.ROUTER_ENGINE ?? 'basket' },
    profile: { type: 'boolean', default: process.env.BENCH_PROFILE === '1' },
    measure: { type: 'string', default: process.env.BENCH_MEASURE ?? 'ours,stock,floor' },
  },
});

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not ${value}`);
  return n;
}

function enginesOf(value: string): EngineKind[] {
  const kinds: EngineKind[] = ['ours', 'stock', 'floor'];
  const chosen = value.split(',').map((k) => k.trim()) as EngineKind[];
  for (const k of chosen) if (!kinds.includes(k)) throw new Error(`--measure takes ${kinds.join(', ')}, not ${k}`);
  return chosen;
}

function engineOf(value: string): RouterEngine {
  const engines: RouterEngine[] = ['basket', 'apollo-gateway'];
  if (!engines.includes(value as RouterEngine)) throw new Error(`--engine must be one of ${engines.join(', ')}, not ${value}`);
  return value as RouterEngine;
}

const settings: Settings = {
  concurrency: positive('concurrency', flags.concurrency),
  seconds: positive('seconds', flags.seconds),
  rounds: positive('rounds', flags.rounds),
  warmupSeconds: positive('warmup', flags.warmup),
  engine: engineOf(flags.engine),
  measure: enginesOf(flags.measure),
  profileDir: flags.profile ? path.join(RESULTS_DIR, 'profiles', `router-${new Date().toISOString().replace(/[:.]/g, '-')}`) : undefined,
};
const chosen = flags.loads.split(',').map((l) => l.trim()) as LoadName[];
for (const l of chosen) if (!(l in loads)) throw new Error(`--loads: unknown load ${l} (known: ${Object.keys(loads).join(', ')})`);

function printReport(r: LoadReport) {
  console.log(`\n${r.load}: ${r.description}`);
  console.log(
    `${r.plan.fetches} subgraph fetches to ${r.plan.subgraphs} subgraphs, ${r.responseBytes} bytes answered, ${settings.concurrency} in flight, ${settings.rounds} x ${settings.seconds} s`,
  );
  console.table(
    Object.fromEntries(
      Object.entries(r.engines).map(([engine, e]) => [
        engine,
        {
          'req/s': e.rps,
          'p50 ms': e.p50,
          'p99 ms': e.p99,
          errors: e.errors,
          'RSS MB (max)': e.rssMb.max,
          'CPU ms/req': e.cpuMsPerRequest.engine,
          'subgraphs CPU ms/req': e.cpuMsPerRequest.subgraphs,
          'load gen CPU ms/req': e.cpuMsPerRequest.loadGenerator,
          'req/s by round': e.rounds.map((x) => x.rps).join(' / '),
        },
      ]),
    ),
  );
  const { ratios, targets } = r;
  if (ratios.oursToStockRps !== undefined) {
    console.log(
      `ours/stock: req/s ${ratios.oursToStockRps}x, p99 ${ratios.oursToStockP99}x, CPU per request ${ratios.oursToStockCpuPerRequest}x`,
    );
  }
  if (ratios.oursToFloorRps !== undefined) {
    console.log(`ours/floor: req/s ${ratios.oursToFloorRps}x, CPU per request ${ratios.oursToFloorCpuPerRequest}x`);
  }
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  if (r.load === 'deep' && targets) {
    console.log(
      `issue 7 targets: 5x stock req/s ${met(targets.fiveTimesStock)}, lower p99 ${met(targets.lowerP99)}, half the floor ${met(targets.halfTheFloor)}`,
    );
  }
  for (const [engine, e] of Object.entries(r.engines)) {
    if (!e.profile) continue;
    console.log(
      `\n${r.load} ${engine}: hottest functions by self time (of ${e.profile.busyMs} ms busy; ${path.relative(process.cwd(), e.profile.file)})`,
    );
    for (const f of e.profile.top) console.log(`  ${String(f.percent).padStart(5)}%  ${String(f.selfMs).padStart(6)} ms  ${f.where}`);
  }
}

async function main() {
  const reports: LoadReport[] = [];
  let mode: 'embedded' | 'services' = 'embedded';
  for (const name of chosen) {
    const setup = await loads[name]();
    try {
      if (name === 'storefront') mode = setup.mode;
      reports.push(await sideBySide(setup, settings, (line) => console.log(line)));
    } finally {
      await setup.stop();
    }
  }
  const file = writeResult('router', mode, { settings: { ...settings, loadGenerator: 'separate process' }, loads: reports });
  for (const r of reports) printReport(r);
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
