import type http from 'node:http';
import { HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
} from 'graphql';
import {
  documentHasUnstorable,
  enforceCost,
  hasUnstorable,
  isIntrospectionOnly,
  queryLimitRules,
  type Admit,
  type FastPath,
  type IncomingRequest,
  type QueryLimits,
  type RecordedOperation,
} from '@basket/platform';
import type { BasketEngine, ExecutionResult, Generation, PreparedOperation } from './engine/basket-engine';
import { BoundedCache } from './engine/bounded-cache';
import { clientName, operationName as metricName } from './telemetry';
import type { RouterContext } from './context';

/**
 * The router's hot path for the basket engine: a JSON POST of one operation is parsed and
 * validated once per document (then cached), checked against the same limits as Apollo
 * Server's pipeline (token cap, GraphQL Armor rules, expanded-field cap, NUL strings, cost
 * and admission, all from platform/src/server), planned once (cached) and executed by our
 * engine, its answer serialised once. Whatever it does not handle the way Apollo Server
 * would, byte for byte, it leaves to Apollo Server (on the same engine): GET, batches,
 * persisted queries, refusals before execution (their errors are Apollo's), introspection
 * (its answers are cached there), unusual Accept headers.
 */
export interface FastPathOptions {
  engine: BasketEngine;
  limits: QueryLimits;
  production: boolean;
  admit: Admit;
  buildContext(request: IncomingRequest): Promise<RouterContext>;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  record(operation: RecordedOperation): void;
  /** Called with the request's outcome, for the router's own metrics. */
  observe?(operation: { name: string; client: string; seconds: number; errors: boolean }): void;
}

interface CheckedDocument {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The cost when it cannot depend on variables (the operation has none). */
  fixedCost?: number;
}

