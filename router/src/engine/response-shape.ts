import {
  executeSync,
  GraphQLError,
  isCompositeType,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isSpecifiedScalarType,
  Kind,
  print,
  valueFromASTUntyped,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ERRORS } from '@apollo/federation-internals';

/**
 * The client's operation compiled once into what shaping a response needs: for each
 * selection its response name, its type and its @skip/@include. Shaping then walks the
 * data the plan fetched, keeps what was asked, in the order it was asked, fills in
 * __typename, answers __schema/__type locally, checks leaf values and bubbles nulls up to
 * the nearest nullable field. It follows the reference engine's post-processing
 * (@apollo/gateway resultShaping.ts) rule for rule, so both engines answer alike.
 */
export type Selection = FieldSelection | FragmentSelection;

type Skip = (variables: Record<string, unknown>) => boolean;

interface FieldSelection {
  kind: 'field';
  responseName: string;
  /** The response name can also be read off Object.prototype ("constructor", "__proto__"). */
  inherited: boolean;
  typename: boolean;
  /** __schema or __type: answered from the API schema, never fetched. */
  introspection?: FieldNode;
  type: GraphQLOutputType;
  selections?: Selection[];
  skip?: Skip;
}

interface FragmentSelection {
  kind: 'fragment';
  typeCondition?: GraphQLCompositeType;
  selections: Selection[];
  skip?: Skip;
}

export interface OperationShape {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: FragmentDefinitionNode[];
  rootType: GraphQLCompositeType;
  selections: Selection[];
  /** Variables with a default in the operation, for @skip/@include. */
  defaults: Record<string, unknown>;
}

export function compileShape(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) throw new GraphQLError(`Schema is not configured to execute ${operation.operation} operation.`);
  const defaults: Record<string, unknown> = {};
  for (const def of operation.variableDefinitions ?? []) {
    if (def.defaultValue) defaults[def.variable.name.value] = valueFromASTUntyped(def.defaultValue);
  }

  /** Selections keyed like the planner's model: same response name and directives merge. */
  function compile(parent: GraphQLCompositeType, sets: readonly SelectionSetNode[]): Selection[] {
    const byKey = new Map<string, { selection: Selection; sets: SelectionSetNode[] }>();
    const add = (key: string, make: () => Selection, set: SelectionSetNode | undefined) => {
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { selection: make(), sets: [] }));
      if (set) entry.sets.push(set);
    };
    for (const set of sets) {
      for (const node of set.selections) {
        const directives = directiveKey(node.directives);
        if (node.kind === Kind.FIELD) {
          const responseName = node.alias?.value ?? node.name.value;
          add(`${responseName}${directives}`, () => fieldSelection(parent, node), node.selectionSet);
        } else if (node.kind === Kind.INLINE_FRAGMENT) {
          const condition = node.typeCondition ? (schema.getType(node.typeCondition.name.value) as GraphQLCompositeType) : undefined;
          add(
            `...${condition?.name ?? ''}${directives}`,
            () => ({ kind: 'fragment', typeCondition: condition, selections: [], skip: skipOf(node.directives) }),
            node.selectionSet,
          );
        } else {
          const fragment = fragments.get(node.name.value);
          if (!fragment) continue;
          const condition = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType;
          add(
            `...${node.name.value}${directives}`,
            () => ({ kind: 'fragment', typeCondition: condition, selections: [], skip: skipOf(node.directives) }),
            fragment.selectionSet,
          );
        }
      }
    }
    const out: Selection[] = [];
    for (const { selection, sets: inner } of byKey.values()) {
      if (selection.kind === 'fragment') selection.selections = compile(selection.typeCondition ?? parent, inner);
      else if (inner.length && !selection.typename && !selection.introspection) {
        const named = namedType(selection.type);
        if (isCompositeType(named)) selection.selections = compile(named, inner);
      }
      out.push(selection);
    }
    return out;
  }

  function fieldSelection(parent: GraphQLCompositeType, node: FieldNode): FieldSelection {
    const name = node.name.value;
    const responseName = node.alias?.value ?? name;
    const base = { kind: 'field' as const, responseName, inherited: responseName in Object.prototype, skip: skipOf(node.directives) };
    if (name === '__typename') return { ...base, typename: true, type: schema.getType('String') as GraphQLOutputType };
    if (name === '__schema' || name === '__type')
      return { ...base, typename: false, introspection: node, type: schema.getType('String') as GraphQLOutputType };
    const def: GraphQLField<unknown, unknown> | undefined =
      isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
    if (!def) throw new GraphQLError(`Cannot query field "${name}" on type "${parent.name}".`);
    return { ...base, typename: false, type: def.type };
  }

  return {
    schema,
    operation,
    fragments: [...fragments.values()],
    rootType,
    selections: compile(rootType, [operation.selectionSet]),
    defaults,
  };
}

