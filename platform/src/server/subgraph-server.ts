import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { apolloHttpHandler, DEFAULT_HTTP_LIMITS, guarded, sendJson, type HttpLimits } from './apollo-http';
import { setupTracing, traced } from './tracing';
import { buildRequestBase, correlationIdFrom, type RequestBase, type SubgraphAuth } from './request-context';
import { DEFAULT_QUERY_LIMITS, queryLimitOptions, queryLimitRules, type QueryLimits } from './query-limits';
import { enforceCost } from './cost';
import { deadlinePlugin, hasUnstorableInput, unstorableInput, unstorableStringsPlugin } from './request-guards';
import { serveOpsEndpoint } from './ops-endpoints';
import { readRawBody } from './http-body';
import { formatError, observabilityPlugin } from './observability';

export interface ServeOptions<Ctx extends RequestBase> {
  service: string;
  schema: GraphQLSchema;
  context: (base: RequestBase) => Ctx;
  /** How to tell the router from a stranger; the service name is added from `service`. */
  auth: Omit<SubgraphAuth, 'service'>;
  logger: Logger;
  metrics: Metrics;
  /** Each check throws when its dependency is unreachable. */
  readiness: Record<string, () => Promise<void>>;
  port: number;
  host?: string;
  /** Production turns introspection and field suggestions off. */
  production?: boolean;
  limits?: QueryLimits;
  httpLimits?: HttpLimits;
  /** Endpoints beside /graphql by exact path, e.g. a payment provider's webhook. */
  httpRoutes?: Record<string, HttpRoute>;
}

/**
 * A plain HTTP endpoint of a subgraph. It gets the body's raw bytes (read with the
 * GraphQL body cap) because webhook signatures are computed over exactly those.
 */
export type HttpRoute = (request: {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}) => Promise<{ status: number; body: unknown }>;

/**
 * Subgraphs are reached through the router, which enforces the client-facing limits
 * first. These bound each subgraph by itself, roomier because query plans add a level
 * (_entities) and aliases of their own, and one client operation's cost can land on a
 * single subgraph as an `_entities` batch.
 */
export const SUBGRAPH_QUERY_LIMITS: QueryLimits = {
  ...DEFAULT_QUERY_LIMITS,
  maxDepth: 15,
  maxIntrospectionDepth: 20,
  maxAliases: 100,
  maxDirectives: 100,
  maxTokens: 20_000,
  cost: { ...DEFAULT_QUERY_LIMITS.cost, maxCost: DEFAULT_QUERY_LIMITS.cost.maxCost * 2 },
};
const MAX_WS_PAYLOAD_BYTES = 1024 * 1024;

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The same token cap, cost budget and unstorable-string check as over HTTP, for an
 * operation arriving over graphql-ws (validation rules run later, in `validate`).
 */
function wsLimitErrors(
  schema: GraphQLSchema,
  payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
  limits: QueryLimits,
) {
  let document;
  try {
    document = parse(payload.query, { maxTokens: limits.maxTokens });
  } catch (err) {
    return [err instanceof GraphQLError ? err : new GraphQLError(String(err))];
  }
  try {
    if (hasUnstorableInput(document, payload.variables)) throw unstorableInput();
    enforceCost({ schema, document, operationName: payload.operationName, variables: payload.variables }, limits.cost);
  } catch (err) {
    if (err instanceof GraphQLError) return [err];
    throw err;
  }
  return undefined;
}

/**
 * Serves one subgraph: GraphQL over HTTP and graphql-ws on the same port and path,
 * plus /health (process up), /ready (dependencies reachable) and /metrics.
 */
