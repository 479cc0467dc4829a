import type { FetchNode } from '@apollo/query-planner';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { FormattedExecutionResult } from 'graphql-ws';
import type { IncomingRequest, Viewer } from '@basket/platform';
import type { BasketEngine, ExecutionResult, PreparedOperation } from '../engine/basket-engine';
import type { RouterContext } from '../context';
import { applyRewrites, type Json } from '../engine/data-rewrites';
import { downstreamServiceError } from '../engine/plan-executor';
import { ClientStream } from './client-stream';
import { SubscriptionEnded, subscriptionErrors } from './errors';
import type { UpstreamPool } from './upstream';

/**
 * Runs one client's subscription: the plan's `primary` fetch goes to its subgraph over a
 * shared graphql-ws upstream (upstream.ts); for each event, the engine runs the plan's
 * `rest` over the event's data (fields other subgraphs own, as ordinary entity fetches)
 * and shapes the answer with the operation's shape. Clients of one upstream that sent the
 * same operation and variables share each event's resolution.
 */
export interface ClientRequest {
  /** What the client sent to authenticate and describe itself (connection_init, or the HTTP request). */
  incoming: IncomingRequest;
  /** Verified from `incoming.authorization` when the client connected. */
  viewer: Viewer | null;
}

export interface SubscriptionRunnerOptions {
  engine: BasketEngine;
  pool: UpstreamPool;
  /** The router's request context (credential per subgraph, deadline), built afresh for each event. */
  buildContext(request: IncomingRequest): Promise<RouterContext>;
  /** Events a client may have waiting before it is ended as too slow. */
  queueBound: number;
  /** Told the number of open client subscriptions whenever it changes (a metric). */
  onCount?(clients: number): void;
}

export interface SubscriptionRunner {
  /** The client's stream, or errors refusing the operation before anything was sent upstream. */
  subscribe(
    prepared: PreparedOperation,
    variables: Record<string, unknown> | undefined,
    client: ClientRequest,
  ): ClientStream | { errors: GraphQLError[] };
  /** Ends every client subscription with `error` (supergraph reload, shutdown). */
  endAll(error: () => GraphQLError): void;
  /** Client subscriptions open. */
  readonly clients: number;
}

/** Longest a timer may be set for in Node (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Who the subgraph sees and in what language it answers: clients differing in either never share an upstream. */
function identityOf(client: ClientRequest): string {
  const { viewer } = client;
  const who = viewer ? `${viewer.userId}|${viewer.role}|${viewer.expiresAt?.getTime() ?? ''}` : 'anonymous';
  return `${who}|${client.incoming.acceptLanguage ?? ''}`;
}

function primaryVariables(fetch: FetchNode, given: Record<string, unknown> | undefined): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const name of fetch.variableUsages ?? []) {
    if (given && Object.prototype.hasOwnProperty.call(given, name) && given[name] !== undefined) variables[name] = given[name];
  }
  return variables;
}

const asErrors = (subgraph: string, errors: readonly GraphQLFormattedError[] | undefined): GraphQLError[] =>
  (errors ?? []).map((error) => downstreamServiceError(error, subgraph, (path) => path));

export function createSubscriptionRunner(options: SubscriptionRunnerOptions): SubscriptionRunner {
  const { engine, pool } = options;
  const streams = new Set<ClientStream>();
  // One resolution per event for the clients of an upstream that asked the same thing.
  const resolutions = new WeakMap<FormattedExecutionResult<Record<string, unknown>, unknown>, Map<string, Promise<ExecutionResult>>>();
  const preparedIds = new WeakMap<PreparedOperation, number>();
  let nextPreparedId = 0;
  const idOf = (prepared: PreparedOperation) => {
    let id = preparedIds.get(prepared);
    if (id === undefined) preparedIds.set(prepared, (id = nextPreparedId++));
    return id;
  };

  async function resolveEvent(
    prepared: PreparedOperation,
    primary: FetchNode,
    variables: Record<string, unknown> | undefined,
    client: ClientRequest,
    event: FormattedExecutionResult<Record<string, unknown>, unknown>,
  ): Promise<ExecutionResult> {
    const primaryErrors = asErrors(primary.serviceName, event.errors);
    if (!event.data) return { data: null, errors: primaryErrors.length ? primaryErrors : undefined };
    let context: RouterContext;
    try {
      context = await options.buildContext(client.incoming);
    } catch {
      // The token was good when the client subscribed; it is not any more.
      throw new SubscriptionEnded([subscriptionErrors.tokenExpired()]);
    }
    // Each resolution merges into its own copy: clients asking for different fields share the event.
    const data = structuredClone(event.data) as Json;
    applyRewrites(prepared.generation.loaded.supergraphSchema, primary.outputRewrites, data);
    const result = await engine.execute(prepared, variables, context, data);
    const errors = [...primaryErrors, ...(result.errors ?? [])];
    return errors.length ? { ...result, errors } : { data: result.data, extensions: result.extensions };
  }

  return {
    subscribe(prepared, variables, client) {
      const root = prepared.plan.node;
      if (root?.kind !== 'Subscription') return { errors: [new GraphQLError('Not a subscription operation')] };
      const primary = root.primary;
      const subgraph = primary.serviceName;
      const url = prepared.generation.loaded.subgraphUrls[subgraph];
      if (!url) return { errors: [new GraphQLError(`Couldn't find service with name "${subgraph}"`)] };
      const identity = identityOf(client);
      const resolveKey = `${idOf(prepared)}|${JSON.stringify(variables ?? {})}`;

      let timer: NodeJS.Timeout | undefined;
      let leave = () => undefined as void;
      const stream = new ClientStream(
        options.queueBound,
        () => {
          clearTimeout(timer);
          streams.delete(stream);
          options.onCount?.(streams.size);
          leave();
        },
        subscriptionErrors.tooSlow,
      );
      streams.add(stream);
      options.onCount?.(streams.size);

      const expiresAt = client.viewer?.expiresAt?.getTime();
      if (expiresAt !== undefined) {
        timer = setTimeout(
          () => stream.end([subscriptionErrors.tokenExpired()]),
          Math.min(Math.max(expiresAt - Date.now(), 0), MAX_TIMER_MS),
        );
        timer.unref();
      }

      leave = pool.join(
        {
          subgraph,
          url,
          query: primary.operation,
          operationName: primary.operationName,
          variables: primaryVariables(primary, variables),
          identity,
          connectionParams: async () => {
            const context = await options.buildContext(client.incoming);
            return {
              routerCredential: await context.credentialFor(subgraph),
              ...(client.incoming.acceptLanguage ? { 'accept-language': client.incoming.acceptLanguage } : {}),
            };
          },
        },
        {
          event(result) {
            let shared = resolutions.get(result);
            if (!shared) resolutions.set(result, (shared = new Map()));
            let resolution = shared.get(resolveKey);
            if (!resolution) shared.set(resolveKey, (resolution = resolveEvent(prepared, primary, variables, client, result)));
            stream.push(resolution);
          },
          end(error) {
            if (!error) return stream.end();
            stream.end(error instanceof GraphQLError ? [error] : asErrors(subgraph, error));
          },
        },
      );
      return stream;
    },
    endAll(error) {
      for (const stream of [...streams]) stream.end([error()]);
    },
    get clients() {
      return streams.size;
    },
  };
}
