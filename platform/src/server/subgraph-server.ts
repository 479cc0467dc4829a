import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, specifiedRules, validate, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { apolloHttpHandler, clientIpOf, guarded, sendJson } from './apollo-http';
import { buildRequestBase, correlationIdFrom, type AuthSettings, type RequestBase } from './request-context';
import { queryLimitsRule, type QueryLimits } from './query-limits';
import { withTimeout } from '../timeout';

export interface ServeOptions<Ctx extends RequestBase> {
  service: string;
  schema: GraphQLSchema;
  context: (base: RequestBase) => Ctx;
  auth: AuthSettings;
  logger: Logger;
  metrics: Metrics;
  /** Each check throws when its dependency is unreachable. */
  readiness: Record<string, () => Promise<void>>;
  port: number;
  host?: string;
  /** Production turns introspection off. */
  production?: boolean;
}

/**
 * Subgraphs are reached through the router, which enforces the client-facing limits;
 * these are a backstop for direct calls, roomier because query plans add a level
 * (_entities) and aliases of their own.
 */
export const SUBGRAPH_QUERY_LIMITS: QueryLimits = { maxDepth: 15, maxAliases: 100 };
const MAX_WS_PAYLOAD_BYTES = 1024 * 1024;

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Hides unexpected failures from clients (they are logged with the correlation id). */
export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    if (original instanceof GraphQLError || (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR')) {
      return formatted;
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected resolver error');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

// Operation names come from clients; a bounded set of label values keeps a client
// from growing the metrics registry without limit.
const MAX_OPERATION_LABELS = 200;

export function operationLabeller(max = MAX_OPERATION_LABELS) {
  const seen = new Set<string>();
  return (name: string): string => {
    if (seen.has(name)) return name;
    if (seen.size >= max || !/^[A-Za-z_][\w,]{0,99}$/.test(name)) return 'other';
    seen.add(name);
    return name;
  };
}

/** Counts and times every operation, and writes one access-log line per request. */
function observabilityPlugin(service: string, metrics: Metrics): ApolloServerPlugin<RequestBase> {
  const label = operationLabeller();
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      const stop = metrics.graphqlDuration.startTimer({ service });
      return {
        async willSendResponse({ operation, errors, request, contextValue }) {
          stop();
          const name = request.operationName ?? operationLabel(operation?.selectionSet.selections);
          metrics.graphqlRequests.inc({ service, operation: label(name), outcome: errors?.length ? 'error' : 'ok' });
          // contextValue is absent when context creation itself failed (e.g. a bad token).
          contextValue?.logger?.info(
            {
              operation: name,
              durationMs: Number(process.hrtime.bigint() - started) / 1e6,
              userId: contextValue.viewer?.userId,
              errors: errors?.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
            },
            'graphql request',
          );
        },
      };
    },
  };
}

/** Anonymous operations (like the router's _entities fetches) are labelled by their root fields. */
function operationLabel(selections: readonly { kind: string; name?: { value: string } }[] | undefined): string {
  const fields = (selections ?? []).flatMap((s) => (s.kind === 'Field' && s.name ? [s.name.value] : []));
  return fields.length ? fields.sort().join(',') : 'anonymous';
}

/**
 * Serves one subgraph: GraphQL over HTTP and graphql-ws on the same port and path,
 * plus /health (process up), /ready (dependencies reachable) and /metrics.
 */
export async function serveSubgraph<Ctx extends RequestBase>(options: ServeOptions<Ctx>): Promise<RunningServer> {
  const { logger, metrics } = options;
  const apollo = new ApolloServer<Ctx>({
    schema: options.schema,
    introspection: !options.production,
    validationRules: [queryLimitsRule(SUBGRAPH_QUERY_LIMITS)],
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown order (router, subgraphs, relay, db); Apollo must not race it.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), observabilityPlugin(options.service, metrics) as ApolloServerPlugin<Ctx>],
    formatError: formatError(logger),
    logger,
  });
  await apollo.start();

  const graphql = apolloHttpHandler(apollo, async (headers) =>
    options.context(await buildRequestBase(options.auth, headers, logger)),
  );
  const server = http.createServer(
    guarded(
      (err) => logger.error({ err }, 'request failed'),
      async (req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok', service: options.service });
        if (url.pathname === '/ready') return ready(res);
        if (url.pathname === '/metrics') {
          res.writeHead(200, { 'content-type': metrics.registry.contentType });
          return void res.end(await metrics.registry.metrics());
        }
        if (url.pathname !== '/graphql' && url.pathname !== '/') return sendJson(res, 404, { error: 'not found' });
        return graphql(req, res, url);
      },
    ),
  );

  async function ready(res: http.ServerResponse) {
    const checks: Record<string, string> = {};
    await Promise.all(
      Object.entries(options.readiness).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 3000, 'check');
          checks[name] = 'ok';
        } catch (err) {
          checks[name] = err instanceof Error ? err.message : String(err);
        }
      }),
    );
    const ok = Object.values(checks).every((v) => v === 'ok');
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'unavailable', checks });
  }

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
            options.auth,
            {
              authorization: text('authorization'),
              acceptLanguage: text('accept-language'),
              correlationId: correlationIdFrom(ctx.extra.request.headers),
              clientIp: clientIpOf(ctx.extra.request),
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
      validate: (schema, document) => validate(schema, document, [...specifiedRules, queryLimitsRule(SUBGRAPH_QUERY_LIMITS)]),
      onSubscribe: (ctx) => {
        const expiresAt = ctx.extra.base?.viewer?.expiresAt;
        if (expiresAt && expiresAt.getTime() <= Date.now()) {
          return [new GraphQLError('Access token expired', { extensions: { code: 'UNAUTHENTICATED' } })];
        }
        return undefined;
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

