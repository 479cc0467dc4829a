import type { ConditionNode, FetchNode, PlanNode, QueryPlan, QueryPlanSelectionNode } from '@apollo/query-planner';
import { errorCodeDef, ERRORS } from '@apollo/federation-internals';
import { GraphQLError, type GraphQLErrorOptions, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { applyRewrites, isObjectOfType, type Json } from './data-rewrites';
import { deepMerge } from './deep-merge';

/**
 * Runs a query plan: plain data walked by one switch. Fetches write into one shared
 * result; a failing fetch adds its errors and leaves its part of the result missing, and
 * the plan goes on (shaping later turns what is missing into nulls). The rules follow the
 * reference engine (gateway executeQueryPlan.ts) so both engines answer alike.
 */
export interface SubgraphCall {
  subgraph: string;
  /** The request body, serialised once; identical bodies in one request are sent once. */
  body: string;
  /** The fetch's place in the response, for logs and spans. */
  path: (string | number)[];
  mutation: boolean;
  /** An entity fetch (with representations): too large and too rarely repeated to deduplicate. */
  entities: boolean;
}

/** What a subgraph answered, parsed. Transport failures throw (a GraphQLError naming the subgraph). */
export interface SubgraphAnswer {
  data?: Json | null;
  errors?: GraphQLFormattedError[];
}

export type SubgraphSender = (call: SubgraphCall) => Promise<SubgraphAnswer>;

/** Hooks for telemetry: wraps each plan node's run. */
export type NodeWrapper = <T>(node: PlanNode, run: () => Promise<T>) => Promise<T>;

export interface PlanRun {
  send: SubgraphSender;
  supergraphSchema: GraphQLSchema;
  /** The client's variables as sent (subgraphs coerce them, with the operation's defaults). */
  variables: Record<string, unknown> | undefined;
  /** The operation's variable defaults, for Condition nodes. */
  defaults: Record<string, unknown>;
  wrap?: NodeWrapper;
}

type ResponsePath = (string | number)[];

interface Cursor {
  path: ResponsePath;
  data: Json | Json[];
  fullResult: Json;
}

/**
 * `initial` is where fetches write: empty for an operation; for a subscription event, the
 * data its primary fetch delivered, which the plan's `rest` completes (router/src/subscriptions).
 */
export async function executePlan(
  plan: QueryPlan,
  run: PlanRun,
  initial: Json = {},
): Promise<{ data: Json; errors: (GraphQLError | Error)[] }> {
  const data: Json = initial;
  const errors: (GraphQLError | Error)[] = [];
  const node = plan.node;
  if (node?.kind === 'Subscription') throw new Error('Subscriptions are executed by the subscription layer, not as a query plan');
  if (node) await executeNode({ run, errors }, node, { path: [], data, fullResult: data });
  return { data, errors };
}

interface Context {
  run: PlanRun;
  errors: (GraphQLError | Error)[];
}

async function executeNode(context: Context, node: PlanNode, cursor: Cursor | undefined): Promise<void> {
  if (!cursor) return;
  const wrap = context.run.wrap;
  if (wrap) return wrap(node, () => executeInner(context, node, cursor));
  return executeInner(context, node, cursor);
}

async function executeInner(context: Context, node: PlanNode, cursor: Cursor): Promise<void> {
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await executeNode(context, child, cursor);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => executeNode(context, child, cursor)));
      return;
    case 'Flatten':
      return executeNode(context, node.node, moveIntoCursor(cursor, node.path));
    case 'Fetch':
      try {
        await executeFetch(context, node, cursor);
      } catch (err) {
        context.errors.push(err as Error);
      }
      return;
    case 'Condition': {
      const branch = evaluateCondition(node, context.run) ? node.ifClause : node.elseClause;
      if (branch) await executeNode(context, branch, cursor);
      return;
    }
    case 'Defer':
      throw new Error('@defer is not supported by this router');
  }
}

