import { operationFromDocument } from '@apollo/federation-internals';
import type { QueryPlan } from '@apollo/query-planner';
import { getOperationAST, GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { ROUTER_CREDENTIAL_HEADER } from '@basket/platform';
import type { RouterContext } from '../context';
import { executePlan, type NodeWrapper, type SubgraphAnswer, type SubgraphCall } from './plan-executor';
import type { Json } from './data-rewrites';
import { compileShape, shapeResponse, type OperationShape } from './response-shape';
import { loadSupergraph, type LoadedSupergraph } from './supergraph';
import { DEFAULT_SUBGRAPH_CLIENT, SubgraphClient, type SubgraphClientOptions } from './subgraph-client';
import { BoundedCache } from './bounded-cache';

/**
 * Basket's own engine: plans from @apollo/query-planner, cached per operation text and
 * name; execution, merging and shaping are ours (plan-executor.ts, response-shape.ts).
 * Everything derived from the supergraph lives in one generation, swapped whole on
 * reload: an operation in flight keeps the generation it started with.
 */
export interface PreparedOperation {
  generation: Generation;
  plan: QueryPlan;
  shape: OperationShape;
  operation: OperationDefinitionNode;
}

export interface ExecutionResult {
  errors?: (GraphQLError | Error)[];
  data?: Record<string, unknown> | null;
  extensions?: Record<string, unknown>;
}

export interface EngineHooks {
  /** A plan cache lookup, for the metrics. */
  planCache?(hit: boolean): void;
  /** Wraps each subgraph fetch (timing, spans); returns extra headers (traceparent). */
  fetch?(call: SubgraphCall, send: (headers: Record<string, string>) => Promise<SubgraphAnswer>): Promise<SubgraphAnswer>;
  /** Wraps each Fetch/Flatten plan node. */
  node?: NodeWrapper;
}

export interface BasketEngineOptions {
  supergraphSdl: string;
  client?: Partial<SubgraphClientOptions>;
  hooks?: EngineHooks;
  /** Plans kept per generation. */
  planCacheSize?: number;
}

export interface Generation {
  loaded: LoadedSupergraph;
  clients: Map<string, SubgraphClient>;
  plans: BoundedCache<PreparedOperation>;
}

export interface BasketEngine {
  /** The API schema of the current generation. */
  readonly schema: GraphQLSchema;
  readonly generation: Generation;
  /** Plans (or finds the plan of) a parsed, validated operation. */
  prepare(query: string, document: DocumentNode, operationName: string | null | undefined): PreparedOperation;
  /**
   * Runs the plan and shapes the answer. For a subscription, `event` is one event's data
   * from the primary fetch (router/src/subscriptions runs that one over graphql-ws): the
   * plan's `rest` resolves the fields other subgraphs own over it.
   */
  execute(
    prepared: PreparedOperation,
    variables: Record<string, unknown> | undefined,
    context: RouterContext,
    event?: Json,
  ): Promise<ExecutionResult>;
  /**
   * One entity fetch, reusable outside a plan (subscriptions resolve each event's other
   * fields with it): sends `query` with `representations` and returns data and errors.
   */
  fetchEntities(
    subgraph: string,
    query: string,
    representations: Record<string, unknown>[],
    variables: Record<string, unknown>,
    context: RouterContext,
  ): Promise<SubgraphAnswer>;
  /** Swaps in a new supergraph; operations in flight finish on the old one. */
  reload(supergraphSdl: string): void;
  onReload(listener: (schema: GraphQLSchema, sdl: string) => void): () => void;
  close(): Promise<void>;
}

const RETIRE_AFTER_MS = 60_000;

async function closeGeneration(generation: Generation): Promise<void> {
  await Promise.all([...generation.clients.values()].map((c) => c.close().catch(() => undefined)));
}

export function createBasketEngine(options: BasketEngineOptions): BasketEngine {
  const clientOptions = { ...DEFAULT_SUBGRAPH_CLIENT, ...options.client };
  const hooks = options.hooks ?? {};
  const listeners = new Set<(schema: GraphQLSchema, sdl: string) => void>();
  const retired = new Set<Generation>();

  const build = (sdl: string): Generation => {
    const loaded = loadSupergraph(sdl);
    const clients = new Map<string, SubgraphClient>();
    for (const [name, url] of Object.entries(loaded.subgraphUrls)) clients.set(name, new SubgraphClient(name, url, clientOptions));
    return { loaded, clients, plans: new BoundedCache(options.planCacheSize ?? 1_000) };
  };
  let current = build(options.supergraphSdl);

  async function send(generation: Generation, call: SubgraphCall, context: RouterContext): Promise<SubgraphAnswer> {
    const client = generation.clients.get(call.subgraph);
    if (!client) throw new Error(`Couldn't find service with name "${call.subgraph}"`);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [ROUTER_CREDENTIAL_HEADER]: await context.credentialFor(call.subgraph),
      'x-correlation-id': context.correlationId,
    };
    if (context.authorization) headers.authorization = context.authorization;
    if (context.acceptLanguage) headers['accept-language'] = context.acceptLanguage;
    const go = (extra: Record<string, string>) =>
      client.send({
        body: call.body,
        headers: { ...headers, ...extra },
        deadline: context.deadline,
        signal: context.fetchSignal,
        mutation: call.mutation,
      });
    return hooks.fetch ? hooks.fetch(call, go) : go({});
  }

  /** Identical root fetches within one request go out once; each later taker gets its own copy to merge. */
  function dedupingSender(generation: Generation, context: RouterContext) {
    const inFlight = new Map<string, Promise<SubgraphAnswer>>();
    return async (call: SubgraphCall): Promise<SubgraphAnswer> => {
      if (call.mutation || call.entities) return send(generation, call, context);
      const key = `${call.subgraph}\u0000${call.body}`;
      const pending = inFlight.get(key);
      if (pending) return structuredClone(await pending);
      const fresh = send(generation, call, context);
      inFlight.set(key, fresh);
      return fresh;
    };
  }

  const engine: BasketEngine = {
    get schema() {
      return current.loaded.apiSchema;
    },
    get generation() {
      return current;
    },
    prepare(query, document, operationName) {
      const generation = current;
      const key = `${operationName ?? ''}\u0000${query}`;
      const cached = generation.plans.get(key);
      hooks.planCache?.(!!cached);
      if (cached) return cached;
      const operation = getOperationAST(document, operationName);
      if (!operation)
        throw new GraphQLError(
          operationName
            ? `Unknown operation named "${operationName}".`
            : 'Must provide operation name if query contains multiple operations.',
        );
      const planned = operationFromDocument(generation.loaded.plannerApiSchema, document, { operationName: operationName ?? undefined });
      const prepared: PreparedOperation = {
        generation,
        plan: generation.loaded.planner.buildQueryPlan(planned),
        shape: compileShape(generation.loaded.apiSchema, document, operation),
        operation,
      };
      generation.plans.set(key, prepared);
      return prepared;
    },
    async execute(prepared, variables, context, event) {
      const { generation, shape } = prepared;
      const root = prepared.plan.node;
      const plan = root?.kind === 'Subscription' ? { ...prepared.plan, node: root.rest } : prepared.plan;
      const { data: input, errors } = await executePlan(
        plan,
        {
          send: dedupingSender(generation, context),
          supergraphSchema: generation.loaded.supergraphSchema,
          variables,
          defaults: shape.defaults,
          wrap: hooks.node,
        },
        event,
      );
      try {
        const shaped = shapeResponse(shape, input, variables);
        // As the reference engine: shaping errors that follow from a failed fetch are noise and
        // dropped; without one, they are reported aside, as "valueCompletion".
        if (!errors.length && shaped.errors.length) return { data: shaped.data, extensions: { valueCompletion: shaped.errors } };
        return errors.length ? { errors, data: shaped.data } : { data: shaped.data };
      } catch (err) {
        if (err instanceof GraphQLError) return { errors: [err] };
        return { errors: [new GraphQLError((err as Error).message, { originalError: err as Error })] };
      }
    },
    async fetchEntities(subgraph, query, representations, variables, context) {
      return send(
        current,
        {
          subgraph,
          body: JSON.stringify({ query, variables: { ...variables, representations } }),
          path: [],
          mutation: false,
          entities: true,
        },
        context,
      );
    },
    reload(sdl) {
      const next = build(sdl);
      const old = current;
      current = next;
      for (const listener of listeners) listener(next.loaded.apiSchema, sdl);
      // Old pools close once the operations that may still use them are done (none outlives its deadline).
      retired.add(old);
      setTimeout(() => {
        retired.delete(old);
        void closeGeneration(old);
      }, RETIRE_AFTER_MS).unref();
    },
    onReload(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await Promise.all([current, ...retired].map(closeGeneration));
    },
  };
  return engine;
}
