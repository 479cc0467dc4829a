import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry per process; every metric carries a `service` label so the embedded
 * process (all subgraphs in one) still tells them apart.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    graphqlRequests: new Counter({
      name: 'basket_graphql_requests_total',
      help: 'GraphQL operations executed, by operation name and outcome',
      labelNames: ['service', 'operation', 'outcome'] as const,
      registers: [registry],
    }),
    graphqlDuration: new Histogram({
      name: 'basket_graphql_request_duration_seconds',
      help: 'GraphQL request duration',
      labelNames: ['service'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    loaderBatches: new Counter({
      name: 'basket_dataloader_batches_total',
      help: 'DataLoader batch loads (one SQL query each), by loader',
      labelNames: ['service', 'loader'] as const,
      registers: [registry],
    }),
    eventsPublished: new Counter({
      name: 'basket_events_published_total',
      help: 'Outbox events handed to the transport',
      labelNames: ['service', 'topic'] as const,
      registers: [registry],
    }),
    eventsConsumed: new Counter({
      name: 'basket_events_consumed_total',
      help: 'Events received by consumers, by outcome (applied, duplicate, ignored, parked)',
      labelNames: ['service', 'type', 'outcome'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
