import { DEFAULT_ADMISSION_LIMITS, DEFAULT_QUERY_LIMITS, requestLimits, type Config, type SigningKeys } from '@basket/platform';
import type { RouterOptions } from './router';

/**
 * The router's options from the configuration, for `npm start` and the router alone:
 * production drops Sandbox and suggestions, CORS is open only in development unless
 * CORS_ORIGINS names the origins.
 */
export function routerSettings(config: Config, keys: SigningKeys, routerSecret: Uint8Array) {
  const limits = requestLimits(config);
  return {
    engine: config.ROUTER_ENGINE,
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    production: config.production,
    auth: { keys, issuer: config.JWT_ISSUER },
    routerSecret,
    queryLimits: { ...DEFAULT_QUERY_LIMITS, cost: { ...DEFAULT_QUERY_LIMITS.cost, maxCost: limits.maxCost } },
    httpLimits: limits.http,
    admission: { ...DEFAULT_ADMISSION_LIMITS, heavyCost: config.HEAVY_QUERY_COST, concurrency: config.HEAVY_QUERY_CONCURRENCY },
    corsOrigins: config.CORS_ORIGINS ?? (config.NODE_ENV === 'development' ? ['*'] : []),
  } satisfies Partial<RouterOptions>;
}
