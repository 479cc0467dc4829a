import http from 'node:http';
import { GraphQLError } from 'graphql';

/**
 * The error a client sees when a subgraph gives no answer (refused connection, timeout,
 * open breaker, a body that is not JSON): it names the subgraph, so a partial answer says
 * which part is missing. The cause is in the router's log.
 */
export const subgraphUnavailable = (subgraph: string) =>
  new GraphQLError(`Subgraph "${subgraph}" is unavailable`, { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: subgraph } });

/**
 * A subgraph's non-2xx answer, worded as @apollo/gateway's RemoteGraphQLDataSource words
 * it ("400: Bad Request", with the response in extensions), so the engines agree.
 */
export function subgraphHttpError(url: string, status: number, body: unknown): GraphQLError {
  const statusText = http.STATUS_CODES[status] ?? '';
  const extensions: Record<string, unknown> = { response: { url, status, statusText, body } };
  if (status === 401) extensions.code = 'UNAUTHENTICATED';
  else if (status === 403) extensions.code = 'FORBIDDEN';
  return new GraphQLError(`${status}: ${statusText}`, { extensions });
}

/** Failures to reach a subgraph at all (as opposed to an answer with errors): worth one retry for a query. */
export function isConnectionFailure(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? (err as { cause?: { code?: string } } | null)?.cause?.code;
  return (
    code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CONNECT_TIMEOUT'
  );
}
