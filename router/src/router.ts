import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { parse } from 'graphql';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  apolloHttpHandler,
  costAdmission,
  DEFAULT_ADMISSION_LIMITS,
  authenticate,
  createMetrics,
  DEFAULT_HTTP_LIMITS,
  DEFAULT_QUERY_LIMITS,
  formatError,
  introspectionCachePlugin,
  withCostDirectives,
  guarded,
  observabilityPlugin,
  queryLimitOptions,
  sendJson,
  signRouterCredential,
  unstorableStringsPlugin,
  serveOpsEndpoint,
  operationRecorder,
  setupTracing,
  traced,
  type IncomingRequest,
  type AdmissionLimits,
  type AuthSettings,
  type HttpLimits,
  type Logger,
  type QueryLimits,
} from '@basket/platform';
import { ForwardingDataSource } from './forwarding-data-source';
import { createBasketEngine, type BasketEngine } from './engine/basket-engine';
import { DEADLINE_GRACE_MS } from './engine/subgraph-client';
import { engineGateway } from './engine/gateway-adapter';
import { corsHandler } from './cors';
import { basketFastPath } from './fast-path';
import { watchSupergraph } from './supergraph-watch';
import { engineHooks, requestMetricsPlugin, requestObserver, routerMetrics } from './telemetry';
import { createRouterSubscriptions, type RouterSubscriptions, type SubscriptionTuning } from './subscriptions';
import type { RouterContext } from './context';

/** Which engine executes plans: ours, or @apollo/gateway as the reference. */
export type RouterEngine = 'basket' | 'apollo-gateway';

export interface RouterOptions {
  /** 'basket' (default): our executor over @apollo/query-planner; 'apollo-gateway': the reference engine. */
  engine?: RouterEngine;
  /** Longest one subgraph fetch may take; the request's deadline when absent. */
  subgraphTimeoutMs?: number;
  /** The composed supergraph SDL; any supergraph works, not only Basket's. */
  supergraphSdl: string;
  port: number;
  host?: string;
  logger: Logger;
  /** Production: no Sandbox, no introspection, no field suggestions. */
  production: boolean;
  /** Tokens are verified at the edge; subgraphs get the viewer inside the signed credential. */
  auth: AuthSettings;
  /** Shared with the subgraphs: the router signs each subgraph request with it. */
  routerSecret: Uint8Array;
  /** Depth, alias, token and cost limits for client operations; DEFAULT_QUERY_LIMITS when absent. */
  queryLimits?: QueryLimits;
  /** Request deadline (also each subgraph fetch's) and response size cap. */
  httpLimits?: HttpLimits;
  /** How many expensive operations run at once; DEFAULT_ADMISSION_LIMITS when absent. */
  admission?: AdmissionLimits;
  /** Browser origins allowed by CORS; ['*'] allows any. None when absent. */
  corsOrigins?: readonly string[];
  /** The supergraph file to watch: a new version is loaded without dropping requests in flight. */
  supergraphPath?: string;
  /** How often the supergraph file is checked (ms). */
  supergraphPollMs?: number;
  /** OTLP/HTTP collector for the router's spans (OTEL_EXPORTER_OTLP_ENDPOINT). */
  otlpEndpoint?: string;
  /** Queue bound, heartbeat and keep-alive intervals of subscriptions (basket engine); defaults when absent. */
  subscriptions?: Partial<SubscriptionTuning>;
}

export interface RunningRouter {
  url: string;
  port: number;
  /** Loads a new supergraph; operations in flight finish on the one they started with. */
  reload(supergraphSdl: string): void;
  close(): Promise<void>;
}

/** One call per key, its promise shared: a request's credential per subgraph is signed once. */
function memoize<T>(make: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const made = new Map<string, Promise<T>>();
  return (key) => {
    let value = made.get(key);
    if (!value) made.set(key, (value = make(key)));
    return value;
  };
}

/** A signal aborted DEADLINE_GRACE_MS after `signal`: fetches end just after the client got REQUEST_TIMEOUT. */
function afterGrace(signal: AbortSignal): AbortSignal {
  const later = new AbortController();
  signal.addEventListener('abort', () => setTimeout(() => later.abort(signal.reason), DEADLINE_GRACE_MS).unref(), { once: true });
  return later.signal;
}

/** The subgraphs' base URLs, read from the supergraph's join__graph directives. */
function subgraphHealthUrls(supergraphSdl: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const m of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    urls[m[1]!] = new URL('/health', m[2]!).toString();
  }
  return urls;
}

