/** What a benchmark and its load generator's process exchange (over node's IPC channel), and the modes of a run. */

export type Mode = 'embedded' | 'services';

export interface LoadOptions {
  url: string;
  /** A GraphQL request body: sent as JSON with content-type application/json. */
  body: { query: string; variables?: Record<string, unknown>; operationName?: string };
  headers?: Record<string, string>;
  /** Requests in flight at once. */
  concurrency: number;
  /** Stop after this many requests, or after durationMs, whichever is given (requests wins). */
  requests?: number;
  durationMs?: number;
  /**
   * A worker that gets RATE_LIMITED waits extensions.retryAfterSeconds before its next
   * request: a client staying within the limits, as opposed to a flood of refused requests.
   */
  honorRetryAfter?: boolean;
  /**
   * The exact answer every request must get (byte for byte); any other 200 counts as
   * 'unexpected answer'. For benchmarks whose answers are deterministic.
   */
  expectBody?: string;
  /**
   * Loopback source addresses (127.0.0.0/8) for the workers, worker i using the i-th
   * (round robin): several clients, as the server's per-client limits see them.
   */
  localAddresses?: string[];
}

export interface LoadResult {
  requests: number;
  /** Responses that were not HTTP 200 with data and no errors. */
  errors: number;
  /** How many responses of each kind: 'ok', 'http <status>', a GraphQL error code, or 'network'. */
  outcomes: Record<string, number>;
  /** The first answer (500 characters) of each outcome other than 'ok', to tell what went wrong. */
  examples: Record<string, string>;
  concurrency: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** CPU time the load generator itself used (ms): on a small machine it competes with the server. */
  generatorCpuMs: number;
}
