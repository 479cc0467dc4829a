import {
  getNamedType,
  GraphQLError,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type ArgumentNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * A static estimate of what an operation makes the servers do, computed from the
 * document and its variables before anything runs, in the spirit of Apollo Router's
 * demand control and the IBM GraphQL cost spec: every object costs 1, scalars cost 0,
 * and a list multiplies the cost of its items by its expected length. The length is the
 * slicing argument when the field has one (`first: 100`), the number of representations
 * for `_entities`, else a configured size per field or a default. The partner edge will
 * add `@cost`/`@listSize` and per-client budgets: both plug into `listSize` and `budget`.
 */
export interface CostLimits {
  /** The budget: an operation estimated above it is refused before execution. */
  maxCost: number;
  /** Assumed length of a list field without a slicing argument. */
  defaultListSize: number;
  /** Assumed lengths for particular list fields, as "Type.field". */
  listSizes: Record<string, number>;
  /** Arguments whose value bounds a list's length. */
  slicingArguments: string[];
  /** `_entities` refuses more representations than this outright. */
  maxEntityRepresentations: number;
}

/**
 * A storefront's 100-product page with variants, vendor and category is about 1,500;
 * the attack of the hardening issue (30 aliased 100-product pages, each vendor's 100
 * products) is about 300,000.
 */
export const DEFAULT_COST_LIMITS: CostLimits = {
  maxCost: 10_000,
  defaultListSize: 10,
  // Most fields and directives take a few arguments, not ten: the introspection query
  // Sandbox and codegen send then costs about 6,500.
  listSizes: { '__Field.args': 3, '__Directive.args': 3 },
  slicingArguments: ['first', 'last', 'limit'],
  maxEntityRepresentations: 1_000,
};

export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export const tooExpensive = (cost: number, maxCost: number) =>
  new GraphQLError(`Operation cost estimated at ${Math.round(cost)}, above the budget of ${maxCost}`, {
    extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: Math.round(cost), maxCost, http: { status: 400 } },
  });

function selectOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}

function listDepth(type: GraphQLType): number {
  let depth = 0;
  for (let t: GraphQLType = type; ; ) {
    if (isNonNullType(t)) t = t.ofType;
    else if (isListType(t)) {
      depth += 1;
      t = t.ofType;
    } else return depth;
  }
}

/** Estimated cost of the selected operation; linear in the document (fragments are costed once). */
export function estimateCost(input: CostInput, limits: CostLimits = DEFAULT_COST_LIMITS): number {
  const { schema, document } = input;
  const variables = input.variables ?? {};
  const operation = selectOperation(document, input.operationName);
  if (!operation) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fragmentCosts = new Map<string, number>();
  const slicing = new Set(limits.slicingArguments);

  const valueOf = (node: ValueNode): unknown => {
    if (node.kind === Kind.VARIABLE) return variables[node.name.value];
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.LIST) return node.values;
    return undefined;
  };

  function fieldDef(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
    if (name === '__schema') return SchemaMetaFieldDef;
    if (name === '__type') return TypeMetaFieldDef;
    return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
  }

  /** The length a slicing argument gives (`first: 100`), if the field has one set. */
  function slicedSize(args: readonly ArgumentNode[]): number | undefined {
    for (const arg of args) {
      if (!slicing.has(arg.name.value)) continue;
      const value = valueOf(arg.value);
      if (typeof value === 'number' && Number.isFinite(value)) return Math.max(value, 0);
    }
    return undefined;
  }

  /**
   * How many times a field's selection runs per parent. A list takes its slicing argument,
   * else the size its connection was sliced to (`products(first: 100) { edges }`), else the
   * configured size; a connection itself (an object with a slicing argument) counts once and
   * hands its size to the lists inside it.
   */
  function lengthOf(parent: GraphQLCompositeType, def: GraphQLField<unknown, unknown>, args: readonly ArgumentNode[], connectionSize: number | undefined): number {
    const depth = listDepth(def.type);
    if (depth === 0) return 1;
    if (def.name === '_entities') {
      const reps = args.find((a) => a.name.value === 'representations');
      const value = reps ? valueOf(reps.value) : undefined;
      if (Array.isArray(value)) return value.length;
    }
    const size = slicedSize(args) ?? connectionSize ?? limits.listSizes[`${parent.name}.${def.name}`] ?? limits.defaultListSize;
    return size ** depth;
  }

  function selectionCost(parent: GraphQLCompositeType, set: SelectionSetNode, connectionSize?: number): number {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const def = fieldDef(parent, selection.name.value);
        if (!def) continue; // __typename, or unknown fields that validation reports
        const type = getNamedType(def.type);
        const args = selection.arguments ?? [];
        const isConnection = listDepth(def.type) === 0 && def.args.some((a) => slicing.has(a.name));
        const innerSize = isConnection ? (slicedSize(args) ?? limits.listSizes[`${parent.name}.${def.name}`] ?? limits.defaultListSize) : undefined;
        const own = isCompositeType(type) ? 1 : 0;
        const children = selection.selectionSet && isCompositeType(type) ? selectionCost(type, selection.selectionSet, innerSize) : 0;
        total += lengthOf(parent, def, args, connectionSize) * (own + children);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        // Branches for different concrete types are summed: an over-estimate, never an under-one.
        if (type && isCompositeType(type)) total += selectionCost(type, selection.selectionSet, connectionSize);
      } else {
        total += fragmentCost(selection.name.value, connectionSize);
      }
    }
    return total;
  }

  function fragmentCost(name: string, connectionSize: number | undefined): number {
    // A fragment spread inside a connection sees that connection's size: memoize per size.
    const key = `${name}:${connectionSize ?? ''}`;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    // Cycles are refused by validation; the placeholder only stops this walk.
    fragmentCosts.set(key, 0);
    const cost = fragment && type && isCompositeType(type) ? selectionCost(type, fragment.selectionSet, connectionSize) : 0;
    fragmentCosts.set(key, cost);
    return cost;
  }

  return selectionCost(root, operation.selectionSet);
}

/** The representations an `_entities` selection of the operation asks for, at most. */
export function entityRepresentationCount(input: CostInput): number {
  const operation = selectOperation(input.document, input.operationName);
  let count = 0;
  for (const selection of operation?.selectionSet.selections ?? []) {
    if (selection.kind !== Kind.FIELD || selection.name.value !== '_entities') continue;
    const arg = selection.arguments?.find((a) => a.name.value === 'representations');
    if (!arg) continue;
    const value = arg.value.kind === Kind.VARIABLE ? input.variables?.[arg.value.name.value] : arg.value.kind === Kind.LIST ? arg.value.values : undefined;
    if (Array.isArray(value)) count += value.length;
  }
  return count;
}

/**
 * Throws COST_ESTIMATED_TOO_EXPENSIVE (or BAD_USER_INPUT for an `_entities` flood)
 * when the operation is over its limits; returns the estimate otherwise.
 */
export function enforceCost(input: CostInput, limits: CostLimits, budget = limits.maxCost): number {
  const representations = entityRepresentationCount(input);
  if (representations > limits.maxEntityRepresentations) {
    throw new GraphQLError(`_entities takes at most ${limits.maxEntityRepresentations} representations; got ${representations}`, {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
  const cost = estimateCost(input, limits);
  if (cost > budget) throw tooExpensive(cost, budget);
  return cost;
}
