import { pgSchema } from 'drizzle-orm/pg-core';
import { defineRegistry, defineSubgraph, type ContextOf } from '../src/manifest';
import { loader } from '../src/loaders';
import { eventTables } from '../src/events/tables';

interface ShelfRow {
  id: string;
  label: string;
}

const shelves = defineSubgraph({
  name: 'shelves',
  root: __dirname,
  tables: eventTables(pgSchema('shelves')),
  services: () => ({ shelves: { count: (_scope: unknown, args: { aisle: number }) => args.aisle } }),
  loaders: () => ({
    shelf: loader.keyed(
      (ids: readonly string[]) => Promise.resolve(ids.map((id): ShelfRow => ({ id, label: id }))),
      (s) => s.id,
    ),
    aisle: loader.grouped(
      (_ids: readonly string[]) => Promise.resolve([] as ShelfRow[]),
      (s) => s.id,
    ),
  }),
  requestState: () => ({ seen: new Set<string>() }),
});
type ShelvesContext = ContextOf<typeof shelves>;

// Type-level, checked by `npm run typecheck`: the context is inferred from the declaration,
// and each line below fails to compile without its directive.
export async function contextIsInferred(ctx: ShelvesContext): Promise<void> {
  const row: ShelfRow | null = await ctx.loaders.shelf.load('a');
  const rows: ShelfRow[] = await ctx.loaders.aisle.load('a');
  const count: number = ctx.services.shelves.count(ctx, { aisle: 3 });
  ctx.seen.add(ctx.correlationId);
  void [row, rows, count];
  // @ts-expect-error no such loader
  void ctx.loaders.bay;
  // @ts-expect-error a keyed loader answers a row or null, not a list
  const wrong: ShelfRow[] = await ctx.loaders.shelf.load('a');
  // @ts-expect-error the service's argument object is typed
  void ctx.services.shelves.count(ctx, { aisle: 'three' });
  void wrong;
}

export function registryKeysAreManifestNames(): void {
  const manifest = shelves.withResolvers({});
  defineRegistry({ shelves: manifest });
  // @ts-expect-error registered under another name than its own
  defineRegistry({ racks: manifest });
}

describe('defineSubgraph', () => {
  it('refuses tables outside the subgraph’s own Postgres schema', () => {
    expect(() => defineSubgraph({ name: 'shelves', root: __dirname, tables: eventTables(pgSchema('racks')) })).toThrow(
      "subgraph shelves: its tables are in pgSchema('racks'); use pgSchema('shelves')",
    );
  });

  it('completes a manifest with its name', () => {
    const manifest = shelves.withResolvers({});
    expect(manifest.name).toBe('shelves');
    expect(manifest.issuesTokens).toBe(false);
  });
});
