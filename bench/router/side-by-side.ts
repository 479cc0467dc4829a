import os from 'node:os';
import path from 'node:path';
import type { RouterEngine } from '@basket/router';
import { startChild, type ChildServer } from '../lib/children';
import { runLoad, type LoadResult } from '../lib';
import { firstDifference } from './compare';
import type { EngineKind, EngineOptions } from './engine-process';
import { countFetches, floorSteps, queryPlanOf } from './floor-plan';
import { hottestFunctions, type HotFunction } from './cpu-profile';
import { post, recordFetches } from './recording';
import type { LoadSetup } from './setups';

export interface Settings {
  /** Requests in flight at once, for every engine. */
  concurrency: number;
  /** Length of each engine's turn in a round. */
  seconds: number;
  rounds: number;
  /** Unrecorded load on each engine before the first round. */
  warmupSeconds: number;
  /** startRouter's engine for ours (ROUTER_ENGINE too); the router's default when absent. */
  engine?: RouterEngine;
  /** The engines measured (all three by default); the others still answer the equality check. */
  measure: readonly EngineKind[];
  /** Where to write each engine's V8 CPU profile of the measured rounds; no profiling when absent. */
  profileDir?: string;
}

export interface EngineReport {
  url: string;
  /** Median over the rounds. */
  rps: number;
  p50: number;
  p99: number;
  /** Requests that failed (not HTTP 200 with the expected answer) over all rounds. */
  errors: number;
  /** The engine process's RSS: before the rounds, and the most seen while it was under load. */
  rssMb: { idle: number; max: number };
  /**
   * CPU time per request (ms, median over the rounds) of the engine's process, of the
   * subgraphs' processes and of the load generator: steadier than req/s on a shared machine.
   */
  cpuMsPerRequest: { engine: number; subgraphs: number; loadGenerator: number };
  /** loadAverage: the machine's 1-minute load average after the round (2 cores: above 2, others were competing). */
  rounds: (LoadResult & { engineCpuMs: number; subgraphsCpuMs: number; maxRssMb: number; loadAverage: number })[];
  /** Where the engine spent its CPU over the whole run (--profile). */
  profile?: { file: string; busyMs: number; top: HotFunction[] };
}

export interface LoadReport {
  load: string;
  description: string;
  /** Our router's configuration for this load, over Basket's defaults. */
  oursConfig?: Record<string, string>;
  query: string;
  plan: { fetches: number; subgraphs: number };
  responseBytes: number;
  /** Whether the engines' answers were the same bytes, beyond the same JSON (which is required). */
  byteIdentical: boolean;
  /** The engines measured. */
  engines: Partial<Record<EngineKind, EngineReport>>;
  /** Ours against the others, when both were measured. */
  ratios: {
    oursToStockRps?: number;
    oursToFloorRps?: number;
    oursToStockP99?: number;
    /** Engine CPU per request: below 1 is cheaper than the other. */
    oursToStockCpuPerRequest?: number;
    oursToFloorCpuPerRequest?: number;
  };
  /** Issue 7's targets: 5x stock req/s, a lower p99, half the floor's req/s (when all three were measured). */
  targets?: { fiveTimesStock: boolean; lowerP99: boolean; halfTheFloor: boolean };
  subgraphRssMb: number[];
}

const ENGINES: readonly EngineKind[] = ['ours', 'stock', 'floor'];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Every engine's answer to the query, checked equal to the stock gateway's as JSON; throws
 * naming the first difference otherwise. The answers (bytes) are what the load expects after.
 */
async function checkedAnswers(
  engines: Record<EngineKind, ChildServer<{ url: string }>>,
  query: string,
): Promise<Record<EngineKind, string>> {
  const texts = Object.fromEntries(
    await Promise.all(ENGINES.map(async (e) => [e, await post(engines[e].ready.url, query)] as const)),
  ) as Record<EngineKind, string>;
  const reference = JSON.parse(texts.stock) as { data?: unknown; errors?: unknown };
  if (!reference.data || reference.errors) throw new Error(`the stock gateway's answer is not clean data: ${texts.stock.slice(0, 500)}`);
  for (const e of ENGINES) {
    const difference = firstDifference(JSON.parse(texts[e]), reference);
    if (difference) throw new Error(`ANSWERS DIFFER: ${e} vs stock at ${difference}`);
  }
  return texts;
}