export async function startRouter(options: RouterOptions): Promise<RunningRouter> {
  const { logger } = options;
  const configured = options.queryLimits ?? DEFAULT_QUERY_LIMITS;
  // Weights the subgraphs declared with @cost travel in the composed supergraph.
  const limits = { ...configured, cost: withCostDirectives(configured.cost, parse(options.supergraphSdl)) };
  const httpLimits = options.httpLimits ?? DEFAULT_HTTP_LIMITS;
  const metrics = createMetrics();
  if (options.otlpEndpoint) setupTracing({ serviceName: 'basket-router', endpoint: options.otlpEndpoint });
  const telemetry = routerMetrics(metrics.registry);
  const observe = requestObserver(telemetry);
  let updateGateway: ((sdl: string) => void) | undefined;
  const engineName = options.engine ?? 'basket';
  let engine: BasketEngine | undefined;
  let gateway;
  if (engineName === 'basket') {
    engine = createBasketEngine({
      supergraphSdl: options.supergraphSdl,
      client: { timeoutMs: options.subgraphTimeoutMs ?? httpLimits.timeoutMs },
      hooks: engineHooks(telemetry),
    });
    gateway = engineGateway(engine);
  } else {
    gateway = new ApolloGateway({
      // A function, so a reloaded supergraph can be handed to the gateway (update).
      supergraphSdl: async ({ update }) => {
        updateGateway = update;
        return { supergraphSdl: options.supergraphSdl };
      },
      buildService: ({ name, url }) => new ForwardingDataSource(name, url!, options.subgraphTimeoutMs ?? httpLimits.timeoutMs),
      logger,
    });
  }
  // One admission for both ways in (Apollo Server's pipeline and the fast path).
  const admit = costAdmission(options.admission ?? DEFAULT_ADMISSION_LIMITS);
  const maskErrors = formatError(logger);
  const enforced = queryLimitOptions<RouterContext>(limits, {
    admit,
    clientOf: (context) => context.clientIp,
  });
  const apollo = new ApolloServer<RouterContext>({
    gateway,
    introspection: !options.production,
    // "Did you mean email?" would describe the schema to whoever cannot introspect it.
    hideSchemaDetailsFromClientErrors: options.production,
    parseOptions: enforced.parseOptions,
    validationRules: enforced.validationRules,
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown order (router, subgraphs, relay, db); Apollo must not race it.
    stopOnTerminationSignals: false,
    formatError: maskErrors,
    logger,
    plugins: [
      observabilityPlugin('router', metrics),
      requestMetricsPlugin(observe),
      enforced.plugin,
      unstorableStringsPlugin<RouterContext>(),
      introspectionCachePlugin<RouterContext>(),
      // Production serves no page at all: Apollo's production page still loads from its CDN.
      options.production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
    ],
  });
  await apollo.start();

  const buildContext = async (request: IncomingRequest): Promise<RouterContext> => {
    const viewer = await authenticate(options.auth, request.authorization);
    const clientIp = request.socketAddress ?? 'unknown';
    return {
      authorization: request.authorization,
      acceptLanguage: request.acceptLanguage,
      correlationId: request.correlationId,
      clientIp,
      viewer,
      credentialFor: memoize((subgraph: string) =>
        signRouterCredential(options.routerSecret, subgraph, { clientIp, correlationId: request.correlationId, viewer }),
      ),
      deadline: Date.now() + httpLimits.timeoutMs,
      fetchSignal: request.signal && afterGrace(request.signal),
      logger: logger.child({ correlationId: request.correlationId }),
    };
  };
  const fastPath = engine
    ? basketFastPath({
        engine,
        limits,
        production: options.production,
        admit,
        buildContext,
        formatError: maskErrors,
        record: operationRecorder('router', metrics),
        observe,
      })
    : undefined;
  const graphql = traced('router', apolloHttpHandler(apollo, buildContext, httpLimits, fastPath));
  const cors = corsHandler(options.corsOrigins ?? []);

  // Ready when every subgraph of the current supergraph answers its /health and its breaker is closed.
  const readinessOf = (sdl: string) =>
    Object.fromEntries(
      Object.entries(subgraphHealthUrls(sdl)).map(([name, url]) => [
        name,
        async () => {
          if (engine?.generation.clients.get(name)?.open) throw new Error('circuit open after repeated failures');
          const answer = await fetch(url);
          if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
        },
      ]),
    );
  let readiness = readinessOf(options.supergraphSdl);
  const reload = (sdl: string) => {
    if (engine) engine.reload(sdl);
    else if (updateGateway) updateGateway(sdl);
    limits.cost = withCostDirectives(configured.cost, parse(sdl));
    readiness = readinessOf(sdl);
  };
  const stopWatching = options.supergraphPath
    ? watchSupergraph(options.supergraphPath, reload, logger, options.supergraphPollMs)
    : undefined;

  // Subscriptions (graphql-ws and multipart HTTP) run on our engine only; set up once the server exists.
  let subscriptions: RouterSubscriptions | undefined;
  const server = http.createServer(
    guarded(
      (err) => logger.error({ err }, 'router request failed'),
      async (req, res) => {
        if (cors(req, res)) return;
        if (req.method === 'OPTIONS') return void res.writeHead(204).end();
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (await serveOpsEndpoint(url.pathname, res, { service: 'router', metrics, readiness })) return;
        if (url.pathname === '/graphql' || url.pathname === '/') {
          if (subscriptions && (await subscriptions.handleMultipart(req, res))) return;
          return graphql(req, res, url);
        }
        return sendJson(res, 404, { error: 'not found' });
      },
    ),
  );
  if (engine) {
    subscriptions = createRouterSubscriptions({
      server,
      engine,
      auth: options.auth,
      limits,
      production: options.production,
      buildContext,
      formatError: maskErrors,
      logger,
      registry: metrics.registry,
      openSubscriptions: telemetry.openSubscriptions,
      tuning: options.subscriptions,
    });
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${options.host ?? '127.0.0.1'}:${port}/graphql`,
    reload,
    async close() {
      stopWatching?.();
      await subscriptions?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await engine?.close();
    },
  };
}
