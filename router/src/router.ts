import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import {
  apolloHttpHandler,
  authenticate,
  DEFAULT_QUERY_LIMITS,
  queryLimitsRule,
  type QueryLimits,
  formatError,
  guarded,
  sendJson,
  type Logger,
  type SigningKeys,
} from '@basket/platform';
import { ForwardingDataSource } from './forwarding-data-source';
import type { RouterContext } from './context';

export interface RouterOptions {
  /** The composed supergraph SDL; any supergraph works, not only Basket's. */
  supergraphSdl: string;
  port: number;
  host?: string;
  logger: Logger;
  production: boolean;
  /** Depth and alias limits for client operations; DEFAULT_QUERY_LIMITS when absent. */
  queryLimits?: QueryLimits;
  /** When given, tokens are verified at the edge too (subgraphs always verify). */
  auth?: { keys: SigningKeys; issuer: string };
}

export interface RunningRouter {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** One JSON line per client request, with the correlation id the subgraphs log too. */
function accessLog(logger: Logger): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ request, errors }) {
          logger.info(
            {
              correlationId: contextValue.correlationId,
              operation: request.operationName ?? 'anonymous',
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

export async function startRouter(options: RouterOptions): Promise<RunningRouter> {
  const { logger } = options;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    // Node's fetch (undici) keeps connections to each subgraph alive and pooled.
    buildService: ({ url }) => new ForwardingDataSource({ url, fetcher: fetch as never }),
    logger,
  });
  const apollo = new ApolloServer<RouterContext>({
    gateway,
    introspection: !options.production,
    validationRules: [queryLimitsRule(options.queryLimits ?? DEFAULT_QUERY_LIMITS)],
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown order (router, subgraphs, relay, db); Apollo must not race it.
    stopOnTerminationSignals: false,
    formatError: formatError(logger),
    logger,
    plugins: [
      accessLog(logger),
      options.production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
    ],
  });
  await apollo.start();

  // The client's socket address, never a header the client sent: subgraphs rate-limit on it.
  const graphql = apolloHttpHandler(
    apollo,
    async (headers) => ({ ...headers, viewer: options.auth ? await authenticate(options.auth, headers.authorization) : null }),
    { trustForwardedFor: false },
  );

  const server = http.createServer(
    guarded(
      (err) => logger.error({ err }, 'router request failed'),
      async (req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok', service: 'router' });
        if (url.pathname === '/graphql' || url.pathname === '/') return graphql(req, res, url);
        return sendJson(res, 404, { error: 'not found' });
      },
    ),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${options.host ?? '127.0.0.1'}:${port}/graphql`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}
