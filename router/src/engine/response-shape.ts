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
  /** The type compiled for shaping (absent for __typename and introspection). */
  shape?: TypeShape;
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
  const index = indexOf(schema);
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
    return { ...base, typename: false, type: def.type, shape: typeShape(index, def.type) };
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

/** An output type compiled to plain data, so shaping calls no graphql-js type predicates. */
type TypeShape =
  | { kind: 'nonNull'; of: TypeShape; name: string }
  | { kind: 'list'; of: TypeShape; name: string }
  | { kind: 'leaf'; valid: (value: unknown) => boolean; name: string }
  | { kind: 'composite'; type: GraphQLCompositeType; name: string };

/** What shaping asks of the schema, answered from maps built once per schema. */
interface SchemaIndex {
  schema: GraphQLSchema;
  shapes: Map<GraphQLOutputType, TypeShape>;
  composites: Map<string, GraphQLCompositeType>;
  objects: Set<string>;
  subtype: Map<string, boolean>;
}

const indexes = new WeakMap<GraphQLSchema, SchemaIndex>();

function indexOf(schema: GraphQLSchema): SchemaIndex {
  let index = indexes.get(schema);
  if (!index) {
    const composites = new Map<string, GraphQLCompositeType>();
    const objects = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (isCompositeType(type)) composites.set(type.name, type);
      if (isObjectType(type)) objects.add(type.name);
    }
    index = { schema, shapes: new Map(), composites, objects, subtype: new Map() };
    indexes.set(schema, index);
  }
  return index;
}

function typeShape(index: SchemaIndex, type: GraphQLOutputType): TypeShape {
  let shape = index.shapes.get(type);
  if (shape) return shape;
  if (isNonNullType(type)) shape = { kind: 'nonNull', of: typeShape(index, type.ofType), name: String(type) };
  else if (isListType(type)) shape = { kind: 'list', of: typeShape(index, type.ofType), name: String(type) };
  else if (isCompositeType(type)) shape = { kind: 'composite', type, name: type.name };
  else shape = { kind: 'leaf', valid: leafValidator(type), name: type.name };
  index.shapes.set(type, shape);
  return shape;
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const isInteger = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && INTEGER.test(String(value));

/** What the reference engine accepts for a scalar or enum (federation-internals isValidLeafValue). */
function leafValidator(type: GraphQLOutputType): (value: unknown) => boolean {
  if (isEnumType(type)) return (value) => typeof value === 'string' && type.getValue(value) !== undefined;
  if (!isSpecifiedScalarType(type as never)) return () => true;
  switch ((type as { name: string }).name) {
    case 'Int':
      return isInteger;
    case 'ID':
      return (value) => typeof value === 'string' || isInteger(value);
    case 'Float':
      return (value) => typeof value === 'number' && Number.isFinite(value);
    case 'Boolean':
      return (value) => typeof value === 'boolean';
    default:
      return (value) => typeof value === 'string';
  }
}

interface Run {
  shape: OperationShape;
  index: SchemaIndex;
  variables: Record<string, unknown>;
  rawVariables: Record<string, unknown> | undefined;
  errors: GraphQLError[];
  /** Out-parameters of updateValue (kept here so no result object is allocated per value). */
  invalid: boolean;
  hasErrors: boolean;
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
  const run: Run = {
    shape,
    index: indexOf(shape.schema),
    variables: { ...shape.defaults, ...variables },
    rawVariables: variables,
    errors: [],
    invalid: false,
    hasErrors: false,
  };
  const data: Record<string, unknown> = {};
  const result = applySelections(run, input, shape.selections, data, [], shape.rootType);
  return { data: result === BUBBLE ? null : data, errors: run.errors };
}

function ownOf(object: Record<string, unknown>, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, name) ? object[name] : undefined;
}

/** Sets an own property even for a name Object.prototype has ("__proto__", "constructor"). */
function setOwn(object: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
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
      const outputValue = selection.inherited ? ownOf(output, name) : output[name];
      if (selection.introspection) {
        if (outputValue === undefined) setOwn(output, name, introspect(run, selection.introspection));
        continue;
      }
      let inputValue = ownValue(input, selection) ?? null;
      if (selection.typename) {
        if (outputValue === undefined) {
          if (inputValue === null && name !== '__typename') inputValue = input.__typename ?? null;
          const typeName = typeof inputValue === 'string' && run.index.schema.getType(inputValue) ? inputValue : parentType.name;
          if (!run.index.objects.has(typeName)) return BUBBLE;
          setOwn(output, name, typeName);
        }
        continue;
      }
      path.push(name);
      const updated = updateValue(run, outputValue, selection.shape!, inputValue, selection.selections, path, parentType);
      if (selection.inherited) setOwn(output, name, updated);
      else output[name] = updated;
      path.pop();
      if (run.invalid) return BUBBLE;
    } else {
      const typename = input.__typename;
      if (typeConditionApplies(run.index, selection.typeCondition, typeof typename === 'string' ? typename : undefined, parentType)) {
        if (applySelections(run, input, selection.selections, output, path, selection.typeCondition ?? parentType) === BUBBLE)
          return BUBBLE;
      }
    }
  }
  return undefined;
}

