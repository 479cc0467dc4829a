/**
 * The files of a new subgraph (`npm run new:subgraph <name>`): a working example, with
 * one entity (`<Name>Item`, owned by the user who created it) through every layer, so
 * what is left is replacing the example with the domain. Generated files (migrations,
 * resolver types, registry, supergraph) are not here: the scaffolder runs the generators.
 */
export interface TemplateNames {
  /** `order_items`: folder, Postgres schema, supergraph.yaml key. */
  name: string;
  /** `OrderItems`: prefix of GraphQL type names (composition needs them unique). */
  pascal: string;
  /** `orderItems`: prefix of root field names. */
  camel: string;
}

export function subgraphTemplate({ name, pascal, camel }: TemplateNames): Record<string, string> {
  const item = `${pascal}Item`;
  return {
    'package.json': `${JSON.stringify(
      {
        name: `@basket/${name.replace(/_/g, '-')}`,
        version: '0.1.0',
        private: true,
        description: `${pascal} subgraph`,
        main: 'src/subgraph.ts',
        types: 'src/subgraph.ts',
        scripts: { start: 'tsx ../main.ts' },
      },
      null,
      2,
    )}\n`,

    'schema.graphql': `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])

"""
The scaffold's example entity (npm run new:subgraph): something a signed-in user
created and owns. Replace it with the domain's own types.
"""
type ${item} @key(fields: "id") {
  "Stable id (UUID)."
  id: ID!
  "What the item is called, 1-100 characters."
  label: String!
  "The user who created it."
  ownerId: ID!
}

"A new ${item}."
input Create${item}Input {
  "1-100 characters; surrounding spaces are trimmed."
  label: String!
}

type Query {
  "An item by id, for its owner or an admin; null when it does not exist."
  ${camel}Item(id: ID!): ${item}
}

type Mutation {
  "Creates an item owned by the caller."
  create${item}(input: Create${item}Input!): ${item}!
}
`,

    'src/db/schema.ts': `import { pgSchema, text, uuid } from 'drizzle-orm/pg-core';
import { eventTables, instant } from '@basket/platform';

export const ${camel}Schema = pgSchema('${name}');

export const items = ${camel}Schema.table('items', {
  id: uuid('id').primaryKey().defaultRandom(),
  // A user in accounts: no foreign key across domains.
  ownerId: uuid('owner_id').notNull(),
  label: text('label').notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});

export const { outbox, processedEvents, deadLetters } = eventTables(${camel}Schema);
export const tables = { outbox, processedEvents, deadLetters };

export type ItemRow = typeof items.$inferSelect;
`,

    'src/db/items-store.ts': `import { inArray } from 'drizzle-orm';
import { onlyUuids, type Executor, type Tx } from '@basket/platform';
import { items, type ItemRow } from './schema';

/** The items with these ids, in any order; ids that are not UUIDs match nothing. */
export function findItemsByIds(db: Executor, ids: readonly string[]): Promise<ItemRow[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return Promise.resolve([]);
  return db.select().from(items).where(inArray(items.id, valid));
}

export async function insertItem(tx: Tx, values: { ownerId: string; label: string }): Promise<ItemRow> {
  const [row] = await tx.insert(items).values(values).returning();
  return row!;
}
`,

    'src/domain/inputs.ts': `import { z } from 'zod';

/** Input rules, pure: checked before any transaction opens (parseInput -> BAD_USER_INPUT). */
export const itemId = z.uuid('must be a UUID');

export const createItemInput = z.object({
  label: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
});
`,

    'src/policy.ts': `import { definePolicy } from '@basket/platform';
import type { ItemRow } from './db/schema';

/** Who may do what in ${name}: every rule in this one table (see definePolicy). */
export const ${camel}Policy = definePolicy({
  'item:create': (_viewer) => true,
  'item:read': (viewer, item: ItemRow) =>
    viewer.userId === item.ownerId || viewer.role === 'ADMIN' || 'Only the item’s owner or an admin may see it',
});
`,

    'src/service/item-service.ts': `import { parseInput, type Db, type Publish, type RequestScope } from '@basket/platform';
import { findItemsByIds, insertItem } from '../db/items-store';
import type { ItemRow } from '../db/schema';
import { createItemInput, itemId } from '../domain/inputs';
import { ${camel}Policy } from '../policy';

export interface ItemServiceDeps {
  db: Db;
  /** Facts go out with the change: \`await publish(tx, [{ type, aggregateId, data }], scope.correlationId)\`. */
  publish: Publish;
}

/** Policy, validation and transactions; one argument object plus the request scope per method. */
export function createItemService({ db }: ItemServiceDeps) {
  return {
    async create(scope: RequestScope, args: { input: unknown }): Promise<ItemRow> {
      const viewer = await ${camel}Policy.assertCan(scope.viewer, 'item:create');
      const input = parseInput(createItemInput, args.input);
      return db.transaction((tx) => insertItem(tx, { ownerId: viewer.userId, label: input.label }));
    },

    async item(scope: RequestScope, args: { id: unknown }): Promise<ItemRow | null> {
      const [item] = await findItemsByIds(db, [parseInput(itemId, args.id)]);
      if (!item) return null;
      await ${camel}Policy.assertCan(scope.viewer, 'item:read', item);
      return item;
    },
  };
}

export type ItemService = ReturnType<typeof createItemService>;
`,

    'src/resolvers/index.ts': `import type { Resolvers } from '../generated/resolvers-types';
import { ${camel}Policy } from '../policy';

/** Thin: arguments in, service or loader call, result out. */
export const resolvers: Resolvers = {
  Query: {
    ${camel}Item: (_, args, ctx) => ctx.services.items.item(ctx, args),
  },
  Mutation: {
    create${item}: (_, args, ctx) => ctx.services.items.create(ctx, args),
  },
  ${item}: {
    // Entity fetches see exactly what Query.${camel}Item shows: the policy decides.
    __resolveReference: async (ref, ctx) => {
      const item = await ctx.loaders.item.load(ref.id);
      return item && (await ${camel}Policy.can(ctx.viewer, 'item:read', item)) ? item : null;
    },
  },
};
`,

    'src/mappers.ts': `/** What each GraphQL object type's resolvers receive as parent, under the type's name (read by codegen.ts). */
export type { ItemRow as ${item} } from './db/schema';
`,

    'src/subgraph.ts': `import path from 'node:path';
import { defineSubgraph, loader, type ContextOf } from '@basket/platform';
import { tables } from './db/schema';
import { findItemsByIds } from './db/items-store';
import { createItemService } from './service/item-service';
import { resolvers } from './resolvers';

/** The ${name} subgraph. */
const ${camel} = defineSubgraph({
  name: '${name}',
  root: path.join(__dirname, '..'),
  tables,
  services: ({ db, publish }) => ({ items: createItemService({ db, publish }) }),
  loaders: ({ db }) => ({
    item: loader.keyed((ids: readonly string[]) => findItemsByIds(db, ids), (i) => i.id),
  }),
});

/** What every ${name} resolver gets; inferred from the declaration above. */
export type ${pascal}Context = ContextOf<typeof ${camel}>;

export default ${camel}.withResolvers(resolvers);
`,

    'test/domain.test.ts': `import { createItemInput } from '../src/domain/inputs';

describe('${name} input rules', () => {
  it('trims labels and refuses empty or overlong ones', () => {
    expect(createItemInput.parse({ label: '  Rau muống  ' })).toEqual({ label: 'Rau muống' });
    expect(createItemInput.safeParse({ label: '   ' }).success).toBe(false);
    expect(createItemInput.safeParse({ label: 'x'.repeat(101) }).success).toBe(false);
  });
});
`,

    'test/items.integration.test.ts': `import { randomUUID } from 'node:crypto';
import { closeDb, sql } from '../../../test/support/db';
import { errorCodes, gql, ok } from '../../../test/support/graphql';
import { register } from '../../../test/support/users';

afterAll(closeDb);

const CREATE = 'mutation($i: Create${item}Input!) { create${item}(input: $i) { id label ownerId } }';
const READ = 'query($id: ID!) { ${camel}Item(id: $id) { id label ownerId } }';

/** Through the router, on the real stack: the subgraph is composed and served. */
describe('${name} items', () => {
  it('creates an item owned by the caller, which only they read back', async () => {
    const owner = await register('${pascal} Owner');
    const label = \`Item \${randomUUID().slice(0, 8)}\`;
    const created = (await ok(CREATE, { i: { label: \`  \${label} \` } }, { token: owner.accessToken })).create${item};
    expect(created).toEqual({ id: expect.any(String), label, ownerId: owner.userId });
    expect((await ok(READ, { id: created.id }, { token: owner.accessToken })).${camel}Item).toEqual(created);

    const stranger = await register('${pascal} Stranger');
    expect(errorCodes(await gql(READ, { id: created.id }, { token: stranger.accessToken }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(READ, { id: created.id }))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses bad input with BAD_USER_INPUT and writes nothing', async () => {
    const owner = await register('${pascal} Careless');
    const res = await gql(CREATE, { i: { label: '   ' } }, { token: owner.accessToken });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(await sql('select 1 from ${name}.items where owner_id = $1', [owner.userId])).toEqual([]);
    expect(errorCodes(await gql(CREATE, { i: { label: 'x' } }))).toEqual(['UNAUTHENTICATED']);
  });
});
`,
  };
}
