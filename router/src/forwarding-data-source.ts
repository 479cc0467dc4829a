import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ROUTER_CREDENTIAL_HEADER } from '@basket/platform';
import type { RouterContext } from './context';

/**
 * Sends every subgraph fetch with the router's signed credential (viewer, client address,
 * correlation id), the caller's language and token, and a deadline: a subgraph that hangs
 * fails its fetch instead of holding the client.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<RouterContext> {
  constructor(url: string, timeoutMs: number) {
    super({
      url,
      // Node's fetch (undici) keeps connections to each subgraph alive and pooled.
      fetcher: ((input: string, init: RequestInit) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as never,
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const headers = request.http?.headers;
    if (!headers || !context || !('routerCredential' in context)) return;
    headers.set(ROUTER_CREDENTIAL_HEADER, context.routerCredential);
    headers.set('x-correlation-id', context.correlationId);
    if (context.authorization) headers.set('authorization', context.authorization);
    if (context.acceptLanguage) headers.set('accept-language', context.acceptLanguage);
  }
}
