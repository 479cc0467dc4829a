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
import { enforceCost, hasUnstorableInput, queryLimitRules, unstorableInput, type QueryLimits } from '@basket/platform';
import type { BasketEngine, PreparedOperation } from '../engine/basket-engine';

/**
 * An operation arriving over graphql-ws or multipart HTTP, checked against the same
 * limits as over plain HTTP (token cap, GraphQL Armor rules, NUL strings, variables,
 * cost) and planned by the engine. Subscriptions are rare enough that nothing is cached
 * beyond the engine's plans.
 */
export interface OperationPayload {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

export type CheckedOperation =
  | {
      prepared: PreparedOperation;
      document: DocumentNode;
      operation: OperationDefinitionNode;
      variables: Record<string, unknown> | undefined;
    }
  | { errors: GraphQLError[] };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const badRequest = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } });

export function checkOperation(
  engine: BasketEngine,
  limits: QueryLimits,
  production: boolean,
  payload: OperationPayload,
): CheckedOperation {
  const { query, operationName, variables } = payload;
  if (typeof query !== 'string') return { errors: [badRequest('"query" must be a string')] };
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    return { errors: [badRequest('"operationName" must be a string')] };
  if (variables !== undefined && variables !== null && !isPlainObject(variables))
    return { errors: [badRequest('"variables" must be an object')] };
  const name = operationName ?? undefined;
  const given = variables ?? undefined;
  const schema = engine.schema;
  try {
    const document = parse(query, { maxTokens: limits.maxTokens });
    const rules = [...specifiedRules, ...queryLimitRules(limits), ...(production ? [NoSchemaIntrospectionCustomRule] : [])];
    const invalid = validate(schema, document, rules);
    if (invalid.length) return { errors: [...invalid] };
    const operation = getOperationAST(document, name);
    if (!operation)
      return {
        errors: [
          badRequest(name ? `Unknown operation named "${name}".` : 'Must provide operation name if query contains multiple operations.'),
        ],
      };
    if (hasUnstorableInput(document, given)) return { errors: [unstorableInput()] };
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], given ?? {});
    if (coerced.errors) return { errors: [...coerced.errors] };
    enforceCost({ schema, document, operationName: name, variables: given }, limits.cost);
    return { prepared: engine.prepare(query, document, name), document, operation, variables: given };
  } catch (err) {
    return { errors: [err instanceof GraphQLError ? err : new GraphQLError((err as Error).message, { originalError: err as Error })] };
  }
}

/** An error as the router's other answers give it: a default code, then the router's masking formatter. */
export function formatFor(mask: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError) {
  return (error: unknown): GraphQLFormattedError => {
    const graphqlError =
      error instanceof GraphQLError
        ? error
        : new GraphQLError(error instanceof Error ? error.message : String(error), { originalError: error as Error });
    const extensions: Record<string, unknown> = {
      ...graphqlError.extensions,
      code: graphqlError.extensions.code ?? 'INTERNAL_SERVER_ERROR',
    };
    delete extensions.http;
    return mask({ ...graphqlError.toJSON(), extensions }, error);
  };
}