function evaluateCondition(node: ConditionNode, run: PlanRun): boolean {
  let value =
    run.variables && Object.prototype.hasOwnProperty.call(run.variables, node.condition) ? run.variables[node.condition] : undefined;
  if (value === undefined) value = run.defaults[node.condition];
  if (typeof value !== 'boolean') throw new Error(`Invalid non-boolean value ${String(value)} for Boolean! variable $${node.condition}`);
  return value;
}

async function executeFetch(context: Context, fetch: FetchNode, cursor: Cursor): Promise<void> {
  const { run } = context;
  const entities: Json[] = Array.isArray(cursor.data) ? cursor.data.filter((e) => e !== null && e !== undefined) : [cursor.data];
  if (!entities.length) return;

  // No prototype: a variable named __proto__ is a variable like any other.
  const variables: Json = Object.create(null) as Json;
  for (const name of fetch.variableUsages ?? []) {
    const given = run.variables;
    if (given && Object.prototype.hasOwnProperty.call(given, name) && given[name] !== undefined) variables[name] = given[name];
  }
  const send = async (vars: Json) => {
    const answer = await run.send({
      subgraph: fetch.serviceName,
      body: requestBody(fetch, vars),
      path: cursor.path,
      mutation: fetch.operationKind === 'mutation',
      entities: !!fetch.requires,
    });
    if (answer.errors) {
      const pathOf = errorPathGenerator(fetch, cursor);
      for (const error of answer.errors) context.errors.push(downstreamServiceError(error, fetch.serviceName, pathOf));
    }
    return answer.data;
  };

  if (!fetch.requires) {
    const received = await send(variables);
    if (received) applyRewrites(run.supergraphSchema, fetch.outputRewrites, received);
    for (const entity of entities) deepMerge(entity, received);
    return;
  }

  const representations: Json[] = [];
  const representationToEntity: number[] = [];
  entities.forEach((entity, index) => {
    const representation = selectRequires(run.supergraphSchema, entity, fetch.requires!);
    if (representation && representation.__typename) {
      applyRewrites(run.supergraphSchema, fetch.inputRewrites, representation);
      representations.push(representation);
      representationToEntity.push(index);
    }
  });
  if (!representations.length) return;
  if ('representations' in variables) throw new Error('Variables cannot contain key "representations"');

  const received = await send({ ...variables, representations });
  if (!received) return;
  const list = received._entities;
  if (!Array.isArray(list)) throw new Error('Expected "data._entities" in response to be an array');
  if (list.length !== representations.length) throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
  for (let i = 0; i < list.length; i++) {
    const entity = entities[representationToEntity[i]!]!;
    const got = list[i] as Json | null;
    if (got && !got.__typename) got.__typename = entity.__typename;
    applyRewrites(run.supergraphSchema, fetch.outputRewrites, got);
    deepMerge(entity, got);
  }
}

/** The JSON text of a fetch's query, escaped once per plan rather than once per request. */
const queryJson = new WeakMap<FetchNode, { head: string; tail: string }>();

/** The request body `{"query":…,"variables":…,"operationName":…}`, serialising only the variables per request. */
function requestBody(fetch: FetchNode, variables: Json): string {
  let parts = queryJson.get(fetch);
  if (!parts) {
    parts = {
      head: `{"query":${JSON.stringify(fetch.operation)},"variables":`,
      tail: fetch.operationName === undefined ? '}' : `,"operationName":${JSON.stringify(fetch.operationName)}}`,
    };
    queryJson.set(fetch, parts);
  }
  return parts.head + JSON.stringify(variables) + parts.tail;
}

/** An entity's representation: the `requires` selection applied to what is already known. */
function selectRequires(schema: GraphQLSchema, source: Json | null, selections: QueryPlanSelectionNode[]): Json | null {
  if (source === null) return null;
  const result: Json = {};
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const name = selection.alias ?? selection.name;
      const value = Object.prototype.hasOwnProperty.call(source, name) ? source[name] : undefined;
      // A missing input means it failed earlier (and was reported there): skip this entity.
      if (value === undefined) return null;
      const inner = selection.selections;
      if (Array.isArray(value)) result[name] = value.map((v) => (inner ? selectRequires(schema, v as Json | null, inner) : v));
      else result[name] = inner ? selectRequires(schema, value as Json | null, inner) : value;
    } else if (selection.typeCondition && isObjectOfType(schema, source, selection.typeCondition)) {
      deepMerge(result, selectRequires(schema, source, selection.selections));
    }
  }
  return result;
}