function typeConditionApplies(
  index: SchemaIndex,
  condition: GraphQLCompositeType | undefined,
  typename: string | undefined,
  parentType: GraphQLCompositeType,
): boolean {
  if (!condition) return true;
  const name = typename ?? parentType.name;
  if (name === condition.name) return true;
  const key = `${condition.name}\u0000${name}`;
  let applies = index.subtype.get(key);
  if (applies === undefined) {
    const type = index.schema.getType(name);
    applies =
      !!type &&
      !isObjectType(condition) &&
      (isObjectType(type) || isInterfaceType(type)) &&
      index.schema.isSubType(condition as never, type);
    index.subtype.set(key, applies);
  }
  return applies;
}

function describe(path: Path, type: TypeShape, parentType: GraphQLCompositeType): string {
  const last = path[path.length - 1];
  return typeof last === 'string' ? `field ${parentType.name}.${last}` : `array element of type ${type.name} at index ${String(last)}`;
}

/**
 * The output value for `inputValue` merged into what an earlier selection of the same
 * response name produced. Sets run.invalid (a null where the type forbids one: bubble up)
 * and run.hasErrors (an error is already reported for it).
 */
function updateValue(
  run: Run,
  outputValue: unknown,
  type: TypeShape,
  inputValue: unknown,
  selections: Selection[] | undefined,
  path: Path,
  parentType: GraphQLCompositeType,
): unknown {
  if (outputValue === null || (outputValue !== undefined && !selections)) return ok(run, false, outputValue);
  if (type.kind === 'nonNull') {
    const updated = updateValue(run, outputValue, type.of, inputValue, selections, path, parentType);
    if (updated === null) {
      if (!run.hasErrors) {
        run.errors.push(
          ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${describe(path, type.of, parentType)}.`, { path: [...path] }),
        );
      }
      run.invalid = true;
      run.hasErrors = true;
      return null;
    }
    return ok(run, false, updated);
  }
  if (inputValue === null) return ok(run, false, null);
  if (type.kind === 'list') {
    if (!Array.isArray(inputValue))
      throw new Error(`Invalid non-list value ${String(inputValue)} returned by subgraph for list type ${type.name}`);
    const existing = outputValue as unknown[] | undefined;
    let nullify = false;
    let hasErrors = false;
    const updated = new Array<unknown>(inputValue.length);
    for (let i = 0; i < inputValue.length; i++) {
      path.push(i);
      updated[i] = updateValue(run, existing?.[i], type.of, inputValue[i], selections, path, parentType);
      path.pop();
      nullify ||= run.invalid;
      hasErrors ||= run.hasErrors;
    }
    return ok(run, hasErrors, nullify ? null : updated);
  }
  if (type.kind === 'composite') {
    if (typeof inputValue !== 'object')
      throw new Error(`Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${type.name}`);
    const input = inputValue as Record<string, unknown>;
    const typename = input.__typename;
    let objectType: GraphQLCompositeType = type.type;
    if (typename) {
      const named = typeof typename === 'string' ? run.index.composites.get(typename) : undefined;
      if (!named) {
        run.errors.push(
          ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${describe(path, type, parentType)}.`, { path: [...path] }),
        );
        return ok(run, true, null);
      }
      objectType = named;
    }
    const output = (outputValue ?? {}) as Record<string, unknown>;
    const bubbled = applySelections(run, input, selections ?? [], output, path, objectType) === BUBBLE;
    return ok(run, bubbled, bubbled ? null : output);
  }
  if (!type.valid(inputValue)) {
    run.errors.push(ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${describe(path, type, parentType)}.`, { path: [...path] }));
    return ok(run, true, null);
  }
  return ok(run, false, inputValue);
}

/** A valid value (not a null to bubble up), with or without an error already reported inside it. */
function ok(run: Run, hasErrors: boolean, value: unknown): unknown {
  run.invalid = false;
  run.hasErrors = hasErrors;
  return value;
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
