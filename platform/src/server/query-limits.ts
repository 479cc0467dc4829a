import { GraphQLError, Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { DEFAULT_COST_LIMITS, enforceCost, type CostLimits } from './cost';
import type { Admit } from './admission';

/**
 * The static limits of one operation, checked before anything runs. GraphQL Armor's
 * rules do the document walks: each fragment is measured once and its result reused at
 * every spread, so the work is linear in the document however often fragments spread
 * each other (a hand-written walk that re-entered every spread took 25 s on 1 KB).
 */
export interface QueryLimits {
  /** Deepest field nesting of data fields; fragments add no level. */
  maxDepth: number;
  /**
   * Deepest nesting counting introspection too. The standard introspection query nests
   * 13 levels (TypeRef's ofType chain), deeper than any storefront query, so it gets a
   * bound of its own instead of being exempt.
   */
  maxIntrospectionDepth: number;
  /** Aliased fields, `__typename` and `__schema` included: aliases are how one request repeats a field. */
  maxAliases: number;
  /** Directives per operation (each @include/@skip is work for the executor). */
  maxDirectives: number;
  /**
   * Field selections once every fragment is expanded. Ten spreads of a fragment that
   * spreads the next ten times is 10^8 fields to a query planner that expands fragments,
   * even where execution would merge them.
   */
  maxExpandedFields: number;
  /** Lexical tokens in the document, enforced by the parser before any rule runs. */
  maxTokens: number;
  /** The list-size based cost budget (see cost.ts). */
  cost: CostLimits;
}

/**
 * Defaults for a storefront: the deepest real query (product -> variants -> product ->
 * category -> parent) is well inside 10, a storefront page has a handful of aliases.
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxIntrospectionDepth: 15,
  maxAliases: 30,
  maxDirectives: 50,
  maxExpandedFields: 5_000,
  maxTokens: 5_000,
  cost: DEFAULT_COST_LIMITS,
};

/** Armor reports "Syntax Error: ..." by throwing; we report it as a validation error instead. */
function reportTo(what: string) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(
      new GraphQLError(`${what}: ${error.message.replace(/^Syntax Error:\s*/, '')}`, {
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    );
  };
}

/** Validation rules enforcing the limits; add them to graphql's specified rules. */
export function queryLimitRules(limits: QueryLimits = DEFAULT_QUERY_LIMITS): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    maxDepthRule({
      ...common,
      n: limits.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      onReject: [reportTo('Query too deep')],
    }),
    maxDepthRule({
      ...common,
      n: limits.maxIntrospectionDepth,
      ignoreIntrospection: false,
      flattenFragments: true,
      onReject: [reportTo('Query too deep')],
    }),
    maxAliasesRule({ ...common, n: limits.maxAliases, allowList: [], onReject: [reportTo('Too many aliases')] }),
    maxDirectivesRule({ ...common, n: limits.maxDirectives, onReject: [reportTo('Too many directives')] }),
    maxExpandedFieldsRule(limits.maxExpandedFields),
  ] as ValidationRule[];
}

/** Counts field selections with fragments expanded, measuring each fragment once. */
function maxExpandedFieldsRule(max: number): ValidationRule {
  return (context) => {
    const sizes = new Map<string, number>();
    const size = (set: SelectionSetNode): number =>
      set.selections.reduce((total, selection) => {
        if (selection.kind === Kind.FIELD) return total + 1 + (selection.selectionSet ? size(selection.selectionSet) : 0);
        if (selection.kind === Kind.INLINE_FRAGMENT) return total + size(selection.selectionSet);
        return total + fragmentSize(selection.name.value);
      }, 0);
    const fragmentSize = (name: string): number => {
      const known = sizes.get(name);
      if (known !== undefined) return known;
      sizes.set(name, 0); // cycles are NoFragmentCycles' to report
      const fragment = context.getFragment(name);
      const n = fragment ? size(fragment.selectionSet) : 0;
      sizes.set(name, n);
      return n;
    };
    return {
      OperationDefinition(node) {
        const n = size(node.selectionSet);
        if (n > max) {
          context.reportError(
            new GraphQLError(`Too many fields: ${n} once fragments are expanded; at most ${max} are allowed`, {
              nodes: [node],
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
            }),
          );
        }
      },
    };
  };
}

/**
 * The Apollo Server options and plugin that enforce the limits: the token cap in the
 * parser, the rules in validation, the cost estimate once the operation and its variables
 * are known. `budget` may pick a budget per request (the partner edge's per-client
 * budgets); `admit` may hold an expensive operation until a slot frees (admission.ts).
 */
export function queryLimitOptions<Ctx extends BaseContext>(
  limits: QueryLimits,
  options: { budget?: (context: Ctx) => number; admit?: Admit; clientOf?: (context: Ctx) => string } = {},
) {
  const plugin: ApolloServerPlugin<Ctx> = {
    async requestDidStart() {
      let release: (() => void) | undefined;
      return {
        async didResolveOperation({ document, operationName, request, schema, contextValue }) {
          const cost = enforceCost(
            { schema, document, operationName, variables: request.variables },
            limits.cost,
            options.budget?.(contextValue),
          );
          if (options.admit) release = await options.admit(cost, options.clientOf?.(contextValue) ?? 'unknown');
        },
        async willSendResponse() {
          release?.();
        },
      };
    },
  };
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: queryLimitRules(limits),
    plugin,
  };
}