function directiveKey(directives: readonly DirectiveNode[] | undefined): string {
  return directives?.length ? directives.map((d) => print(d)).join(' ') : '';
}

function skipOf(directives: readonly DirectiveNode[] | undefined): Skip | undefined {
  const conditions: Skip[] = [];
  for (const d of directives ?? []) {
    if (d.name.value !== 'skip' && d.name.value !== 'include') continue;
    const arg = d.arguments?.find((a) => a.name.value === 'if')?.value;
    if (!arg) continue;
    const skipWhen = d.name.value === 'skip';
    if (arg.kind === Kind.BOOLEAN) {
      if (arg.value === skipWhen) conditions.push(() => true);
    } else if (arg.kind === Kind.VARIABLE) {
      const name = arg.name.value;
      conditions.push((variables) => variables[name] === skipWhen);
    }
  }
  if (!conditions.length) return undefined;
  return (variables) => conditions.some((c) => c(variables));
}

function namedType(type: GraphQLOutputType) {
  let t = type;
  while (isNonNullType(t) || isListType(t)) t = t.ofType;
  return t;
}

type Path = (string | number)[];

interface Run {
  shape: OperationShape;
  variables: Record<string, unknown>;
  rawVariables: Record<string, unknown> | undefined;
  errors: GraphQLError[];
}

const BUBBLE = Symbol('null bubbles up');

/**
 * The response for `input` (the data the plan gathered). Errors found while shaping
 * (a null in a non-null field, a value of the wrong kind) are returned apart: the
 * engine reports them as the reference engine does.
 */
export function shapeResponse(
  shape: OperationShape,
  input: Record<string, unknown>,
  variables: Record<string, unknown> | undefined,
): { data: Record<string, unknown> | null; errors: GraphQLError[] } {
  const run: Run = { shape, variables: { ...shape.defaults, ...variables }, rawVariables: variables, errors: [] };
  const data: Record<string, unknown> = {};
  const result = applySelections(run, input, shape.selections, data, [], shape.rootType);
  return { data: result === BUBBLE ? null : data, errors: run.errors };
}

function ownValue(input: Record<string, unknown>, selection: FieldSelection): unknown {
  if (selection.inherited)
    return Object.prototype.hasOwnProperty.call(input, selection.responseName) ? input[selection.responseName] : undefined;
  return input[selection.responseName];
}

function applySelections(
  run: Run,
  input: Record<string, unknown>,
  selections: Selection[],
  output: Record<string, unknown>,
  path: Path,
  parentType: GraphQLCompositeType,
): typeof BUBBLE | undefined {
  for (const selection of selections) {
    if (selection.skip?.(run.variables)) continue;
    if (selection.kind === 'field') {
      const name = selection.responseName;
      const outputValue = output[name];
      if (selection.introspection) {
        if (outputValue === undefined) output[name] = introspect(run, selection.introspection);
        continue;
      }
      let inputValue = ownValue(input, selection) ?? null;
      if (selection.typename) {
        if (outputValue === undefined) {
          if (inputValue === null && name !== '__typename') inputValue = input.__typename ?? null;
          const type = typeof inputValue === 'string' ? (run.shape.schema.getType(inputValue) ?? parentType) : parentType;
          if (!isObjectType(type)) return BUBBLE;
          output[name] = type.name;
        }
        continue;
      }
      path.push(name);
      const { updated, invalid } = updateValue(run, outputValue, selection.type, inputValue, selection.selections, path, parentType);
      output[name] = updated;
      path.pop();
      if (invalid) return BUBBLE;
    } else {
      const typename = input.__typename;
      if (
        typeConditionApplies(run.shape.schema, selection.typeCondition, typeof typename === 'string' ? typename : undefined, parentType)
      ) {
        if (applySelections(run, input, selection.selections, output, path, selection.typeCondition ?? parentType) === BUBBLE)
          return BUBBLE;
      }
    }
  }
  return undefined;
}

function typeConditionApplies(
  schema: GraphQLSchema,
  condition: GraphQLCompositeType | undefined,
  typename: string | undefined,
  parentType: GraphQLCompositeType,
): boolean {
  if (!condition) return true;
  const type = typename ? schema.getType(typename) : parentType;
  if (!type) return false;
  return isSubtype(schema, condition, type);
}

