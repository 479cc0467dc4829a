import { and, desc, eq, exists, gte, ilike, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { onlyUuids, type Executor } from '@basket/platform';
import { categories, products, variants, vendors, type ProductRow } from './schema';
import type { ProductFilterInput } from '../domain/inputs';

export interface ListOptions {
  filter: ProductFilterInput;
  after?: { createdAt: Date; id: string };
  limit: number;
}

/** The public listing: active products, newest first, keyset-paginated on (created_at, id). */
export async function listProducts(db: Executor, { filter, after, limit }: ListOptions): Promise<ProductRow[]> {
  const where: SQL[] = [
    eq(products.status, 'ACTIVE'),
    // Only active sellers' products are on sale; a demoted vendor's disappear at once.
    exists(
      db
        .select({ one: sql`1` })
        .from(vendors)
        .where(and(eq(vendors.id, products.vendorId), eq(vendors.active, true))),
    ),
  ];
  if (filter.vendorId) where.push(eq(products.vendorId, filter.vendorId));
  if (filter.categoryId) {
    // The category and every descendant, at any depth.
    where.push(
      inArray(
        products.categoryId,
        sql`(with recursive tree(id) as (
               select ${categories.id} from ${categories} where ${categories.id} = ${filter.categoryId}
               union all
               select c.id from ${categories} c join tree on c.parent_id = tree.id)
             select id from tree)`,
      ),
    );
  }
  if (filter.minPriceVnd != null || filter.maxPriceVnd != null) {
    const price: SQL[] = [eq(variants.productId, products.id)];
    if (filter.minPriceVnd != null) price.push(gte(variants.priceVnd, filter.minPriceVnd));
    if (filter.maxPriceVnd != null) price.push(lte(variants.priceVnd, filter.maxPriceVnd));
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(variants)
          .where(and(...price)),
      ),
    );
  }
  if (filter.search) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(products.nameVi, pattern), ilike(products.nameEn, pattern))!);
  }
  if (after) where.push(afterPosition(after));
  return db
    .select()
    .from(products)
    .where(and(...where))
    .orderBy(desc(products.createdAt), desc(products.id))
    .limit(limit);
}

/** Rows after a keyset position in the newest-first order. */
function afterPosition(after: { createdAt: Date; id: string }): SQL {
  return or(lt(products.createdAt, after.createdAt), and(eq(products.createdAt, after.createdAt), lt(products.id, after.id)))!;
}

/**
 * One vendor's own products in any status (the vendor's back office), newest first,
 * keyset-paginated like the public listing.
 */
export async function listVendorProducts(
  db: Executor,
  options: { vendorId: string; status?: ProductRow['status'] | null; after?: { createdAt: Date; id: string }; limit: number },
): Promise<ProductRow[]> {
  const where: SQL[] = [eq(products.vendorId, options.vendorId)];
  if (options.status) where.push(eq(products.status, options.status));
  if (options.after) where.push(afterPosition(options.after));
  return db
    .select()
    .from(products)
    .where(and(...where))
    .orderBy(desc(products.createdAt), desc(products.id))
    .limit(options.limit);
}

export async function findProductsByIds(db: Executor, ids: readonly string[]): Promise<ProductRow[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return [];
  return db.select().from(products).where(inArray(products.id, valid));
}

export async function findProductBySlug(db: Executor, slug: string): Promise<ProductRow | null> {
  const [row] = await db.select().from(products).where(eq(products.slug, slug));
  return row ?? null;
}

export async function lockProduct(tx: Executor, id: string): Promise<ProductRow | null> {
  const [row] = await tx.select().from(products).where(eq(products.id, id)).for('update');
  return row ?? null;
}

export async function insertProduct(tx: Executor, values: typeof products.$inferInsert): Promise<ProductRow | null> {
  const [row] = await tx.insert(products).values(values).onConflictDoNothing({ target: products.slug }).returning();
  return row ?? null;
}

export async function updateProduct(tx: Executor, id: string, patch: Partial<typeof products.$inferInsert>): Promise<ProductRow> {
  const [row] = await tx
    .update(products)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(products.id, id))
    .returning();
  if (!row) throw new Error(`product ${id} vanished inside its own transaction`);
  return row;
}

export async function countProducts(db: Executor): Promise<number> {
  return db.$count(products);
}
