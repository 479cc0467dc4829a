import { buildSchema, parse, validate, getIntrospectionQuery } from 'graphql';
import { queryLimitsRule } from '../src/server/query-limits';

const schema = buildSchema(`
  type Category { id: ID! parent: Category children: [Category!]! }
  type Query { categories: [Category!]! login(email: String): String }
`);
const check = (query: string) => validate(schema, parse(query), [queryLimitsRule({ maxDepth: 4, maxAliases: 3 })]).map((e) => e.message);

describe('query limits', () => {
  it('accepts queries within depth and alias limits', () => {
    expect(check('{ categories { children { parent { id } } } }')).toEqual([]);
    expect(check('{ a: login b: login c: login }')).toEqual([]);
  });

  it('rejects deep nesting, also through fragments', () => {
    expect(check('{ categories { children { parent { children { id } } } } }')).toEqual(['Query is nested more than 4 levels deep']);
    expect(check('{ categories { ...F } } fragment F on Category { children { parent { children { id } } } }')).toEqual([
      'Query is nested more than 4 levels deep',
    ]);
  });

  it('rejects too many aliases (e.g. one request repeating login)', () => {
    expect(check('{ a: login b: login c: login d: login }')).toEqual(['Query uses 4 aliases; at most 3 are allowed']);
  });

  it('does not count introspection, so Sandbox and codegen keep working', () => {
    expect(validate(schema, parse(getIntrospectionQuery()), [queryLimitsRule({ maxDepth: 3, maxAliases: 0 })])).toEqual([]);
  });
});
