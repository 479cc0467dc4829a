import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

export interface QueryLimits {
  /** Deepest field nesting allowed; introspection (`__schema`, `__type`) is not counted. */
  maxDepth: number;
  /** Aliased fields per operation: aliases are how one request repeats an expensive field. */
  maxAliases: number;
}

/**
 * Defaults for a storefront: the deepest real query (product -> variants -> product ->
 * category -> parent) is well inside 10. The catalog's cycles (Category.parent/children,
 * Product.vendor/Vendor.products) otherwise let a 200-byte query exhaust the heap.
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 10, maxAliases: 30 };

/** A validation rule rejecting operations beyond the limits, before any resolver runs. */
export function queryLimitsRule(limits: QueryLimits = DEFAULT_QUERY_LIMITS) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

    function measure(set: SelectionSetNode, depth: number, visiting: Set<string>, counts: { aliases: number; depth: number }) {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue;
          if (selection.alias) counts.aliases += 1;
          counts.depth = Math.max(counts.depth, depth + 1);
          if (counts.depth > limits.maxDepth) return;
          if (selection.selectionSet) measure(selection.selectionSet, depth + 1, visiting, counts);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          measure(selection.selectionSet, depth, visiting, counts);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // Fragment cycles are reported by graphql's own NoFragmentCycles rule.
          if (!fragment || visiting.has(name)) continue;
          measure(fragment.selectionSet, depth, new Set([...visiting, name]), counts);
        }
      }
    }

    return {
      OperationDefinition(node) {
        const counts = { aliases: 0, depth: 0 };
        measure(node.selectionSet, 0, new Set(), counts);
        if (counts.depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(`Query is nested more than ${limits.maxDepth} levels deep`, { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
          );
        }
        if (counts.aliases > limits.maxAliases) {
          context.reportError(
            new GraphQLError(`Query uses ${counts.aliases} aliases; at most ${limits.maxAliases} are allowed`, { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
          );
        }
      },
    };
  };
}