function isSubtype(schema: GraphQLSchema, type: GraphQLCompositeType, maybeSub: unknown): boolean {
  if (type === maybeSub) return true;
  if (!isObjectType(maybeSub) && !isInterfaceType(maybeSub)) return false;
  if (isObjectType(type)) return false;
  return schema.isSubType(type, maybeSub);
}

function describe(path: Path, type: GraphQLOutputType, parentType: GraphQLCompositeType): string {
  const last = path[path.length - 1];
  return typeof last === 'string' ? `field ${parentType.name}.${last}` : `array element of type ${String(type)} at index ${String(last)}`;
}

interface Updated {
  updated: unknown;
  invalid?: boolean;
  hasErrors?: boolean;
}

function updateValue(
  run: Run,
  outputValue: unknown,
  type: GraphQLOutputType,
  inputValue: unknown,
  selections: Selection[] | undefined,
  path: Path,
  parentType: GraphQLCompositeType,
): Updated {
  if (outputValue === null || (outputValue !== undefined && !selections)) return { updated: outputValue };
  if (isNonNullType(type)) {
    const inner = updateValue(run, outputValue, type.ofType, inputValue, selections, path, parentType);
    if (inner.updated === null) {
      if (!inner.hasErrors) {
        run.errors.push(
          ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${describe(path, type.ofType, parentType)}.`, {
            path: [...path],
          }),
        );
      }
      return { updated: null, invalid: true, hasErrors: true };
    }
    return { updated: inner.updated };
  }
  if (inputValue === null) return { updated: null };
  if (isListType(type)) {
    if (!Array.isArray(inputValue))
      throw new Error(`Invalid non-list value ${String(inputValue)} returned by subgraph for list type ${String(type)}`);
    const existing = outputValue === undefined ? undefined : (outputValue as unknown[]);
    let nullify = false;
    let hasErrors = false;
    const updated = new Array<unknown>(inputValue.length);
    for (let i = 0; i < inputValue.length; i++) {
      path.push(i);
      const element = updateValue(run, existing?.[i], type.ofType, inputValue[i], selections, path, parentType);
      path.pop();
      nullify ||= !!element.invalid;
      hasErrors ||= !!element.hasErrors;
      updated[i] = element.updated;
    }
    return { updated: nullify ? null : updated, hasErrors };
  }
  if (isCompositeType(type)) {
    if (typeof inputValue !== 'object')
      throw new Error(`Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${String(type)}`);
    const input = inputValue as Record<string, unknown>;
    const typename = input.__typename;
    let objectType: GraphQLCompositeType = type;
    if (typename) {
      const named = typeof typename === 'string' ? run.shape.schema.getType(typename) : undefined;
      if (!named || !isCompositeType(named)) {
        run.errors.push(
          ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${describe(path, type, parentType)}.`, { path: [...path] }),
        );
        return { updated: null, hasErrors: true };
      }
      objectType = named;
    }
    const output = (outputValue ?? {}) as Record<string, unknown>;
    const bubbled = applySelections(run, input, selections ?? [], output, path, objectType) === BUBBLE;
    return { updated: bubbled ? null : output, hasErrors: bubbled };
  }
  if (!isValidLeaf(type, inputValue)) {
    run.errors.push(ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${describe(path, type, parentType)}.`, { path: [...path] }));
    return { updated: null, hasErrors: true };
  }
  return { updated: inputValue };
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;

/** What the reference engine accepts for a scalar or enum (federation-internals isValidLeafValue). */
function isValidLeaf(type: GraphQLOutputType, value: unknown): boolean {
  if (isEnumType(type)) return typeof value === 'string' && type.getValue(value) !== undefined;
  if (!isSpecifiedScalarType(type as never)) return true;
  const name = (type as { name: string }).name;
  if (typeof value === 'boolean') return name === 'Boolean';
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (name === 'Int' || name === 'ID') return INTEGER.test(String(value));
    return name === 'Float';
  }
  if (typeof value === 'string') return name !== 'Boolean' && name !== 'Int' && name !== 'Float';
  return false;
}

/** __schema / __type, answered by graphql-js over the API schema for just that field. */
function introspect(run: Run, field: FieldNode): unknown {
  const { shape } = run;
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      { ...shape.operation, operation: 'query' as never, selectionSet: { kind: Kind.SELECTION_SET, selections: [field] } },
      ...shape.fragments,
    ],
  };
  const result = executeSync({ schema: shape.schema, document, rootValue: {}, variableValues: run.rawVariables });
  if (result.errors?.length) throw result.errors[0]!;
  return (result.data as Record<string, unknown> | null)?.[field.alias?.value ?? field.name.value];
}
