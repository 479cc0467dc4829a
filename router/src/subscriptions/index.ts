import type http from 'node:http';
import { Gauge, type Registry } from 'prom-client';
import type { GraphQLFormattedError } from 'graphql';
import {
  authenticate,
  correlationIdFrom,
  incomingRequest,
  parseJsonBody,
  readBody,
  sendJson,
  type AuthSettings,
  type IncomingRequest,
  type Logger,
  type QueryLimits,
} from '@basket/platform';
import type { BasketEngine } from '../engine/basket-engine';
import type { RouterContext } from '../context';
import { subscriptionErrors } from './errors';
import { acceptsMultipartSubscription, writeMultipart } from './multipart';
import { checkOperation, formatFor, type OperationPayload } from './operation';
import { createSubscriptionRunner } from './subscribe';
import { createUpstreamPool, DEFAULT_UPSTREAM_OPTIONS, type UpstreamOptions } from './upstream';
import { serveGraphqlWs } from './ws-server';

/**
 * Subscriptions through the router, for the basket engine: graphql-ws on /graphql and
 * Apollo's multipart HTTP protocol, both on one runner (subscribe.ts) over shared
 * upstreams (upstream.ts). A supergraph reload ends every subscription with
 * SUBSCRIPTION_SCHEMA_RELOAD: its plan belongs to the old supergraph.
 */
export interface RouterSubscriptionsOptions {
  server: http.Server;
  engine: BasketEngine;
  auth: AuthSettings;
  limits: QueryLimits;
  production: boolean;
  buildContext(request: IncomingRequest): Promise<RouterContext>;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  logger: Logger;
  /** Where the upstream gauge is registered (the router's /metrics). */
  registry?: Registry;
  /** The router's gauge of open client subscriptions (telemetry.ts), kept current. */
  openSubscriptions?: Pick<Gauge, 'set'>;
  tuning?: Partial<SubscriptionTuning>;
}

export interface SubscriptionTuning {
  /** Events a client may have waiting before it is ended with SUBSCRIPTION_CLIENT_TOO_SLOW. */
  queueBound: number;
  /** Multipart heartbeat interval. */
  heartbeatMs: number;
  /** graphql-ws ping interval toward clients. */
  clientKeepAliveMs: number;
  upstream: Partial<UpstreamOptions>;
}

export const DEFAULT_SUBSCRIPTION_TUNING: SubscriptionTuning = {
  queueBound: 100,
  heartbeatMs: 5_000,
  clientKeepAliveMs: 12_000,
  upstream: DEFAULT_UPSTREAM_OPTIONS,
};

export interface RouterSubscriptions {
  /** Serves a multipart subscription request; false when the request is not one (left to the caller). */
  handleMultipart(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean>;
  stats(): { clients: number; upstreams: number };
  close(): Promise<void>;
}

const UPSTREAM_GAUGE = 'basket_router_subscription_upstreams_open';

export function createRouterSubscriptions(options: RouterSubscriptionsOptions): RouterSubscriptions {
  const tuning = { ...DEFAULT_SUBSCRIPTION_TUNING, ...options.tuning };
  const { engine } = options;
  const pool = createUpstreamPool({ ...DEFAULT_UPSTREAM_OPTIONS, ...options.tuning?.upstream });
  const runner = createSubscriptionRunner({
    engine,
    pool,
    buildContext: options.buildContext,
    queueBound: tuning.queueBound,
    onCount: (clients) => options.openSubscriptions?.set(clients),
  });
  const format = formatFor(options.formatError);
  const check = (payload: OperationPayload) => checkOperation(engine, options.limits, options.production, payload);
  const ws = serveGraphqlWs({
    server: options.server,
    engine,
    runner,
    auth: options.auth,
    check,
    buildContext: options.buildContext,
    format,
    logger: options.logger,
    keepAliveMs: tuning.clientKeepAliveMs,
  });
  const stopWatchingReloads = engine.onReload(() => runner.endAll(subscriptionErrors.schemaReload));

  if (options.registry) {
    new Gauge({
      name: UPSTREAM_GAUGE,
      help: 'Subscriptions open toward subgraphs (identical client subscriptions share one)',
      registers: [options.registry],
      collect() {
        this.set(pool.size);
      },
    });
  }

  return {
    async handleMultipart(req, res) {
      if (!acceptsMultipartSubscription(req.headers.accept)) return false;
      const incoming = incomingRequest(req, correlationIdFrom(req.headers));
      let payload: OperationPayload;
      try {
        payload = parseJsonBody(await readBody(req), req.headers['content-type']) as OperationPayload;
      } catch (err) {
        sendJson(res, 400, { errors: [format(err)] });
        return true;
      }
      if (typeof payload !== 'object' || payload === null) {
        sendJson(res, 400, { errors: [{ message: 'Expected a JSON object body', extensions: { code: 'BAD_REQUEST' } }] });
        return true;
      }
      const checked = check(payload);
      if ('errors' in checked) {
        sendJson(res, 200, { errors: checked.errors.map(format) });
        return true;
      }
      let viewer;
      try {
        viewer = await authenticate(options.auth, incoming.authorization);
      } catch (err) {
        sendJson(res, 401, { errors: [format(err)] });
        return true;
      }
      if (checked.operation.operation !== 'subscription') {
        // Only subscriptions ask for this Accept; anything else gets its plain JSON answer.
        const result = await engine.execute(checked.prepared, checked.variables, await options.buildContext(incoming));
        sendJson(res, 200, { ...result, errors: result.errors?.map(format) });
        return true;
      }
      const stream = runner.subscribe(checked.prepared, checked.variables, { incoming, viewer });
      if ('errors' in stream) {
        sendJson(res, 200, { errors: stream.errors.map(format) });
        return true;
      }
      await writeMultipart(req, res, stream, { heartbeatMs: tuning.heartbeatMs, format });
      return true;
    },
    stats: () => ({ clients: runner.clients, upstreams: pool.size }),
    async close() {
      stopWatchingReloads();
      runner.endAll(subscriptionErrors.shutdown);
      pool.close();
      await ws.close();
      options.registry?.removeSingleMetric(UPSTREAM_GAUGE);
    },
  };
}
