import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '@basket/platform';
import { skus, type SkuRow } from './schema';

/** upsert-skus: a product's variants as catalog announced them (ProductCreated, VariantAdded). */
export async function upsertSkus(tx: Tx, rows: Omit<typeof skus.$inferInsert, 'updatedAt'>[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(skus)
    .values(rows)
    .onConflictDoUpdate({
      target: skus.sku,
      set: {
        productId: sql`excluded.product_id`,
        vendorId: sql`excluded.vendor_id`,
        nameVi: sql`excluded.name_vi`,
        nameEn: sql`excluded.name_en`,
        unit: sql`excluded.unit`,
        priceVnd: sql`excluded.price_vnd`,
        available: sql`excluded.available`,
        updatedAt: new Date(),
      },
    });
}

/** set-sku-price (VariantPriceChanged) */
export async function setSkuPrice(tx: Tx, sku: string, priceVnd: number): Promise<void> {
  await tx.update(skus).set({ priceVnd, updatedAt: new Date() }).where(eq(skus.sku, sku));
}

/** remove-sku (VariantRemoved): kept, so carts can show the line as no longer sold. */
export async function markSkuRemoved(tx: Tx, sku: string): Promise<void> {
  await tx.update(skus).set({ available: false, updatedAt: new Date() }).where(eq(skus.sku, sku));
}

/** set-product-active (ProductUpdated status) */
export async function setProductActive(tx: Tx, productId: string, active: boolean): Promise<void> {
  await tx.update(skus).set({ productActive: active, updatedAt: new Date() }).where(eq(skus.productId, productId));
}

/** find-skus */
export async function findSkus(executor: Executor, keys: readonly string[]): Promise<SkuRow[]> {
  if (keys.length === 0) return [];
  return executor
    .select()
    .from(skus)
    .where(inArray(skus.sku, [...keys]));
}

/** Whether a SKU can be bought now. */
export const isSellable = (row: SkuRow | null | undefined): row is SkuRow => !!row && row.available && row.productActive;

/** product-names: what a product's other variants say about it (names, whether it is active). */
export async function findProductNames(executor: Executor, productId: string) {
  const [row] = await executor
    .select({ nameVi: skus.nameVi, nameEn: skus.nameEn, productActive: skus.productActive })
    .from(skus)
    .where(eq(skus.productId, productId))
    .limit(1);
  return row ?? null;
}