function moveIntoCursor(cursor: Cursor, path: ResponsePath): Cursor | undefined {
  const data = flattenAtPath(cursor.data, path);
  return data ? { path: cursor.path.concat(path), data: data as Json | Json[], fullResult: cursor.fullResult } : undefined;
}

/**
 * The values at `path` ('@' steps into every element of a list), flattened into one list
 * as the reference engine's recursive flatMap does; nulls on the way are kept (and later
 * skipped as entities). A path without '@' gives the single value.
 */
function flattenAtPath(value: unknown, path: ResponsePath): unknown {
  if (!path.length || value === undefined || value === null) return value;
  let items: unknown[] = [value];
  let many = false;
  for (const head of path) {
    const next: unknown[] = [];
    for (const item of items) {
      if (item === undefined || item === null) next.push(item);
      else if (head === '@') {
        many = true;
        for (const element of item as unknown[]) next.push(element);
      } else {
        if (Array.isArray(item)) throw new Error(`Unexpected array in result for path element ${String(head)}`);
        next.push(Object.prototype.hasOwnProperty.call(item, head as string) ? (item as Json)[head as string] : undefined);
      }
    }
    items = next;
  }
  if (!many) return items[0];
  // flatMap also flattens a list found at the end of the path.
  const flat: unknown[] = [];
  for (const item of items) {
    if (Array.isArray(item)) for (const element of item) flat.push(element);
    else flat.push(item);
  }
  return flat;
}

type ErrorPath = GraphQLErrorOptions['path'];

/** Maps a subgraph error's path (`_entities.3.name`) onto the client's response. */
function errorPathGenerator(fetch: FetchNode, cursor: Cursor): (path: ErrorPath) => ErrorPath {
  let hydrated: ResponsePath[] | undefined;
  return (errorPath) => {
    if (fetch.requires && typeof errorPath?.[1] === 'number') {
      if (!hydrated) {
        hydrated = [];
        hydratePaths([], cursor.path, cursor.fullResult, hydrated);
      }
      return [...(hydrated[errorPath[1]] ?? []), ...errorPath.slice(2)];
    }
    return errorPath ? [...cursor.path, ...errorPath] : undefined;
  };
}

function hydratePaths(parent: ResponsePath, path: ResponsePath, data: unknown, result: ResponsePath[]): void {
  if (data === null || data === undefined) return;
  const head = path[0];
  if (head === undefined) {
    result.push(parent.slice());
  } else if (head === '@') {
    if (!Array.isArray(data)) throw new Error('expected array when encountering `@`');
    data.forEach((value, i) => {
      parent.push(i);
      hydratePaths(parent, path.slice(1), value, result);
      parent.pop();
    });
  } else if (Array.isArray(data)) {
    data.forEach((value, i) => {
      parent.push(i);
      hydratePaths(parent, path, value, result);
      parent.pop();
    });
  } else if (Object.prototype.hasOwnProperty.call(data, head)) {
    parent.push(head);
    hydratePaths(parent, path.slice(1), (data as Json)[head as string], result);
    parent.pop();
  }
}

/** A subgraph's error as the client sees it: its path moved into the response, the subgraph named. */
export function downstreamServiceError(
  original: GraphQLFormattedError,
  serviceName: string,
  pathOf: (path: ErrorPath) => ErrorPath,
): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const options: GraphQLErrorOptions = {
    originalError: original as Error,
    path: pathOf(original.path as ErrorPath),
    extensions: { ...original.extensions, serviceName },
  };
  const codeDef = errorCodeDef(original as never);
  if (!codeDef && original.extensions?.code) return new GraphQLError(message, options);
  return (codeDef ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}
