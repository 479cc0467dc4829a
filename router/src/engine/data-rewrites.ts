import type { FetchDataRewrite } from '@apollo/query-planner';
import { isAbstractType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';

/**
 * The planner's rewrites of what goes into and comes out of a fetch (renamed keys of
 * aliased conflicting fields, __typename of @interfaceObject types), applied the way the
 * reference engine applies them (gateway dataRewrites.ts).
 */
export type Json = Record<string, unknown>;

const FRAGMENT_PREFIX = '... on ';

export function applyRewrites(schema: GraphQLSchema, rewrites: FetchDataRewrite[] | undefined, value: unknown): void {
  if (!rewrites) return;
  for (const rewrite of rewrites) {
    if (!rewrite.path.length) continue;
    const parent = rewrite.path.slice(0, -1);
    const field = rewrite.path[rewrite.path.length - 1]!;
    applyAtPath(schema, parent, value, (obj) => {
      if (rewrite.kind === 'ValueSetter') {
        obj[field] = rewrite.setValueTo;
      } else {
        const own = Object.prototype.hasOwnProperty.call(obj, field) ? obj[field] : undefined;
        if (own) {
          obj[rewrite.renameKeyTo] = own;
          obj[field] = undefined;
        }
      }
    });
  }
}

function applyAtPath(schema: GraphQLSchema, path: string[], value: unknown, apply: (obj: Json) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) applyAtPath(schema, path, item, apply);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (!path.length) return apply(value as Json);
  const [first, ...rest] = path as [string, ...string[]];
  if (first.startsWith(FRAGMENT_PREFIX)) {
    if (isObjectOfType(schema, value as Json, first.slice(FRAGMENT_PREFIX.length), true)) applyAtPath(schema, rest, value, apply);
  } else {
    applyAtPath(schema, rest, Object.prototype.hasOwnProperty.call(value, first) ? (value as Json)[first] : undefined, apply);
  }
}

export function isObjectOfType(schema: GraphQLSchema, obj: Json, typeCondition: string, unknownTypename = false): boolean {
  const typename = obj.__typename;
  if (!typename) return unknownTypename;
  if (typename === typeCondition) return true;
  const type = schema.getType(typename as string);
  const condition = schema.getType(typeCondition);
  if (!type || !condition) return false;
  return isAbstractType(condition) && (isObjectType(type) || isInterfaceType(type)) && schema.isSubType(condition, type);
}
