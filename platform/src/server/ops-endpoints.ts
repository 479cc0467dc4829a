import type http from 'node:http';
import type { Metrics } from '../metrics';
import { withTimeout } from '../timeout';
import { sendJson } from './apollo-http';

export interface OpsEndpoints {
  service: string;
  metrics: Metrics;
  /** Each check throws when its dependency is unreachable. */
  readiness: Record<string, () => Promise<void>>;
}

/**
 * /health (the process is up), /ready (its dependencies answer) and /metrics, the same
 * on the router and every subgraph. Returns false for any other path.
 */
export async function serveOpsEndpoint(pathname: string, res: http.ServerResponse, ops: OpsEndpoints): Promise<boolean> {
  if (pathname === '/health') {
    sendJson(res, 200, { status: 'ok', service: ops.service });
    return true;
  }
  if (pathname === '/metrics') {
    res.writeHead(200, { 'content-type': ops.metrics.registry.contentType });
    res.end(await ops.metrics.registry.metrics());
    return true;
  }
  if (pathname !== '/ready') return false;
  const checks: Record<string, string> = {};
  await Promise.all(
    Object.entries(ops.readiness).map(async ([name, check]) => {
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
  return true;
}
