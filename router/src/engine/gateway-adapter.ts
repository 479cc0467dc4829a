import type { GatewayExecutionResult, GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';
import { ERRORS } from '@apollo/federation-internals';
import { getVariableValues, Kind, type DocumentNode, type GraphQLError } from 'graphql';
import type { RouterContext } from '../context';
import type { BasketEngine } from './basket-engine';

/**
 * The engine behind Apollo Server's gateway interface: requests that do not take the
 * router's fast path (GET, batches, Sandbox's introspection, anything refused before
 * execution) still run through Apollo Server's pipeline and its plugins, on our engine.
 */
export function engineGateway(engine: BasketEngine): GatewayInterface {
  const callbacks = new Set<GatewaySchemaLoadOrUpdateCallback>();
  const unsubscribe = engine.onReload((apiSchema, coreSupergraphSdl) => {
    for (const callback of callbacks) callback({ apiSchema, coreSupergraphSdl });
  });
  return {
    onSchemaLoadOrUpdate(callback) {
      callbacks.add(callback);
      return () => callbacks.delete(callback);
    },
    async load() {
      for (const callback of callbacks) callback({ apiSchema: engine.schema, coreSupergraphSdl: engine.generation.loaded.sdl });
      return {
        async executor(requestContext): Promise<GatewayExecutionResult> {
          const { request, document } = requestContext;
          // Apollo Server calls the executor even when no operation was picked; answer as the reference engine does.
          const operation = requestContext.operation as typeof requestContext.operation | undefined;
          if (!operation) return { errors: [missingOperation(document, request.operationName)] };
          // Variables are checked here, as the reference engine does, since no graphql-js execute runs.
          if (operation.variableDefinitions?.length) {
            const { errors } = getVariableValues(requestContext.schema, operation.variableDefinitions, request.variables ?? {});
            if (errors) return { errors };
          }
          const prepared = engine.prepare(requestContext.source, document, request.operationName);
          const result = await engine.execute(prepared, request.variables, requestContext.context as RouterContext);
          return result as GatewayExecutionResult;
        },
      };
    },
    async stop() {
      unsubscribe();
      callbacks.clear();
    },
  };
}

function missingOperation(document: DocumentNode, operationName: string | undefined): GraphQLError {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
  if (!operationName && operations > 1)
    return ERRORS.INVALID_GRAPHQL.err('Must provide operation name if query contains multiple operations.');
  return ERRORS.INVALID_GRAPHQL.err(operationName ? `Unknown operation named "${operationName}".` : 'Must provide an operation.');
}