type Round = EngineReport['rounds'][number];

/**
 * Runs `load` on `engine` while sampling the engine's RSS; adds the most RSS seen and the CPU
 * time the engine and the subgraphs used meanwhile.
 */
async function measured(
  engine: ChildServer<{ url: string }>,
  subgraphs: ChildServer<unknown>[],
  load: () => Promise<LoadResult>,
): Promise<Round> {
  const subgraphsCpu = async () => (await Promise.all(subgraphs.map((s) => s.usage()))).reduce((sum, u) => sum + u.cpuMs, 0);
  const [before, subgraphsBefore] = await Promise.all([engine.usage(), subgraphsCpu()]);
  let maxRssMb = before.rssMb;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      maxRssMb = Math.max(maxRssMb, await engine.rssMb());
      await delay(500);
    }
  })();
  try {
    const result = await load();
    const [after, subgraphsAfter] = await Promise.all([engine.usage(), subgraphsCpu()]);
    return {
      ...result,
      engineCpuMs: Math.round(after.cpuMs - before.cpuMs),
      subgraphsCpuMs: Math.round(subgraphsAfter - subgraphsBefore),
      maxRssMb: Math.max(maxRssMb, after.rssMb),
      loadAverage: Math.round(os.loadavg()[0]! * 10) / 10,
    };
  } finally {
    sampling = false;
    await sampler;
  }
}

/**
 * Ours, the stock gateway and the floor over the same memoized subgraphs, each engine in
 * its own process, the load generator in another; rounds alternate the engines (the order
 * rotates each round) so drift in the machine's load falls on all of them alike.
 */
