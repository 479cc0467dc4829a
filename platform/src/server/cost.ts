import {
  getNamedType,
  GraphQLError,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isInputObjectType,
  isEnumType,
  isAbstractType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  getVariableValues,
  isInputType,
  typeFromAST,
  valueFromAST,
  type ArgumentNode,
  type ConstDirectiveNode,
  type GraphQLInputType,
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
  /**
   * `@cost(weight:)` from the schema: "Type.field" replaces that field's own cost,
   * "Type.field.argument" and "Input.field" are added when the argument or input field is
   * given. See costDirectives().
   */
  weights: Record<string, number>;
  /**
   * The budget of an operation that only introspects (`__schema`, `__type`). Its answer
   * is cached (introspection-cache.ts), so it is computed once per document; the standard
   * introspection query costs about 9,300 on Basket's API schema, thirty aliased copies
   * of it far more.
   */
  maxIntrospectionCost: number;
}

/**
 * A storefront's 100-product page with variants, vendor and category costs about 1,500;
 * the attack of the hardening issue (30 aliased 100-product pages, each vendor's 100
 * products) about 600,000. The budget is what this machine answers without starving
 * other clients: with 16 clients sending the worst operations allowed, bench/abuse finds a
 * shopper's p95 at 2.6x unloaded with 2,000, about 3x with 3,000 and 7x with 10,000,
 * because the gateway shapes a response in one synchronous run (the router engine issue
 * shortens that; then the budget can grow).
 */
export const DEFAULT_COST_LIMITS: CostLimits = {
  maxCost: 2_000,
  defaultListSize: 10,
  listSizes: {},
  slicingArguments: ['first', 'last', 'limit'],
  maxEntityRepresentations: 1_000,
  weights: {},
  maxIntrospectionCost: 20_000,
};

/** The limits with the `@cost`/`@listSize` declarations of an SDL added (configured sizes win). */
export function withCostDirectives(limits: CostLimits, sdl: DocumentNode): CostLimits {
  const declared = costDirectives(sdl);
  return { ...limits, weights: { ...declared.weights, ...limits.weights }, listSizes: { ...declared.listSizes, ...limits.listSizes } };
}

/**
 * The `@cost` weights and `@listSize(assumedSize:)` sizes declared in an SDL: a subgraph's
 * own typeDefs, or the composed supergraph (where listSize is `@cost__listSize`).
 */
export function costDirectives(document: DocumentNode): Pick<CostLimits, 'weights' | 'listSizes'> {
  const weights: Record<string, number> = {};
  const listSizes: Record<string, number> = {};
  const intArg = (directive: ConstDirectiveNode, name: string) => {
    const value = directive.arguments?.find((a) => a.name.value === name)?.value;
    return value?.kind === Kind.INT ? Number(value.value) : undefined;
  };
  const read = (key: string, directives: readonly ConstDirectiveNode[] | undefined) => {
    for (const d of directives ?? []) {
      const name = d.name.value;
      if (name === 'cost' || name === 'cost__cost' || name === 'federation__cost') {
        const weight = intArg(d, 'weight');
        if (weight !== undefined) weights[key] = weight;
      } else if (name === 'listSize' || name === 'cost__listSize' || name === 'federation__listSize') {
        const size = intArg(d, 'assumedSize');
        if (size !== undefined) listSizes[key] = size;
      }
    }
  };
  for (const def of document.definitions) {
    if (!('fields' in def) || !def.fields || !('name' in def) || !def.name) continue;
    for (const field of def.fields) {
      read(`${def.name.value}.${field.name.value}`, field.directives);
      for (const arg of 'arguments' in field ? (field.arguments ?? []) : [])
        read(`${def.name.value}.${field.name.value}.${arg.name.value}`, arg.directives);
    }
  }
  return { weights, listSizes };
}

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
  for (let t: GraphQLType = type; ;) {
    if (isNonNullType(t)) t = t.ofType;
    else if (isListType(t)) {
      depth += 1;
      t = t.ofType;
    } else return depth;
  }
}

const introspectionSizesBySchema = new WeakMap<GraphQLSchema, Record<string, number>>();

