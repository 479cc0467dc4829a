import type http from 'node:http';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ApolloServerPlugin } from '@apollo/server';
import type { OperationDefinitionNode } from 'graphql';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { operationLabeller, traceHeaders, tracer, tracingEnabled } from '@basket/platform';
import type { EngineHooks } from './engine/basket-engine';
import type { SubgraphAnswer } from './engine/plan-executor';

/**
 * The router's own Prometheus metrics (beside the platform's basket_graphql_*): request
 * duration by operation and client name, subgraph fetches by subgraph, plan cache hits
 * and misses, open subscriptions. Labels from clients are bounded (operationLabeller).
 */
export function routerMetrics(registry: Registry) {
  return {
    requestDuration: new Histogram({
      name: 'basket_router_request_duration_seconds',
      help: 'Router GraphQL request duration, by operation name and client name (apollographql-client-name)',
      labelNames: ['operation', 'client', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    fetchDuration: new Histogram({
      name: 'basket_router_subgraph_fetch_duration_seconds',
      help: 'Subgraph fetch duration, by subgraph',
      labelNames: ['subgraph'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    fetchErrors: new Counter({
      name: 'basket_router_subgraph_fetch_errors_total',
      help: 'Subgraph fetches that failed (kind=unavailable: no answer) or answered with errors (kind=graphql), by subgraph',
      labelNames: ['subgraph', 'kind'] as const,
      registers: [registry],
    }),
    planCache: new Counter({
      name: 'basket_router_plan_cache_total',
      help: 'Query plan cache lookups, by result (hit, miss)',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    openSubscriptions: new Gauge({
      name: 'basket_router_open_subscriptions',
      help: 'Subscriptions open through the router',
      registers: [registry],
    }),
  };
}

export type RouterMetrics = ReturnType<typeof routerMetrics>;

/** Records one request's duration; operation and client labels are bounded. */
export function requestObserver(metrics: RouterMetrics) {
  const operation = operationLabeller();
  const client = operationLabeller(50);
  return ({ name, client: clientName, seconds, errors }: { name: string; client: string; seconds: number; errors: boolean }) =>
    metrics.requestDuration.observe({ operation: operation(name), client: client(clientName), outcome: errors ? 'error' : 'ok' }, seconds);
}

/** The client's name as Apollo clients send it. */
export function clientName(req: Pick<http.IncomingMessage, 'headers'> | { headers: { get(name: string): string | undefined } }): string {
  const headers = req.headers as unknown as Record<string, unknown> & { get?: (name: string) => string | undefined };
  const name = typeof headers.get === 'function' ? headers.get('apollographql-client-name') : headers['apollographql-client-name'];
  return typeof name === 'string' && /^[\w.-]{1,50}$/.test(name) ? name : 'unknown';
}

/** An operation's name for metrics: as sent, else as written in the document, else its root fields. */
export function operationName(name: string | null | undefined, operation: OperationDefinitionNode | undefined): string {
  if (name) return name;
  if (operation?.name) return operation.name.value;
  const root = operation?.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : [])).sort();
  return root?.length ? root.join(',') : 'anonymous';
}

/** The same request metric for requests Apollo Server answers (the reference engine, or the fast path's leftovers). */
export function requestMetricsPlugin(observe: ReturnType<typeof requestObserver>): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ errors, operation }) {
          observe({
            name: operationName(request.operationName, operation),
            client: clientName({ headers: request.http?.headers ?? new Map<string, string>() }),
            seconds: Number(process.hrtime.bigint() - started) / 1e9,
            errors: !!errors?.length,
          });
        },
      };
    },
  };
}

/**
 * The engine's hooks: plan cache counts, each subgraph fetch timed and counted, and,
 * when tracing is on, a span per plan node and per subgraph fetch whose traceparent goes
 * to the subgraph with the request.
 */
export function engineHooks(metrics: RouterMetrics): EngineHooks {
  const spans = tracingEnabled();
  const engineTracer = tracer('basket-router');
  // Labelled children made once per subgraph: prom-client hashes the labels on every call otherwise.
  const durations = new Map<string, { observe(seconds: number): void }>();
  const durationOf = (subgraph: string) => {
    let child = durations.get(subgraph);
    if (!child) durations.set(subgraph, (child = metrics.fetchDuration.labels({ subgraph })));
    return child;
  };
  const hooks: EngineHooks = {
    planCache(hit) {
      metrics.planCache.inc({ result: hit ? 'hit' : 'miss' });
    },
    async fetch(call, send) {
      const started = performance.now();
      const timed = async (headers: Record<string, string>): Promise<SubgraphAnswer> => {
        try {
          const answer = await send(headers);
          if (answer.errors?.length) metrics.fetchErrors.inc({ subgraph: call.subgraph, kind: 'graphql' });
          return answer;
        } catch (err) {
          metrics.fetchErrors.inc({ subgraph: call.subgraph, kind: 'unavailable' });
          throw err;
        } finally {
          durationOf(call.subgraph).observe((performance.now() - started) / 1000);
        }
      };
      if (!spans) return timed({});
      return engineTracer.startActiveSpan(
        `subgraph ${call.subgraph}`,
        { kind: SpanKind.CLIENT, attributes: { 'basket.subgraph': call.subgraph, 'basket.path': call.path.join('.') } },
        async (span) => {
          try {
            const answer = await timed(traceHeaders());
            if (answer.errors?.length) span.setAttribute('basket.errors', answer.errors.length);
            return answer;
          } catch (err) {
            span.recordException(err as Error);
            span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
            throw err;
          } finally {
            span.end();
          }
        },
      );
    },
  };
  if (spans) {
    hooks.node = (node, run) =>
      engineTracer.startActiveSpan(
        node.kind === 'Fetch' ? `plan Fetch ${node.serviceName}` : `plan ${node.kind}`,
        { attributes: node.kind === 'Flatten' ? { 'basket.path': node.path.join('.') } : {} },
        async (span) => {
          try {
            return await run();
          } finally {
            span.end();
          }
        },
      );
  }
  return hooks;
}
