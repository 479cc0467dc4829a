import { asc, eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '@basket/platform';
import { variants, type VariantRow } from './schema';

export async function variantsOfProducts(db: Executor, productIds: readonly string[]): Promise<VariantRow[]> {
  if (productIds.length === 0) return [];
  return db
    .select()
    .from(variants)
    .where(inArray(variants.productId, [...productIds]))
    .orderBy(asc(variants.priceVnd), asc(variants.sku));
}

export async function findVariantsBySkus(db: Executor, skus: readonly string[]): Promise<VariantRow[]> {
  if (skus.length === 0) return [];
  return db
    .select()
    .from(variants)
    .where(inArray(variants.sku, [...skus]));
}

/** SKUs or barcodes among these that already exist; to report CONFLICT before inserting. */
export async function takenIdentifiers(db: Executor, skus: string[], barcodes: string[]): Promise<VariantRow[]> {
  const clauses = [inArray(variants.sku, skus)];
  if (barcodes.length) clauses.push(inArray(variants.barcode, barcodes));
  return db
    .select()
    .from(variants)
    .where(or(...clauses));
}

export async function insertVariants(tx: Executor, values: (typeof variants.$inferInsert)[]): Promise<VariantRow[]> {
  return tx.insert(variants).values(values).returning();
}

export async function lockVariant(tx: Executor, sku: string): Promise<VariantRow | null> {
  const [row] = await tx.select().from(variants).where(eq(variants.sku, sku)).for('update');
  return row ?? null;
}

export async function setPrice(tx: Executor, sku: string, priceVnd: number): Promise<VariantRow> {
  const [row] = await tx.update(variants).set({ priceVnd }).where(eq(variants.sku, sku)).returning();
  return row!;
}

export async function countVariants(db: Executor, productId: string): Promise<number> {
  return db.$count(variants, eq(variants.productId, productId));
}

export async function deleteVariant(tx: Executor, sku: string): Promise<void> {
  await tx.delete(variants).where(eq(variants.sku, sku));
}