/**
 * Introspection lists have known lengths: the schema's own. Averages, rounded up, so the
 * introspection query costs what answering it takes (about 9,300 on Basket's API schema:
 * each type reference counts its whole ofType chain).
 */
export function introspectionListSizes(schema: GraphQLSchema): Record<string, number> {
  const known = introspectionSizesBySchema.get(schema);
  if (known) return known;
  const types = Object.values(schema.getTypeMap());
  const average = (counts: number[]) => Math.max(1, Math.ceil(counts.reduce((a, b) => a + b, 0) / Math.max(counts.length, 1)));
  const withFields = types.filter((t) => isObjectType(t) || isInterfaceType(t));
  const fields = withFields.flatMap((t) => Object.values(t.getFields()));
  const sizes = {
    '__Schema.types': types.length,
    '__Schema.directives': schema.getDirectives().length,
    '__Type.fields': average(withFields.map((t) => Object.keys(t.getFields()).length)),
    '__Type.inputFields': average(types.filter(isInputObjectType).map((t) => Object.keys(t.getFields()).length)),
    '__Type.enumValues': average(types.filter(isEnumType).map((t) => t.getValues().length)),
    '__Type.interfaces': average(types.filter(isObjectType).map((t) => t.getInterfaces().length)),
    '__Type.possibleTypes': average(types.filter(isAbstractType).map((t) => schema.getPossibleTypes(t).length)),
    '__Field.args': average(fields.map((f) => f.args.length)),
    '__Directive.args': average(schema.getDirectives().map((d) => d.args.length)),
    '__Directive.locations': 3,
  };
  introspectionSizesBySchema.set(schema, sizes);
  return sizes;
}

/** Estimated cost of the selected operation; linear in the document (fragments are costed once). */
export function estimateCost(input: CostInput, limits: CostLimits = DEFAULT_COST_LIMITS): number {
  return analyseCost(input, limits).cost;
}

/**
 * The variables as execution will see them: the client's values coerced, and the
 * defaults of the variable definitions filled in (`query($n: Int = 100)` pages 100).
 */
function effectiveVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  given: Record<string, unknown>,
): Record<string, unknown> {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], given, { maxErrors: 1 });
  if (coerced.coerced) return coerced.coerced;
  // Invalid variables fail before execution; estimate with what was sent plus the defaults.
  const variables = { ...given };
  for (const def of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, def.type);
    if (def.defaultValue && variables[def.variable.name.value] === undefined && type && isInputType(type)) {
      variables[def.variable.name.value] = valueFromAST(def.defaultValue, type);
    }
  }
  return variables;
}

