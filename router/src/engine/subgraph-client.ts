import { Pool } from 'undici';
import {
  circuitBreaker,
  ConsecutiveBreaker,
  handleWhen,
  isBrokenCircuitError,
  retry,
  ConstantBackoff,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from 'cockatiel';
import { GraphQLError } from 'graphql';
import { isConnectionFailure, subgraphHttpError, subgraphUnavailable } from '../subgraph-errors';
import type { SubgraphAnswer } from './plan-executor';

/**
 * HTTP to one subgraph: a keep-alive undici Pool (Node streams, no web streams, no
 * per-request fetch machinery), a timeout per fetch bounded by the request's deadline,
 * a circuit breaker that stops sending to a subgraph that keeps failing, and one retry
 * of a query (never a mutation) whose connection failed before any answer.
 */
export interface SubgraphClientOptions {
  /** Longest a single fetch may take, whatever the request's deadline. */
  timeoutMs: number;
  /** Consecutive transport failures that open the breaker. */
  breakerFailures: number;
  /** How long an open breaker refuses before it lets one fetch try. */
  breakerHalfOpenAfterMs: number;
  /** Connections kept to the subgraph. */
  connections: number;
}

export const DEFAULT_SUBGRAPH_CLIENT: SubgraphClientOptions = {
  timeoutMs: 10_000,
  breakerFailures: 5,
  breakerHalfOpenAfterMs: 5_000,
  connections: 64,
};

/** Fetches die just after the request's deadline, so the client's REQUEST_TIMEOUT always goes out first. */
export const DEADLINE_GRACE_MS = 50;

export interface SubgraphSend {
  body: string;
  headers: Record<string, string>;
  /** Epoch ms: the request's deadline. */
  deadline: number;
  /** Aborted just after the request's deadline. */
  signal?: AbortSignal;
  mutation: boolean;
}

export class SubgraphClient {
  private readonly pool: Pool;
  private readonly path: string;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly retry: RetryPolicy;

  constructor(
    readonly name: string,
    readonly url: string,
    private readonly options: SubgraphClientOptions = DEFAULT_SUBGRAPH_CLIENT,
  ) {
    const parsed = new URL(url);
    this.path = `${parsed.pathname}${parsed.search}`;
    this.pool = new Pool(parsed.origin, { connections: options.connections, keepAliveTimeout: 30_000 });
    // Only failures to get an answer count against the breaker; GraphQL errors are answers.
    const transport = handleWhen((err) => !(err instanceof SubgraphAnswerError) || err.failure);
    this.breaker = circuitBreaker(transport, {
      halfOpenAfter: options.breakerHalfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.breakerFailures),
    });
    this.retry = retry(
      handleWhen((err) => isConnectionFailure(err)),
      { maxAttempts: 1, backoff: new ConstantBackoff(0) },
    );
  }

  /** Whether the breaker lets fetches through (for /ready and metrics). */
  get open(): boolean {
    return this.breaker.state === 1; // CircuitState.Open
  }

  async send(request: SubgraphSend): Promise<SubgraphAnswer> {
    const attempt = () => this.breaker.execute(() => this.once(request));
    try {
      return await (request.mutation ? attempt() : this.retry.execute(attempt));
    } catch (err) {
      if (err instanceof SubgraphAnswerError) throw err.error;
      if (isBrokenCircuitError(err)) throw subgraphUnavailable(this.name);
      if (err instanceof GraphQLError) throw err;
      throw withCause(subgraphUnavailable(this.name), err);
    }
  }

  private async once(request: SubgraphSend): Promise<SubgraphAnswer> {
    // The request's signal ends every fetch just after its deadline (one timer per request,
    // set only when the deadline passes); a fetch timeout shorter than what is left of the
    // deadline gets a timer of its own. undici's headersTimeout is not used for either: its
    // timers have a resolution of about a second.
    let signal = request.signal;
    if (this.options.timeoutMs < request.deadline + DEADLINE_GRACE_MS - Date.now()) {
      const own = AbortSignal.timeout(this.options.timeoutMs);
      signal = signal ? AbortSignal.any([signal, own]) : own;
    }
    const response = await this.pool.request({ path: this.path, method: 'POST', headers: request.headers, body: request.body, signal });
    const text = await response.body.text();
    const type = response.headers['content-type'];
    const json = typeof type === 'string' && (type.startsWith('application/json') || type.startsWith('application/graphql-response+json'));
    if (response.statusCode < 200 || response.statusCode >= 300) {
      let body: unknown = text;
      if (json) {
        try {
          body = JSON.parse(text);
        } catch {
          // keep the text
        }
      }
      // A 5xx is the subgraph failing: it counts toward opening the breaker.
      throw new SubgraphAnswerError(subgraphHttpError(this.url, response.statusCode, body), response.statusCode >= 500);
    }
    // An answer that is not a JSON object is a broken subgraph: it counts as a failure.
    const parsed = json ? (JSON.parse(text) as unknown) : undefined;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error(`Expected JSON response body, but received: ${text.slice(0, 200)}`);
    }
    return parsed as SubgraphAnswer;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

/** A subgraph answered, if not with data: never retried, and only a 5xx counts as a failure. */
class SubgraphAnswerError extends Error {
  constructor(
    readonly error: Error,
    readonly failure = false,
  ) {
    super(error.message);
  }
}

function withCause(error: GraphQLError, cause: unknown): GraphQLError {
  Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
  return error;
}
