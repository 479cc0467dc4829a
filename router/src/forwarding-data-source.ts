import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { RouterContext } from './context';

/**
 * Forwards the caller's identity and language to every subgraph fetch. Subgraphs
 * verify the token themselves, so the router is not the only line of defence.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<RouterContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const headers = request.http?.headers;
    if (!headers || !context || !('correlationId' in context)) return;
    headers.set('x-correlation-id', context.correlationId);
    if (context.authorization) headers.set('authorization', context.authorization);
    if (context.acceptLanguage) headers.set('accept-language', context.acceptLanguage);
    if (context.clientIp) headers.set('x-forwarded-for', context.clientIp);
  }
}