export async function sideBySide(setup: LoadSetup, settings: Settings, log: (line: string) => void): Promise<LoadReport> {
  const file = path.join(__dirname, 'engine-process.ts');
  const profileFile = (e: EngineKind) => settings.profileDir && path.join(settings.profileDir, `${setup.name}-${e}.cpuprofile`);
  const start = (options: EngineOptions) => startChild<EngineOptions, { url: string }>(file, options);
  const { supergraphSdl, query } = setup;
  const started: ChildServer<{ url: string }>[] = [];
  try {
    const [ours, stock] = await Promise.all([
      start({ kind: 'ours', supergraphSdl, engine: settings.engine, config: setup.oursConfig }),
      start({ kind: 'stock', supergraphSdl }),
    ]);
    started.push(ours!, stock!);
    const { subgraphUrls } = setup;
    let stockAnswer = '';
    const recorded = await recordFetches(subgraphUrls, async () => (stockAnswer = await post(stock!.ready.url, query)));
    const steps = floorSteps(queryPlanOf(supergraphSdl, query), subgraphUrls, recorded);
    const plan = countFetches(steps);
    const floor = await start({ kind: 'floor', steps, answer: stockAnswer });
    started.push(floor);
    const engines: Record<EngineKind, ChildServer<{ url: string }>> = { ours: ours!, stock: stock!, floor };

    const answers = await checkedAnswers(engines, query);
    const responseBytes = Buffer.byteLength(answers.stock);
    log(
      `${setup.name}: ${plan.fetches} fetches to ${plan.subgraphs} subgraphs per request, ${Math.round(responseBytes / 1024)} KB answer, equal from all engines`,
    );

    const loadOf = (e: EngineKind, seconds: number) => () =>
      runLoad({
        url: engines[e].ready.url,
        body: { query },
        concurrency: settings.concurrency,
        durationMs: seconds * 1000,
        expectBody: answers[e],
      });
    const measure = ENGINES.filter((e) => settings.measure.includes(e));
    for (const e of measure) await loadOf(e, settings.warmupSeconds)();
    const idle = Object.fromEntries(await Promise.all(measure.map(async (e) => [e, await engines[e].rssMb()] as const))) as Record<
      EngineKind,
      number
    >;

    // Profiled from the first round to the last: start-up and warm-up stay out.
    if (settings.profileDir) await Promise.all(measure.map((e) => engines[e].startProfile()));
    const rounds: Record<EngineKind, Round[]> = { ours: [], stock: [], floor: [] };
    for (let r = 0; r < settings.rounds; r += 1) {
      const order = measure.map((_, i) => measure[(i + r) % measure.length]!);
      for (const e of order) {
        const run = await measured(engines[e], setup.processes, loadOf(e, settings.seconds));
        // A different answer ends the run; a failed request (an overloaded engine's timeout) is counted and shown.
        if (run.outcomes['unexpected answer']) {
          throw new Error(`ANSWERS DIFFER: ${e} answered differently under load in round ${r + 1}: ${JSON.stringify(run.outcomes)}`);
        }
        if (run.errors > 0) {
          log(
            `${setup.name} round ${r + 1}: ${e} FAILED ${run.errors} requests: ${JSON.stringify(run.outcomes)}, e.g. ${JSON.stringify(run.examples)}`,
          );
        }
        rounds[e].push(run);
        const perRequest = (ms: number) => Math.round((ms / run.requests) * 100) / 100;
        log(
          `${setup.name} round ${r + 1}/${settings.rounds} ${e}: ${run.rps} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, RSS ${run.maxRssMb} MB, ` +
            `CPU ms/request: ${perRequest(run.engineCpuMs)} engine, ${perRequest(run.subgraphsCpuMs)} subgraphs, ${perRequest(run.generatorCpuMs)} load generator; ` +
            `load average ${run.loadAverage}`,
        );
      }
    }
    for (const e of measure) {
      const written = profileFile(e);
      if (written) await engines[e].stopProfile(written);
    }
    await checkedAnswers(engines, query); // still equal after the load

    const perRequest = (e: EngineKind, ms: (x: Round) => number) =>
      Math.round(median(rounds[e].map((x) => ms(x) / x.requests)) * 100) / 100;
    const report = (e: EngineKind): EngineReport => ({
      url: engines[e].ready.url,
      rps: median(rounds[e].map((x) => x.rps)),
      p50: median(rounds[e].map((x) => x.p50)),
      p99: median(rounds[e].map((x) => x.p99)),
      errors: rounds[e].reduce((sum, x) => sum + x.errors, 0),
      rssMb: { idle: idle[e], max: Math.max(...rounds[e].map((x) => x.maxRssMb)) },
      cpuMsPerRequest: {
        engine: perRequest(e, (x) => x.engineCpuMs),
        subgraphs: perRequest(e, (x) => x.subgraphsCpuMs),
        loadGenerator: perRequest(e, (x) => x.generatorCpuMs),
      },
      rounds: rounds[e],
    });
    const reports: Partial<Record<EngineKind, EngineReport>> = Object.fromEntries(measure.map((e) => [e, report(e)]));
    const subgraphRssMb = await Promise.all(setup.processes.map((p) => p.rssMb()));
    for (const e of measure) {
      const written = profileFile(e);
      if (written) reports[e]!.profile = { file: written, ...hottestFunctions(written) };
    }
    const { ours: oursReport, stock: stockReport, floor: floorReport } = reports;
    return {
      load: setup.name,
      description: setup.description,
      oursConfig: setup.oursConfig,
      query,
      plan,
      responseBytes,
      byteIdentical: answers.ours === answers.stock,
      engines: reports,
      ratios: {
        ...(oursReport && stockReport
          ? {
              oursToStockRps: ratio(oursReport.rps, stockReport.rps),
              oursToStockP99: ratio(oursReport.p99, stockReport.p99),
              oursToStockCpuPerRequest: ratio(oursReport.cpuMsPerRequest.engine, stockReport.cpuMsPerRequest.engine),
            }
          : {}),
        ...(oursReport && floorReport
          ? {
              oursToFloorRps: ratio(oursReport.rps, floorReport.rps),
              oursToFloorCpuPerRequest: ratio(oursReport.cpuMsPerRequest.engine, floorReport.cpuMsPerRequest.engine),
            }
          : {}),
      },
      targets:
        oursReport && stockReport && floorReport
          ? {
              fiveTimesStock: oursReport.rps >= 5 * stockReport.rps,
              lowerP99: oursReport.p99 < stockReport.p99,
              halfTheFloor: oursReport.rps >= floorReport.rps / 2,
            }
          : undefined,
      subgraphRssMb,
    };
  } finally {
    await Promise.all(started.map((c) => c.stop()));
  }
}
