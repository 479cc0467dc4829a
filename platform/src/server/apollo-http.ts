import type http from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { parseJsonBody, readBody } from './http-body';
import { correlationIdFrom, type IncomingRequest } from './request-context';
import { ROUTER_CREDENTIAL_HEADER } from '../auth/router-credential';

/** What a server reads off an HTTP request before building its context. */
export function incomingRequest(req: http.IncomingMessage, correlationId = correlationIdFrom(req.headers)): IncomingRequest {
  const credential = req.headers[ROUTER_CREDENTIAL_HEADER];
  return {
    authorization: req.headers.authorization,
    acceptLanguage: req.headers['accept-language'],
    correlationId,
    // Never a forwarded header: whoever sends one could be anyone.
    socketAddress: req.socket.remoteAddress,
    routerCredential: Array.isArray(credential) ? credential[0] : credential,
  };
}

/**
 * Serves one Apollo Server over node's http module: body parsing with a size cap,
 * a correlation id echoed in the response, and streamed (incremental) responses.
 */
export interface HttpLimits {
  /** The request's deadline: past it the client gets REQUEST_TIMEOUT and resolvers stop (see deadlinePlugin). */
  timeoutMs: number;
  /** A response above this is replaced by RESPONSE_TOO_LARGE instead of being sent. */
  maxResponseBytes: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = { timeoutMs: 15_000, maxResponseBytes: 8 * 1024 * 1024 };

const timedOut = { errors: [{ message: 'Request timed out', extensions: { code: 'REQUEST_TIMEOUT' } }] };
const tooLarge = (max: number) => ({
  errors: [
    {
      message: `Response larger than ${max} bytes; ask for less (smaller pages, fewer fields)`,
      extensions: { code: 'RESPONSE_TOO_LARGE' },
    },
  ],
});

/**
 * A quicker way to answer some requests than Apollo Server's pipeline (the router's own
 * engine): given the parsed body, it answers, or returns undefined to leave the request to
 * Apollo Server. Its answer gets the same deadline, size cap and correlation id.
 */
export type FastPath = (request: {
  req: http.IncomingMessage;
  body: unknown;
  incoming: IncomingRequest;
}) => Promise<HTTPGraphQLResponse | undefined>;

export function apolloHttpHandler<Ctx extends BaseContext>(
  apollo: ApolloServer<Ctx>,
  buildContext: (request: IncomingRequest) => Promise<Ctx>,
  limits: HttpLimits = DEFAULT_HTTP_LIMITS,
  fastPath?: FastPath,
) {
  return async (req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> => {
    const correlationId = correlationIdFrom(req.headers);
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), limits.timeoutMs);
    try {
      await serve(req, res, url, correlationId, deadline.signal);
    } finally {
      clearTimeout(timer);
    }
  };

  async function serve(req: http.IncomingMessage, res: http.ServerResponse, url: URL, correlationId: string, signal: AbortSignal) {
    res.setHeader('x-correlation-id', correlationId);
    let body: unknown;
    try {
      body = parseJsonBody(await readBody(req), req.headers['content-type']);
    } catch (err) {
      const status = (err as GraphQLError).extensions?.http as { status: number } | undefined;
      return sendJson(res, status?.status ?? 400, {
        errors: [{ message: (err as Error).message, extensions: { code: 'BAD_USER_INPUT' } }],
      });
    }
    const incoming = { ...incomingRequest(req, correlationId), signal };
    const viaApollo = () => {
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      return apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: () => buildContext(incoming),
      });
    };
    const execution = fastPath ? fastPath({ req, body, incoming }).then((fast) => fast ?? viaApollo()) : viaApollo();
    const aborted = new Promise<'timeout'>((resolve) => signal.addEventListener('abort', () => resolve('timeout'), { once: true }));
    const response = await Promise.race([execution, aborted]);
    if (response === 'timeout') {
      // Execution winds down on its own: resolvers check the signal, SQL has its statement timeout.
      execution.catch(() => undefined);
      return sendJson(res, 504, timedOut);
    }
    if (response.body.kind === 'complete' && Buffer.byteLength(response.body.string) > limits.maxResponseBytes) {
      return sendJson(res, 200, tooLarge(limits.maxResponseBytes));
    }
    for (const [k, v] of response.headers) res.setHeader(k, v);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') return void res.end(response.body.string);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
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
      if (!res.headersSent)
        sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  };
}
