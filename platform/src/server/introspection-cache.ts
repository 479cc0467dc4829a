import { HeaderMap, type ApolloServerPlugin, type BaseContext, type GraphQLResponse } from '@apollo/server';
import { isIntrospectionOnly } from './cost';

/**
 * Answers an introspection-only operation from memory after its first execution. The
 * answer depends only on the schema and the document, and computing it is the most
 * expensive thing an anonymous client may ask in development (Sandbox sends it on every
 * page load). Bounded: at most `size` documents, the oldest dropped first.
 */
export function introspectionCachePlugin<Ctx extends BaseContext>(size = 50): ApolloServerPlugin<Ctx> {
  const cache = new Map<string, GraphQLResponse['body']>();
  return {
    async requestDidStart() {
      let key: string | undefined;
      return {
        async didResolveOperation({ document, operationName, request, schema }) {
          if (!isIntrospectionOnly(document, operationName)) return;
          // The schema is part of the key through the cache's owner: a new schema is a new server.
          key = JSON.stringify([request.query, operationName ?? null, request.variables ?? {}, schema.getQueryType()?.name]);
        },
        async responseForOperation() {
          const body = key ? cache.get(key) : undefined;
          return body ? { http: { status: undefined, headers: new HeaderMap() }, body } : null;
        },
        async willSendResponse({ response }) {
          if (!key || cache.has(key) || response.body.kind !== 'single' || response.body.singleResult.errors) return;
          if (cache.size >= size) cache.delete(cache.keys().next().value!);
          cache.set(key, response.body);
        },
      };
    },
  };
}
