import { asc, eq, inArray } from 'drizzle-orm';
import { onlyUuids, type Executor } from '@basket/platform';
import { categories, type CategoryRow } from './schema';

export async function findCategoriesByIds(db: Executor, ids: readonly string[]): Promise<CategoryRow[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return [];
  return db.select().from(categories).where(inArray(categories.id, valid));
}

export async function childrenOf(db: Executor, parentIds: readonly string[]): Promise<CategoryRow[]> {
  if (parentIds.length === 0) return [];
  return db
    .select()
    .from(categories)
    .where(inArray(categories.parentId, [...parentIds]))
    .orderBy(asc(categories.position));
}

export async function rootCategories(db: Executor): Promise<CategoryRow[]> {
  const all = await db.select().from(categories).orderBy(asc(categories.position));
  return all.filter((c) => c.parentId === null);
}

export async function findCategoryBySlug(db: Executor, slug: string): Promise<CategoryRow | null> {
  const [row] = await db.select().from(categories).where(eq(categories.slug, slug));
  return row ?? null;
}

export async function insertCategory(tx: Executor, values: typeof categories.$inferInsert): Promise<CategoryRow> {
  const [row] = await tx.insert(categories).values(values).returning();
  return row!;
}
