import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ROUTER_CREDENTIAL_HEADER, traceHeaders } from '@basket/platform';
import type { RouterContext } from './context';

/** Carries the request's deadline from willSendRequest to the fetcher, which sees only headers. */
const DEADLINE_HEADER = 'x-basket-deadline';
/** Fetches die just after the deadline, so the client's REQUEST_TIMEOUT always goes out first. */
const DEADLINE_GRACE_MS = 50;

/**
 * Sends every subgraph fetch with the router's signed credential (viewer, client address,
 * correlation id), the caller's language and token, and the request's deadline: a fetch
 * is aborted when the whole request's time is up, so a plan of several fetches in a row
 * cannot outlive the answer the client already got.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<RouterContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    timeoutMs: number,
  ) {
    super({
      url,
      // Node's fetch (undici) keeps connections to each subgraph alive and pooled.
      fetcher: ((input: string, init: RequestInit & { headers: Record<string, string> }) => {
        const deadline = Number(init.headers[DEADLINE_HEADER]);
        // The earlier of the fetch's own timeout and the request's deadline.
        const left = Number.isFinite(deadline) ? Math.min(timeoutMs, deadline + DEADLINE_GRACE_MS - Date.now()) : timeoutMs;
        return fetch(input, { ...init, signal: AbortSignal.timeout(Math.max(left, 1)) });
      }) as never,
    });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): Promise<void> {
    const headers = request.http?.headers;
    if (!headers || !context || !('credentialFor' in context)) return;
    headers.set(ROUTER_CREDENTIAL_HEADER, await context.credentialFor(this.subgraph));
    headers.set('x-correlation-id', context.correlationId);
    headers.set(DEADLINE_HEADER, String(context.deadline));
    if (context.authorization) headers.set('authorization', context.authorization);
    if (context.acceptLanguage) headers.set('accept-language', context.acceptLanguage);
    for (const [name, value] of Object.entries(traceHeaders())) headers.set(name, value);
  }
}
