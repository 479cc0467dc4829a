import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode } from 'graphql';

/**
 * Strings Postgres cannot store (a NUL character in text) are bad input, refused before
 * execution. Otherwise they reach SQL and come back as an internal error with the
 * statement in the log.
 */
// eslint-disable-next-line no-control-regex -- matching the NUL character is the point
const UNSTORABLE = /\u0000/;

export function hasUnstorable(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return UNSTORABLE.test(value);
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  return Object.values(value).some((v) => hasUnstorable(v, depth + 1));
}

export function documentHasUnstorable(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (UNSTORABLE.test(node.value)) found = true;
    },
  });
  return found;
}

/** True when the variables or the document's string literals hold text Postgres cannot store. */
export function hasUnstorableInput(document: DocumentNode, variables: unknown): boolean {
  return hasUnstorable(variables) || documentHasUnstorable(document);
}

export const unstorableInput = () =>
  new GraphQLError('Text must not contain NUL characters (\\u0000)', {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });

export function unstorableStringsPlugin<Ctx extends BaseContext>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          if (hasUnstorableInput(document, request.variables)) throw unstorableInput();
        },
      };
    },
  };
}

/**
 * Stops resolving once the request's deadline has passed: the client already got
 * REQUEST_TIMEOUT (apollo-http.ts), so every further field would be wasted work.
 */
export function deadlinePlugin<Ctx extends BaseContext & { signal?: AbortSignal }>(): ApolloServerPlugin<Ctx> {
  const expired = new GraphQLError('Request timed out', { extensions: { code: 'REQUEST_TIMEOUT' } });
  return {
    async requestDidStart() {
      return {
        async executionDidStart() {
          return {
            willResolveField({ contextValue }) {
              if (contextValue.signal?.aborted) throw expired;
            },
          };
        },
      };
    },
  };
}
