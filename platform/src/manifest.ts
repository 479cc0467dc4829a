import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { Config } from './config';
import type { Db } from './db/database';
import type { EventHandlers } from './events/consumer';
import type { EventTables } from './events/tables';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import type { PlatformDeps } from './platform';
import type { RequestBase } from './server/request-context';
import type { HttpRoute } from './server/subgraph-server';
import { buildLoaders, type LoaderSpec, type LoadersOf } from './loaders';
import { instantiateSubgraph, outboxPublisher, type Publish, type Subgraph } from './subgraph';

/** What a manifest's factories are given: the process's platform and the subgraph's own handles. */
export interface SubgraphEnv {
  name: string;
  deps: PlatformDeps;
  config: Config;
  logger: Logger;
  metrics: Metrics;
  db: Db;
  /** Writes events to this subgraph's outbox, in the caller's transaction. */
  publish: Publish;
}

export type EnvWithServices<S> = SubgraphEnv & { services: S };

/**
 * A subgraph, declared once. Everything but the resolvers: they are typed by the context
 * this declaration infers, so they are attached after it (`withResolvers`).
 */
export interface SubgraphSpec<N extends string, S, L, R> {
  /** Also the Postgres schema, the Kafka consumer group, the `<name>.events` topic and supergraph.yaml's key. */
  name: N;
  /** The package folder: `path.join(__dirname, '..')`. Holds schema.graphql and src/db/migrations. */
  root: string;
  /** The outbox, processed_events and dead_letters tables, in `pgSchema(name)` (see eventTables). */
  tables: EventTables;
  /** Only accounts: a process running it needs the private signing key. */
  issuesTokens?: boolean;
  /** Built once per process; every request shares them. */
  services?(env: SubgraphEnv): S;
  /** Specs built once per process; the DataLoaders are built fresh for every request. */
  loaders?(env: EnvWithServices<S>): L;
  /** Per-request mutable state merged into the context (e.g. accounts' provenUserIds). */
  requestState?(): R;
  /** Handlers for the facts this subgraph consumes (each effect commits with its processed_events row). */
  consumers?(env: EnvWithServices<S>): EventHandlers;
  /** Idempotent demo data for embedded mode; runs after migrations. */
  seed?(env: EnvWithServices<S>): Promise<void>;
  /** Refuses to start (throws, with the reason) when the data is unsafe to serve; runs after migrations. */
  preflight?(env: EnvWithServices<S>): Promise<void>;
  /** Plain HTTP endpoints beside /graphql by exact path (payments' provider webhook). */
  httpRoutes?(env: EnvWithServices<S>): Record<string, HttpRoute>;
}

/** The request context of a subgraph: the platform's request scope plus what its manifest declares. */
export type SubgraphContext<S, L, R> = RequestBase & { services: S; loaders: LoadersOf<L> } & R;

/** A complete subgraph: what the registry lists, the stack and the standalone runner start. */
export interface SubgraphManifest<N extends string = string, Ctx extends RequestBase = RequestBase> {
  readonly name: N;
  readonly issuesTokens: boolean;
  /** Builds the subgraph for one process (services once; loaders per request). */
  create(deps: PlatformDeps): Subgraph<Ctx>;
}

export interface SubgraphDeclaration<N extends string, Ctx extends RequestBase> {
  readonly name: N;
  /** Type-only: never set at runtime; `ContextOf` reads it. */
  readonly $context?: Ctx;
  /** Completes the manifest; resolvers are typed by codegen with `ContextOf<typeof declaration>`. */
  withResolvers(resolvers: object): SubgraphManifest<N, Ctx>;
}

/** The request context a declaration infers: `export type InventoryContext = ContextOf<typeof inventory>`. */
export type ContextOf<D> = D extends SubgraphDeclaration<string, infer C> ? C : never;

/**
 * Declares a subgraph: name, tables, services, loaders, consumers, seed. The context type
 * is inferred from it, and one generic runner (stack or standalone) starts it.
 */
export function defineSubgraph<
  const N extends string,
  S = Record<string, never>,
  L extends Record<string, LoaderSpec<never, unknown>> = Record<string, never>,
  R extends object = Record<string, never>,
>(spec: SubgraphSpec<N, S, L, R>): SubgraphDeclaration<N, SubgraphContext<S, L, R>> {
  const schemaName = getTableConfig(spec.tables.outbox).schema;
  if (schemaName !== spec.name) {
    throw new Error(`subgraph ${spec.name}: its tables are in pgSchema('${schemaName}'); use pgSchema('${spec.name}')`);
  }
  return {
    name: spec.name,
    withResolvers: (resolvers) => ({
      name: spec.name,
      issuesTokens: spec.issuesTokens ?? false,
      create: (deps) => createFromSpec(spec, resolvers, deps),
    }),
  };
}

function createFromSpec<N extends string, S, L extends Record<string, LoaderSpec<never, unknown>>, R extends object>(
  spec: SubgraphSpec<N, S, L, R>,
  resolvers: object,
  deps: PlatformDeps,
): Subgraph<SubgraphContext<S, L, R>> {
  const { name, root } = spec;
  const env: SubgraphEnv = {
    name,
    deps,
    config: deps.config,
    logger: deps.logger.child({ subgraph: name }),
    metrics: deps.metrics,
    db: deps.database.db,
    publish: outboxPublisher(name, spec.tables),
  };
  const services = (spec.services?.(env) ?? {}) as S;
  const withServices: EnvWithServices<S> = { ...env, services };
  const loaderSpecs = (spec.loaders?.(withServices) ?? {}) as L;
  return instantiateSubgraph<SubgraphContext<S, L, R>>(deps, {
    name,
    typeDefs: parse(fs.readFileSync(path.join(root, 'schema.graphql'), 'utf8')),
    resolvers,
    tables: spec.tables,
    migrationsFolder: path.join(root, 'src', 'db', 'migrations'),
    consumers: spec.consumers?.(withServices),
    context: (base) => ({
      ...base,
      services,
      loaders: buildLoaders(loaderSpecs, deps.metrics, name, base),
      ...((spec.requestState?.() ?? {}) as R),
    }),
    seed: spec.seed && (() => spec.seed!(withServices)),
    preflight: spec.preflight && (() => spec.preflight!(withServices)),
    httpRoutes: spec.httpRoutes?.(withServices),
  });
}

/**
 * Every subgraph the repository builds, keyed by its supergraph.yaml name. The key must
 * be the manifest's own name: `{ inventory: ordersManifest }` does not compile.
 */
export function defineRegistry<T extends { [K in keyof T]: SubgraphManifest<K & string> }>(registry: T): T {
  return registry;
}
