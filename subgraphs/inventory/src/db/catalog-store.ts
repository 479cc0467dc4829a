import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '@basket/platform';
import { products, skus, type ProductRow } from './schema';

/** A SKU as inventory knows it from catalog's facts: its product's owner, category and names. */
export interface SkuInfo {
  sku: string;
  removed: boolean;
  product: ProductRow;
}

export async function skuInfos(db: Executor, wanted: readonly string[]): Promise<SkuInfo[]> {
  if (wanted.length === 0) return [];
  const rows = await db
    .select({ sku: skus.sku, removed: skus.removed, product: products })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(inArray(skus.sku, [...wanted]));
  return rows;
}

export async function upsertProduct(tx: Executor, row: typeof products.$inferInsert): Promise<void> {
  const { id: _id, ...set } = row;
  await tx
    .insert(products)
    .values(row)
    .onConflictDoUpdate({ target: products.id, set: { ...set, updatedAt: new Date() } });
}

export async function updateProduct(tx: Executor, id: string, set: Partial<typeof products.$inferInsert>): Promise<void> {
  await tx
    .update(products)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(products.id, id));
}

export async function upsertSkus(tx: Executor, productId: string, list: readonly string[], removed = false): Promise<void> {
  if (list.length === 0) return;
  await tx
    .insert(skus)
    .values(list.map((sku) => ({ sku, productId, removed })))
    .onConflictDoUpdate({ target: skus.sku, set: { productId, removed, updatedAt: new Date() } });
}
