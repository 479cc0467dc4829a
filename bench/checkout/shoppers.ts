import path from 'node:path';
import { forkTs, percentile } from '../lib';
import type { CheckoutSample, ShoppersOptions, ShoppersResult } from './protocol';

/** Runs one concurrency level's shoppers in a process of their own (shoppers-process.ts). */
export function runShoppers(options: ShoppersOptions): Promise<ShoppersResult> {
  const child = forkTs(path.join(__dirname, 'shoppers-process.ts'));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the shoppers' process exited with ${code} without a result`)));
    child.once('message', (m: { ok: true; result: ShoppersResult } | { ok: false; error: string }) =>
      m.ok ? resolve(m.result) : reject(new Error(`shoppers failed: ${m.error}`)),
    );
    child.send(options);
  });
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** p50/p95/p99/max of some latencies (ms), and how many. */
function spread(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(percentile(sorted, 100)),
  };
}

/** One level's summary: orders per second, the customer's wait for confirmed orders, and every order that did not confirm with its reason. */
export function summarise(concurrency: number, result: ShoppersResult) {
  const { samples } = result;
  const confirmed = samples.filter((s) => s.status === 'CONFIRMED');
  const cancelled = samples.filter((s) => s.status === 'CANCELLED');
  const reasons: Record<string, number> = {};
  for (const s of cancelled) {
    const reason = `${s.cancelReason ?? 'no reason'}${s.failure ? ` (${s.failure})` : ''}`;
    reasons[reason] = (reasons[reason] ?? 0) + 1;
  }
  const stepNames = [...new Set(confirmed.flatMap((s) => Object.keys(s.steps ?? {})))];
  const steps = Object.fromEntries(stepNames.map((name) => [name, spread(confirmed.map((s) => s.steps?.[name] ?? 0))]));
  const serverMs = confirmed.map((s) => s.serverMs).filter((ms): ms is number => ms !== null);
  return {
    concurrency,
    seconds: round(result.seconds),
    placed: samples.length,
    confirmed: confirmed.length,
    cancelled: cancelled.length,
    cancelReasons: reasons,
    unsettled: samples.filter((s: CheckoutSample) => s.status === 'UNSETTLED').length,
    ordersPerSecond: round(confirmed.length / result.seconds),
    /** placeOrder sent to CONFIRMED seen by polling (confirmed orders only). */
    placeToConfirmedMs: spread(confirmed.map((s) => s.placeToSettledMs)),
    /** The same by the server's clock: the order's createdAt to its CONFIRMED history row. */
    serverPlaceToConfirmedMs: spread(serverMs),
    /** Confirmed orders' time reaching each status from the one before, by the server's clock: where the time goes. */
    serverSteps: steps,
    /** The placeOrder mutation alone. */
    placeOrderMs: spread(samples.map((s) => s.placeOrderMs)),
    pollsPerOrder: round(confirmed.reduce((n, s) => n + s.polls, 0) / Math.max(1, confirmed.length)),
    errors: result.errors,
    errorExamples: result.errorExamples,
    generatorCpuMs: result.generatorCpuMs,
  };
}

export type LevelSummary = ReturnType<typeof summarise>;
