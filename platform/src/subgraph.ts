import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { writeOutbox, type NewMessage } from './events/outbox';
import { createOutboxRelay, type OutboxRelay } from './events/relay';
import { createEventConsumer, type EventHandlers } from './events/consumer';
import type { EventTables } from './events/tables';
import type { Tx } from './db/database';
import type { PlatformDeps } from './platform';
import { readinessChecks, requestLimits } from './platform';
import { serveSubgraph, SUBGRAPH_QUERY_LIMITS, type HttpRoute, type RunningServer } from './server/subgraph-server';
import { withCostDirectives } from './server/cost';
import type { RequestBase } from './server/request-context';

export interface SubgraphDefinition<Ctx extends RequestBase> {
  /** Also the Postgres schema name, the Kafka consumer group and the topic prefix. */
  name: string;
  typeDefs: DocumentNode;
  /** Typed by codegen in each subgraph (src/generated/resolvers-types.ts). */
  resolvers: object;
  tables: EventTables;
  migrationsFolder: string;
  context(base: RequestBase): Ctx;
  consumers?: EventHandlers;
  /** Idempotent demo data for embedded mode; runs after migrations. */
  seed?(): Promise<void>;
  /** Refuses to start (throws, with the reason) when the data is unsafe to serve; runs after migrations. */
  preflight?(): Promise<void>;
  /** Plain HTTP endpoints beside /graphql (a provider's webhook), by exact path. */
  httpRoutes?: Record<string, HttpRoute>;
}

export interface Subgraph<Ctx extends RequestBase = RequestBase> {
  name: string;
  schema: GraphQLSchema;
  context(base: RequestBase): Ctx;
  /** Applies migrations, starts the outbox relay and event consumers. */
  start(): Promise<void>;
  seed(): Promise<void>;
  listen(port: number, host?: string): Promise<RunningServer>;
  relay: OutboxRelay;
  stop(): Promise<void>;
}

/**
 * Writes events to a subgraph's outbox in the caller's transaction. Only a `Tx` is
 * accepted: through the root handle the outbox row would commit on its own, so an
 * event could be published for a state change that then rolls back.
 */
export type Publish = (tx: Tx, messages: NewMessage[], traceId?: string | null) => Promise<void>;

export function outboxPublisher(name: string, tables: EventTables): Publish {
  return async (tx, events, traceId = null) => {
    await writeOutbox(tx, tables, name, events, traceId);
  };
}

/** The running parts of one subgraph in a process; manifests (manifest.ts) build their definition. */
export function instantiateSubgraph<Ctx extends RequestBase>(deps: PlatformDeps, def: SubgraphDefinition<Ctx>): Subgraph<Ctx> {
  const logger = deps.logger.child({ subgraph: def.name });
  const schema = buildSubgraphSchema([{ typeDefs: def.typeDefs, resolvers: def.resolvers as GraphQLResolverMap<unknown> }]);
  const relay = createOutboxRelay({
    service: def.name,
    schemaName: def.name,
    database: deps.database,
    tables: def.tables,
    transport: deps.transport,
    logger,
    metrics: deps.metrics,
    pollMs: deps.config.OUTBOX_POLL_MS,
  });
  const servers: RunningServer[] = [];
  const limits = requestLimits(deps.config);
  return {
    name: def.name,
    schema,
    context: def.context,
    relay,
    async start() {
      await deps.database.migrate({ schema: def.name, migrationsFolder: def.migrationsFolder });
      await def.preflight?.();
      await relay.start();
      if (def.consumers) {
        await deps.transport.subscribe(
          createEventConsumer({
            consumer: def.name,
            service: def.name,
            database: deps.database,
            tables: def.tables,
            handlers: def.consumers,
            logger,
            metrics: deps.metrics,
          }),
        );
      }
    },
    async seed() {
      await def.seed?.();
    },
    async listen(port, host) {
      const server = await serveSubgraph({
        service: def.name,
        schema,
        context: def.context,
        auth: {
          keys: deps.keys,
          issuer: deps.config.JWT_ISSUER,
          routerSecret: deps.routerSecret,
          requireRouter: deps.config.requireRouter,
        },
        logger,
        metrics: deps.metrics,
        readiness: { ...readinessChecks(deps), outbox: () => relay.check() },
        port,
        host,
        production: deps.config.production,
        limits: {
          ...SUBGRAPH_QUERY_LIMITS,
          cost: withCostDirectives({ ...SUBGRAPH_QUERY_LIMITS.cost, maxCost: limits.maxCost * 2 }, def.typeDefs),
        },
        httpLimits: limits.http,
        httpRoutes: def.httpRoutes,
      });
      servers.push(server);
      logger.info({ url: server.url }, `${def.name} subgraph listening`);
      return server;
    },
    async stop() {
      await Promise.all(servers.splice(0).map((s) => s.close()));
      await relay.stop();
    },
  };
}
