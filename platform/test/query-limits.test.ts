import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { DEFAULT_QUERY_LIMITS, queryLimitRules, type QueryLimits } from '../src/server/query-limits';
import { DEFAULT_COST_LIMITS, enforceCost, estimateCost, withCostDirectives } from '../src/server/cost';

const schema = buildSchema(`
  type Category { id: ID! parent: Category children: [Category!]! }
  type Query { categories: [Category!]! login(email: String): String }
`);
const limits: QueryLimits = { ...DEFAULT_QUERY_LIMITS, maxDepth: 4, maxIntrospectionDepth: 15, maxAliases: 3 };
const check = (query: string, l = limits) =>
  validate(schema, parse(query), [...specifiedRules, ...queryLimitRules(l)]).map((e) => e.message);

/** The catalog's shape where it matters for cost: pages of products whose vendor lists products. */
const shop = buildSubgraphSchema(
  parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Variant { sku: ID! priceVnd: Int! }
    type Product @key(fields: "id") { id: ID! name: String! vendor: Vendor! variants: [Variant!]! }
    type Vendor @key(fields: "id") { id: ID! name: String! products(first: Int, after: String): ProductConnection! }
    type ProductEdge { node: Product! cursor: String! }
    type ProductConnection { edges: [ProductEdge!]! }
    type Query { products(first: Int, after: String): ProductConnection! }
  `),
);
const cost = (query: string, variables: Record<string, unknown> = {}) => estimateCost({ schema: shop, document: parse(query), variables });

/** Fragments that each spread the next one ten times, `levels` deep: 10^levels fields once expanded. */
function fragmentBomb(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) => {
    const body = i === levels - 1 ? 'id' : Array.from({ length: 10 }, () => `...F${i + 1}`).join(' ');
    return `fragment F${i} on Category { ${body} }`;
  });
  return `{ categories { ...F0 } } ${fragments.join(' ')}`;
}

describe('query limits', () => {
  it('accepts queries within depth and alias limits', () => {
    expect(check('{ categories { children { parent { id } } } }')).toEqual([]);
    expect(check('{ a: login b: login c: login }')).toEqual([]);
  });

  it('rejects deep nesting, also through fragments', () => {
    expect(check('{ categories { children { parent { children { id } } } } }')).toEqual([
      'Query too deep: Query depth limit of 4 exceeded, found 5.',
    ]);
    expect(check('{ categories { ...F } } fragment F on Category { children { parent { children { id } } } }')).toEqual([
      'Query too deep: Query depth limit of 4 exceeded, found 5.',
    ]);
  });

  it('rejects too many aliases (e.g. one request repeating login)', () => {
    expect(check('{ a: login b: login c: login d: login }')).toEqual(['Too many aliases: Aliases limit of 3 exceeded, found 4.']);
  });

  it('counts aliases of __typename and __schema like any others', () => {
    expect(check('{ a: __typename b: __typename c: __typename d: __typename }')).toEqual([
      'Too many aliases: Aliases limit of 3 exceeded, found 4.',
    ]);
    expect(
      check('{ a: __schema { __typename } b: __schema { __typename } c: __schema { __typename } d: __schema { __typename } }'),
    ).toHaveLength(1);
  });

  it('bounds introspection depth separately, so Sandbox and codegen keep working', () => {
    expect(check(getIntrospectionQuery())).toEqual([]);
    const ofTypes = (n: number): string => (n === 0 ? 'name' : `ofType { ${ofTypes(n - 1)} }`);
    expect(check(`{ __schema { types { fields { type { ${ofTypes(12)} } } } } }`)[0]).toMatch(
      /Query too deep: Query depth limit of 15 exceeded/,
    );
    expect(check(getIntrospectionQuery(), { ...limits, maxIntrospectionDepth: 10 })[0]).toMatch(/Query too deep/);
  });

  it('measures a fan-out of fragment spreads in milliseconds (linear in the document)', () => {
    // 10^7 expanded fields: a walk that re-enters every spread never finishes.
    const started = performance.now();
    const errors = check(fragmentBomb(8));
    expect(performance.now() - started).toBeLessThan(500);
    expect(errors).toEqual(['Too many fields: 10000001 once fragments are expanded; at most 5000 are allowed']);
    const costStarted = performance.now();
    estimateCost({ schema, document: parse(fragmentBomb(8)) });
    expect(performance.now() - costStarted).toBeLessThan(500);
  });

  it('rejects too many directives', () => {
    const many = Array.from({ length: 51 }, (_, i) => `a${i}: login @include(if: true)`).join(' ');
    expect(check(`{ ${many} }`, { ...limits, maxAliases: 100 })).toEqual([
      'Too many directives: Directives limit of 50 exceeded, found 51.',
    ]);
  });
});

describe('cost estimate', () => {
  it('multiplies by page sizes from literals and variables, and by assumed list sizes', () => {
    // products page of 20: each product 1 + vendor 1 + variants 10 x 1
    expect(cost('{ products(first: 20) { edges { node { id vendor { name } variants { sku } } } } }')).toBe(1 + 20 * (1 + 1 + 1 + 10));
    expect(cost('query($n: Int) { products(first: $n) { edges { node { id } } } }', { n: 5 })).toBe(1 + 5 * 2);
  });

  it('costs the amplified query of the hardening issue far above the budget', () => {
    const page = 'products(first: 100) { edges { node { id name vendor { products(first: 100) { edges { node { id name } } } } } } }';
    const thirty = `{ ${Array.from({ length: 30 }, (_, i) => `p${i}: ${page}`).join(' ')} }`;
    expect(cost(thirty)).toBeGreaterThan(30 * 100 * 100);
    expect(() => enforceCost({ schema: shop, document: parse(thirty) }, DEFAULT_COST_LIMITS)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'COST_ESTIMATED_TOO_EXPENSIVE' }) }),
    );
  });

  it('accepts a storefront listing well inside the budget', () => {
    const listing = '{ products(first: 100) { edges { cursor node { id name vendor { name } variants { sku priceVnd } } } } }';
    expect(() => enforceCost({ schema: shop, document: parse(listing) }, DEFAULT_COST_LIMITS)).not.toThrow();
  });

  it('counts _entities by its representations, and refuses a flood of them outright', () => {
    const query =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Vendor { products(first: 100) { edges { node { id } } } } } }';
    const reps = (n: number) => Array.from({ length: n }, () => ({ __typename: 'Vendor', id: '00000000-0000-4000-8000-000000000001' }));
    expect(cost(query, { r: reps(3) })).toBe(3 * (1 + 1 + 100 * 2));
    expect(() => enforceCost({ schema: shop, document: parse(query), variables: { r: reps(12_000) } }, DEFAULT_COST_LIMITS)).toThrow(
      /at most 1000 representations/,
    );
    expect(() => enforceCost({ schema: shop, document: parse(query), variables: { r: reps(500) } }, DEFAULT_COST_LIMITS)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'COST_ESTIMATED_TOO_EXPENSIVE' }) }),
    );
  });

  it('counts introspection like any other fields, with list sizes taken from the schema', () => {
    const types = Object.keys(shop.getTypeMap()).length;
    expect(cost('{ __schema { types { name } } }')).toBe(1 + types);
    // Introspection-only operations have their own budget (their answers are cached)...
    const introspection = { schema: shop, document: parse(getIntrospectionQuery()) };
    expect(estimateCost(introspection)).toBeGreaterThan(DEFAULT_COST_LIMITS.maxCost);
    expect(() => enforceCost(introspection, DEFAULT_COST_LIMITS)).not.toThrow();
    // ...that thirty aliased copies exceed, and mixed with data they count against the normal one.
    const fragments = getIntrospectionQuery().slice(getIntrospectionQuery().indexOf('fragment FullType'));
    const thirty = `{ ${Array.from({ length: 30 }, (_, i) => `s${i}: __schema { types { ...FullType } }`).join(' ')} } ${fragments}`;
    expect(() => enforceCost({ schema: shop, document: parse(thirty) }, DEFAULT_COST_LIMITS)).toThrow(/above the budget of 20000/);
    const mixed = parse(
      getIntrospectionQuery().replace('query IntrospectionQuery {', 'query IntrospectionQuery { products(first: 1) { edges { cursor } }'),
    );
    expect(() => enforceCost({ schema: shop, document: mixed }, DEFAULT_COST_LIMITS)).toThrow(/above the budget of 2000/);
  });

  it('adds @cost weights of fields, arguments and input fields given, literal or in variables', () => {
    const weighted = buildSubgraphSchema(
      parse(`
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@cost", "@listSize"])
        input Filter { search: String @cost(weight: 100) vendorId: ID }
        type Product @key(fields: "id") { id: ID! tags: [String!]! @listSize(assumedSize: 3) related: [Product!]! @listSize(assumedSize: 2) }
        type Query { products(first: Int, filter: Filter): [Product!]! report: String @cost(weight: 50) }
      `),
    );
    const typeDefs = parse(`
      input Filter { search: String @cost(weight: 100) vendorId: ID }
      type Product { id: ID! related: [Product!]! @listSize(assumedSize: 2) }
      type Query { report: String @cost(weight: 50) }
    `);
    const limits = withCostDirectives(DEFAULT_COST_LIMITS, typeDefs);
    expect(limits.weights).toEqual({ 'Filter.search': 100, 'Query.report': 50 });
    const at = (query: string, variables: Record<string, unknown> = {}) =>
      estimateCost({ schema: weighted, document: parse(query), variables }, limits);
    expect(at('{ report }')).toBe(50);
    expect(at('{ products(first: 5) { id } }')).toBe(5);
    expect(at('{ products(first: 5, filter: { search: "rau" }) { id } }')).toBe(5 * (1 + 100));
    expect(at('query($f: Filter) { products(first: 5, filter: $f) { id } }', { f: { search: 'rau' } })).toBe(5 * 101);
    expect(at('query($f: Filter) { products(first: 5, filter: $f) { id } }', { f: { vendorId: 'x' } })).toBe(5);
    expect(at('query($f: Filter = { search: "a" }) { products(first: 5, filter: $f) { id } }')).toBe(5 * 101);
    expect(at('{ products(first: 5) { related { id } } }')).toBe(5 * (1 + 2));
  });

  it('sees what execution will: variable defaults, schema defaults of slicing arguments, _entities in fragments', () => {
    const literal = cost('{ products(first: 100) { edges { node { id } } } }');
    expect(cost('query($n: Int = 100) { products(first: $n) { edges { node { id } } } }')).toBe(literal);
    expect(cost('query($n: Int = 100) { products(first: $n) { edges { node { id } } } }', { n: 5 })).toBe(1 + 5 * 2);
    const defaulted = buildSchema(
      'type Item { id: ID! } type Page { items: [Item!]! } type Query { page(first: Int = 20): Page! list(first: Int = 50): [Item!]! }',
    );
    expect(estimateCost({ schema: defaulted, document: parse('{ page { items { id } } list { id } }') })).toBe(1 + 20 + 50);
    const reps = Array.from({ length: 1_500 }, () => ({ __typename: 'Vendor', id: '00000000-0000-4000-8000-000000000001' }));
    const viaFragment = parse('query($r: [_Any!]!) { ...Q } fragment Q on Query { _entities(representations: $r) { __typename } }');
    expect(() => enforceCost({ schema: shop, document: viaFragment, variables: { r: reps } }, DEFAULT_COST_LIMITS)).toThrow(
      /at most 1000 representations; got 1500/,
    );
  });
});