/** The media types Apollo Server would pick for these Accept headers; any other goes to Apollo Server. */
const CONTENT_TYPES = new Map<string | undefined, string>([
  [undefined, 'application/json; charset=utf-8'],
  ['*/*', 'application/json; charset=utf-8'],
  ['application/json', 'application/json; charset=utf-8'],
  ['application/json, */*', 'application/json; charset=utf-8'],
  ['application/graphql-response+json, application/json;q=0.9', 'application/graphql-response+json; charset=utf-8'],
  ['application/graphql-response+json,application/json;q=0.9', 'application/graphql-response+json; charset=utf-8'],
  ['application/graphql-response+json', 'application/graphql-response+json; charset=utf-8'],
]);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function basketFastPath(options: FastPathOptions): FastPath {
  const { engine, limits } = options;
  const rules = [...specifiedRules, ...queryLimitRules(limits), ...(options.production ? [NoSchemaIntrospectionCustomRule] : [])];
  // Per generation: a reloaded schema validates documents anew.
  const documents = new WeakMap<Generation, BoundedCache<CheckedDocument | null>>();

  /** The parsed, validated document, or null when Apollo Server must answer (it reports the errors). */
  function checked(generation: Generation, query: string, operationName: string | undefined): CheckedDocument | null {
    let cache = documents.get(generation);
    if (!cache) documents.set(generation, (cache = new BoundedCache(1_000)));
    const key = `${operationName ?? ''}\u0000${query}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    let result: CheckedDocument | null = null;
    try {
      const document = parse(query, { maxTokens: limits.maxTokens });
      const operation = getOperationAST(document, operationName);
      const schema = generation.loaded.apiSchema;
      if (
        operation &&
        operation.operation !== 'subscription' &&
        !isIntrospectionOnly(document, operationName) &&
        !documentHasUnstorable(document) &&
        validate(schema, document, rules).length === 0
      ) {
        result = { document, operation };
        if (!operation.variableDefinitions?.length) {
          result.fixedCost = enforceCost({ schema, document, operationName }, limits.cost);
        }
      }
    } catch {
      result = null;
    }
    cache.set(key, result);
    return result;
  }

  return async ({ req, body, incoming }) => {
    if (req.method !== 'POST' || !isPlainObject(body) || !isJson(req)) return undefined;
    const contentType = CONTENT_TYPES.get(req.headers.accept);
    if (!contentType) return undefined;
    const { query, operationName, variables, extensions } = body;
    if (typeof query !== 'string' || extensions !== undefined) return undefined;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
    if (variables !== undefined && variables !== null && !isPlainObject(variables)) return undefined;
    const name = operationName ?? undefined;
    const given = variables ?? undefined;

    const started = process.hrtime.bigint();
    const generation = engine.generation;
    const schema = generation.loaded.apiSchema;
    const doc = checked(generation, query, name);
    if (!doc) return undefined;
    if (given && hasUnstorable(given)) return undefined;
    if (doc.operation.variableDefinitions?.length && getVariableValues(schema, doc.operation.variableDefinitions, given ?? {}).errors) {
      return undefined;
    }
    let cost = doc.fixedCost;
    if (cost === undefined) {
      try {
        cost = enforceCost({ schema, document: doc.document, operationName: name, variables: given }, limits.cost);
      } catch {
        return undefined;
      }
    }
    let prepared: PreparedOperation;
    try {
      prepared = engine.prepare(query, doc.document, name);
    } catch {
      return undefined;
    }
    let context: RouterContext;
    try {
      context = await options.buildContext(incoming);
    } catch {
      return undefined;
    }
    let release: () => void;
    try {
      release = await options.admit(cost, context.clientIp);
    } catch {
      return undefined;
    }
    let result: ExecutionResult;
    try {
      result = await engine.execute(prepared, given, context);
    } catch (err) {
      result = { errors: [err as Error] };
    } finally {
      release();
    }

    const errors = result.errors?.map((error) => formatOne(error, options.formatError));
    // Errors first, then data, then extensions, as Apollo Server orders them.
    const string = JSON.stringify({ errors, data: result.data, extensions: result.extensions }) + '\n';
    options.record({ started, operationName: name, selections: doc.operation.selectionSet.selections, errors, context });
    options.observe?.({
      name: metricName(name, doc.operation),
      client: clientName(req),
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      errors: !!errors?.length,
    });
    const response: HTTPGraphQLResponse = {
      status: statusOf(result),
      headers: new HeaderMap([
        ['cache-control', 'no-store'],
        ['content-type', contentType],
      ]),
      body: { kind: 'complete', string },
    };
    return response;
  };
}

/** JSON by its media type: a CORS-safe type with "application/json" in a parameter stays with Apollo's CSRF check. */
function isJson(req: http.IncomingMessage): boolean {
  const type = req.headers['content-type'];
  if (!type) return false;
  const semi = type.indexOf(';');
  return (semi < 0 ? type : type.slice(0, semi)).trim().toLowerCase() === 'application/json';
}

/** An error as Apollo Server formats it: a default code, `http` hints dropped, then the masking formatter. */
function formatOne(error: unknown, format: FastPathOptions['formatError']): GraphQLFormattedError {
  const graphqlError =
    error instanceof GraphQLError
      ? error
      : error instanceof Error
        ? new GraphQLError(error.message, { originalError: error })
        : new GraphQLError(`Unexpected error value: ${String(error)}`);
  const extensions: Record<string, unknown> = { ...graphqlError.extensions, code: graphqlError.extensions.code ?? 'INTERNAL_SERVER_ERROR' };
  delete extensions.http;
  try {
    return format({ ...graphqlError.toJSON(), extensions }, error);
  } catch {
    return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
}

/**
 * As Apollo Server sets it: a status an error asks for (extensions.http), else 400 when
 * errors came without data (nothing was executed), else 200.
 */
function statusOf(result: ExecutionResult): number {
  let status: number | undefined;
  for (const error of result.errors ?? []) {
    const http = (error as GraphQLError).extensions?.http as { status?: unknown } | undefined;
    if (typeof http?.status === 'number') status = http.status;
  }
  return status ?? (result.errors?.length && result.data === undefined ? 400 : 200);
}