function analyseCost(input: CostInput, limits: CostLimits): { cost: number; representations: number } {
  const { schema, document } = input;
  const operation = selectOperation(document, input.operationName);
  if (!operation) return { cost: 0, representations: 0 };
  const root = schema.getRootType(operation.operation);
  if (!root) return { cost: 0, representations: 0 };
  const variables = effectiveVariables(schema, operation, input.variables ?? {});
  let representations = 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fragmentCosts = new Map<string, number>();
  const listSizes = { ...introspectionListSizes(schema), ...limits.listSizes };
  const slicing = new Set(limits.slicingArguments);
  const hasWeights = Object.keys(limits.weights).length > 0;

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

  /**
   * The length a slicing argument gives (`first: 100`), given or else the argument's
   * default in the schema (`first: Int = 20`), if the field has one.
   */
  function slicedSize(def: GraphQLField<unknown, unknown>, args: readonly ArgumentNode[]): number | undefined {
    for (const argDef of def.args) {
      if (!slicing.has(argDef.name)) continue;
      const given = args.find((a) => a.name.value === argDef.name);
      const value = given ? valueOf(given.value) : undefined;
      const size = typeof value === 'number' ? value : argDef.defaultValue;
      if (typeof size === 'number' && Number.isFinite(size)) return Math.max(size, 0);
    }
    return undefined;
  }

  /**
   * How many times a field's selection runs per parent. A list takes its slicing argument,
   * else the size its connection was sliced to (`products(first: 100) { edges }`), else the
   * configured size; a connection itself (an object with a slicing argument) counts once and
   * hands its size to the lists inside it.
   */
  function lengthOf(
    parent: GraphQLCompositeType,
    def: GraphQLField<unknown, unknown>,
    args: readonly ArgumentNode[],
    connectionSize: number | undefined,
  ): number {
    const depth = listDepth(def.type);
    if (depth === 0) return 1;
    if (def.name === '_entities') {
      const reps = args.find((a) => a.name.value === 'representations');
      const value = reps ? valueOf(reps.value) : undefined;
      if (Array.isArray(value)) {
        // Counted wherever _entities sits (a fragment on Query included), for the cap.
        representations += value.length;
        return value.length;
      }
    }
    const size = slicedSize(def, args) ?? connectionSize ?? listSizes[`${parent.name}.${def.name}`] ?? limits.defaultListSize;
    return size ** depth;
  }

  /** Weights of the arguments and input fields given (a text search, say), literal or in variables. */
  function argumentWeights(parent: GraphQLCompositeType, def: GraphQLField<unknown, unknown>, args: readonly ArgumentNode[]): number {
    if (!hasWeights) return 0;
    let total = 0;
    for (const argDef of def.args) {
      const given = args.find((a) => a.name.value === argDef.name);
      const value = given ? (given.value.kind === Kind.VARIABLE ? variables[given.value.name.value] : given.value) : argDef.defaultValue;
      if (value === undefined || value === null || (value as ValueNode).kind === Kind.NULL) continue;
      total += (limits.weights[`${parent.name}.${def.name}.${argDef.name}`] ?? 0) + inputWeights(argDef.type, value, 0);
    }
    return total;
  }

  function inputWeights(type: GraphQLInputType, value: unknown, depth: number): number {
    const named = getNamedType(type);
    if (!isInputObjectType(named) || value === null || value === undefined || depth > 10) return 0;
    const node = value as ValueNode;
    const entries: [string, unknown][] =
      node.kind === Kind.OBJECT
        ? node.fields.map((f) => [f.name.value, f.value.kind === Kind.VARIABLE ? variables[f.value.name.value] : f.value])
        : node.kind === Kind.LIST
          ? node.values.map((v) => ['', v])
          : Array.isArray(value)
            ? value.map((v) => ['', v])
            : typeof value === 'object'
              ? Object.entries(value as Record<string, unknown>)
              : [];
    let total = 0;
    for (const [name, inner] of entries) {
      if (name === '') {
        total += inputWeights(named, inner, depth + 1);
        continue;
      }
      const field = named.getFields()[name];
      if (!field || inner === null || inner === undefined || (inner as ValueNode).kind === Kind.NULL) continue;
      total += (limits.weights[`${named.name}.${name}`] ?? 0) + inputWeights(field.type, inner, depth + 1);
    }
    return total;
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
        const innerSize = isConnection
          ? (slicedSize(def, args) ?? listSizes[`${parent.name}.${def.name}`] ?? limits.defaultListSize)
          : undefined;
        const own = (limits.weights[`${parent.name}.${def.name}`] ?? (isCompositeType(type) ? 1 : 0)) + argumentWeights(parent, def, args);
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

  const cost = selectionCost(root, operation.selectionSet);
  return { cost, representations };
}

/** True when every root field of the operation is `__schema`, `__type` or `__typename`. */
export function isIntrospectionOnly(document: DocumentNode, operationName?: string | null): boolean {
  const operation = selectOperation(document, operationName);
  const roots = operation?.selectionSet.selections ?? [];
  return roots.length > 0 && roots.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));
}

/**
 * Throws COST_ESTIMATED_TOO_EXPENSIVE (or BAD_USER_INPUT for an `_entities` flood)
 * when the operation is over its limits; returns the estimate otherwise.
 */
export function enforceCost(input: CostInput, limits: CostLimits, budget = limits.maxCost): number {
  const { cost, representations } = analyseCost(input, limits);
  if (representations > limits.maxEntityRepresentations) {
    throw new GraphQLError(`_entities takes at most ${limits.maxEntityRepresentations} representations; got ${representations}`, {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
  const allowed = isIntrospectionOnly(input.document, input.operationName) ? limits.maxIntrospectionCost : budget;
  if (cost > allowed) throw tooExpensive(cost, allowed);
  return cost;
}
