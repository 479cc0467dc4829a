import { eq, inArray, or, sql } from 'drizzle-orm';
import { onlyUuids, type Executor } from '@basket/platform';
import { shops, type ShopRow } from './schema';

export async function findShopsByUserIds(db: Executor, userIds: readonly string[]): Promise<ShopRow[]> {
  const valid = onlyUuids(userIds);
  if (valid.length === 0) return [];
  return db.select().from(shops).where(inArray(shops.userId, valid));
}

export async function findShopBySlug(db: Executor, slug: string): Promise<ShopRow | null> {
  const [row] = await db.select().from(shops).where(eq(shops.slug, slug));
  return row ?? null;
}

/** Shops already holding this name (ignoring case) or slug. */
export async function shopsNamed(db: Executor, name: string, slug: string): Promise<ShopRow[]> {
  return db
    .select()
    .from(shops)
    .where(or(sql`lower(${shops.name}) = lower(${name})`, eq(shops.slug, slug)));
}

/** Inserts unless the user, the name or the slug already has a shop; null then. */
export async function insertShopIfFree(tx: Executor, values: { userId: string; name: string; slug: string }): Promise<ShopRow | null> {
  const [row] = await tx.insert(shops).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Sets a user's shop; a name or slug held by another shop fails with a unique violation. */
export async function upsertShop(tx: Executor, values: { userId: string; name: string; slug: string }): Promise<ShopRow> {
  const [row] = await tx
    .insert(shops)
    .values(values)
    .onConflictDoUpdate({ target: shops.userId, set: { name: values.name, slug: values.slug, updatedAt: new Date() } })
    .returning();
  return row!;
}
