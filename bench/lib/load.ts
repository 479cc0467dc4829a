import { Agent, request, type Dispatcher } from 'undici';
import type { LoadOptions, LoadResult } from './protocol';

/** The p-th percentile (0-100) of ascending samples, nearest-rank; 0 for no samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Reads an answer: its outcome (see classify) and its text. */
async function outcomeOf(
  res: Dispatcher.ResponseData,
  expectBody?: string,
): Promise<{ outcome: string; retryAfterSeconds: number; text: string }> {
  const text = await res.body.text();
  return { ...classify(text, res.statusCode, expectBody), text };
}

/**
 * Why a response does not count as a success, or 'ok', and how long the server asked us
 * to wait. Scans the text rather than parsing it: the load generator shares the machine's
 * cores with the server, and parsing every large answer would take from them.
 */
function classify(text: string, status: number, expectBody?: string): { outcome: string; retryAfterSeconds: number } {
  if (expectBody !== undefined && status === 200 && text === expectBody) return { outcome: 'ok', retryAfterSeconds: 0 };
  const code = /"errors":\[\{[^]*?"code":"([A-Z_]+)"/.exec(text)?.[1];
  const retryAfterSeconds = Number(/"retryAfterSeconds":(\d+)/.exec(text)?.[1] ?? 0);
  if (status !== 200) return { outcome: `http ${status}${code ? ` ${code}` : ''}`, retryAfterSeconds };
  if (code || text.includes('"errors":[')) return { outcome: code ?? 'graphql error', retryAfterSeconds };
  if (expectBody !== undefined) return { outcome: 'unexpected answer', retryAfterSeconds };
  return { outcome: text.startsWith('{') && text.trimEnd().endsWith('}') ? 'ok' : 'invalid json', retryAfterSeconds };
}

/**
 * The load loop: `concurrency` workers, each sending the request as soon as its
 * previous one answered (closed loop), over keep-alive connections (undici's pool; its request
 * rather than fetch, whose web streams would take more of the machine's CPU from the server).
 * Runs in the load generator's own process; see runLoad.
 */
export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.requests === undefined && options.durationMs === undefined) throw new Error('runLoad: give requests or durationMs');
  const payload = JSON.stringify(options.body);
  const headers = { 'content-type': 'application/json', ...options.headers };
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  const examples: Record<string, string> = {};
  let sent = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const more = () => (options.requests !== undefined ? sent < options.requests : performance.now() - started < options.durationMs!);

  // One connection pool per source address: each worker is a client of its own address.
  const agents = (options.localAddresses ?? []).map((localAddress) => new Agent({ connect: { localAddress } }));
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, worker) => {
      const dispatcher = agents.length ? agents[worker % agents.length] : undefined;
      while (more()) {
        sent += 1;
        const t = performance.now();
        let outcome = 'network';
        let text = '';
        let retryAfterSeconds = 0;
        try {
          ({ outcome, retryAfterSeconds, text } = await outcomeOf(
            await request(options.url, { method: 'POST', headers, body: payload, dispatcher }),
            options.expectBody,
          ));
        } catch (err) {
          text = String(err); // counted as 'network'
        }
        if (outcome !== 'ok') examples[outcome] ??= text.slice(0, 500);
        latencies.push(performance.now() - t);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        if (options.honorRetryAfter && retryAfterSeconds > 0) await new Promise((r) => setTimeout(r, retryAfterSeconds * 1000));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors: latencies.length - (outcomes.ok ?? 0),
    outcomes,
    examples,
    concurrency: options.concurrency,
    seconds: round(seconds),
    rps: Math.round((latencies.length / seconds) * 10) / 10,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(percentile(latencies, 100)),
    generatorCpuMs: Math.round((cpu.user + cpu.system) / 1000),
  };
}