export async function serveSubgraph<Ctx extends RequestBase>(options: ServeOptions<Ctx>): Promise<RunningServer> {
  const { logger, metrics } = options;
  const auth = { ...options.auth, service: options.service };
  const limits = options.limits ?? SUBGRAPH_QUERY_LIMITS;
  const enforced = queryLimitOptions<Ctx>(limits);
  const apollo = new ApolloServer<Ctx>({
    schema: options.schema,
    introspection: !options.production,
    // "Did you mean email?" would describe the schema to whoever cannot introspect it.
    hideSchemaDetailsFromClientErrors: !!options.production,
    parseOptions: enforced.parseOptions,
    validationRules: enforced.validationRules,
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown order (router, subgraphs, relay, db); Apollo must not race it.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      observabilityPlugin(options.service, metrics) as ApolloServerPlugin<Ctx>,
      enforced.plugin,
      unstorableStringsPlugin<Ctx>(),
      deadlinePlugin<Ctx>(),
    ],
    formatError: formatError(logger),
    logger,
  });
  await apollo.start();

  // OTEL_EXPORTER_OTLP_ENDPOINT is OpenTelemetry's own variable; a subgraph alone in its
  // process exports its spans there, and they join the router's trace through traceparent.
  setupTracing({ serviceName: `basket-${options.service}`, endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT });
  const graphql = traced(
    options.service,
    apolloHttpHandler(
      apollo,
      async (request) => options.context(await buildRequestBase(auth, request, logger)),
      options.httpLimits ?? DEFAULT_HTTP_LIMITS,
    ),
  );
  const server = http.createServer(
    guarded(
      (err) => logger.error({ err }, 'request failed'),
      async (req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (await serveOpsEndpoint(url.pathname, res, { service: options.service, metrics, readiness: options.readiness })) return;
        const route = options.httpRoutes?.[url.pathname];
        if (route) {
          const answer = await route({ method: req.method ?? 'GET', headers: req.headers, body: await readRawBody(req) });
          return sendJson(res, answer.status, answer.body);
        }
        if (url.pathname !== '/graphql' && url.pathname !== '/') return sendJson(res, 404, { error: 'not found' });
        return graphql(req, res, url);
      },
    ),
  );

  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: MAX_WS_PAYLOAD_BYTES });
  const mask = formatError(logger);
  // Authenticated once per connection: a bad token closes it with 4403 in onConnect,
  // instead of failing each operation later.
  const ws = useServer<Record<string, unknown>, { base?: RequestBase }>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const text = (key: string) => (typeof params[key] === 'string' ? (params[key] as string) : undefined);
        try {
          ctx.extra.base = await buildRequestBase(
            auth,
            {
              authorization: text('authorization'),
              acceptLanguage: text('accept-language'),
              correlationId: correlationIdFrom(ctx.extra.request.headers),
              socketAddress: ctx.extra.request.socket.remoteAddress,
              routerCredential: text('routerCredential'),
            },
            logger,
          );
          // A socket lives longer than its token: close it when the token expires.
          const expiresAt = ctx.extra.base.viewer?.expiresAt;
          if (expiresAt) {
            const ms = Math.min(expiresAt.getTime() - Date.now(), 2 ** 31 - 1);
            setTimeout(() => ctx.extra.socket.close(4401, 'Access token expired'), Math.max(ms, 0)).unref();
          }
          return true;
        } catch (err) {
          logger.info({ err: (err as Error).message }, 'websocket connection refused');
          return false;
        }
      },
      context: (ctx) => options.context(ctx.extra.base!),
      validate: (schema, document) => validate(schema, document, [...specifiedRules, ...queryLimitRules(limits)]),
      onSubscribe: (ctx, _id, payload) => {
        const expiresAt = ctx.extra.base?.viewer?.expiresAt;
        if (expiresAt && expiresAt.getTime() <= Date.now()) {
          return [new GraphQLError('Access token expired', { extensions: { code: 'UNAUTHENTICATED' } })];
        }
        return wsLimitErrors(options.schema, payload, limits);
      },
      // The same masking as over HTTP: unexpected errors never reach the client verbatim.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((e) => mask(e instanceof GraphQLError ? e.toJSON() : e, e)) } : result,
    },
    wss,
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  server.keepAliveTimeout = 65_000;
  return {
    port,
    url: `http://${options.host ?? '127.0.0.1'}:${port}/graphql`,
    async close() {
      await ws.dispose();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}
