import type http from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { parseJsonBody, readBody } from './http-body';
import { correlationIdFrom } from './request-context';

export interface RequestHeaders {
  authorization?: string;
  acceptLanguage?: string;
  correlationId: string;
  /** The caller's address: the first x-forwarded-for entry (set by the router), else the socket's. */
  clientIp?: string;
}

export function clientIpOf(req: http.IncomingMessage, trustForwardedFor = true): string | undefined {
  if (!trustForwardedFor) return req.socket.remoteAddress;
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress;
}

/**
 * Serves one Apollo Server over node's http module: body parsing with a size cap,
 * a correlation id echoed in the response, and streamed (incremental) responses.
 */
export function apolloHttpHandler<Ctx extends BaseContext>(
  apollo: ApolloServer<Ctx>,
  buildContext: (headers: RequestHeaders) => Promise<Ctx>,
  /** Subgraphs trust x-forwarded-for from the router; the router, facing clients, does not. */
  { trustForwardedFor = true }: { trustForwardedFor?: boolean } = {},
) {
  return async (req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> => {
    const correlationId = correlationIdFrom(req.headers);
    res.setHeader('x-correlation-id', correlationId);
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    let body: unknown;
    try {
      body = parseJsonBody(await readBody(req), req.headers['content-type']);
    } catch (err) {
      const status = (err as GraphQLError).extensions?.http as { status: number } | undefined;
      return sendJson(res, status?.status ?? 400, { errors: [{ message: (err as Error).message, extensions: { code: 'BAD_USER_INPUT' } }] });
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () =>
        buildContext({
          authorization: req.headers.authorization,
          acceptLanguage: req.headers['accept-language'],
          correlationId,
          clientIp: clientIpOf(req, trustForwardedFor),
        }),
    });
    for (const [k, v] of response.headers) res.setHeader(k, v);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') return void res.end(response.body.string);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Wraps a request handler so an unexpected throw becomes a logged 500, never a hung socket. */
export function guarded(
  onError: (err: unknown) => void,
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
): http.RequestListener {
  return (req, res) => {
    handle(req, res).catch((err: unknown) => {
      onError(err);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  };
}
