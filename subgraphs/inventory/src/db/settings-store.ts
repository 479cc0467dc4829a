import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '@basket/platform';
import { categoryThresholds, skuThresholds, substitutes } from './schema';

export async function substitutesOf(db: Executor, skus: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (skus.length === 0) return result;
  const rows = await db
    .select()
    .from(substitutes)
    .where(inArray(substitutes.sku, [...skus]))
    .orderBy(asc(substitutes.sku), asc(substitutes.position));
  for (const r of rows) result.set(r.sku, [...(result.get(r.sku) ?? []), r.alternativeSku]);
  return result;
}

/** Replaces a SKU's list whole: positions follow the given order. */
export async function replaceSubstitutes(tx: Tx, sku: string, alternatives: readonly string[]): Promise<void> {
  await tx.delete(substitutes).where(eq(substitutes.sku, sku));
  if (alternatives.length) {
    await tx.insert(substitutes).values(alternatives.map((alternativeSku, position) => ({ sku, position, alternativeSku })));
  }
}

export async function skuThresholdsOf(db: Executor, skus: readonly string[]) {
  if (skus.length === 0) return [];
  return db
    .select()
    .from(skuThresholds)
    .where(inArray(skuThresholds.sku, [...skus]));
}

export async function categoryThresholdsOf(db: Executor, categoryIds: readonly string[]) {
  if (categoryIds.length === 0) return [];
  return db
    .select()
    .from(categoryThresholds)
    .where(inArray(categoryThresholds.categoryId, [...categoryIds]));
}

export async function setSkuThreshold(
  tx: Executor,
  sku: string,
  values: { lowStock?: number | null; nearExpiryDays?: number | null },
): Promise<void> {
  await tx
    .insert(skuThresholds)
    .values({ sku, ...values })
    .onConflictDoUpdate({ target: skuThresholds.sku, set: { ...values, updatedAt: new Date() } });
}

export async function setCategoryThreshold(tx: Executor, categoryId: string, nearExpiryDays: number | null): Promise<void> {
  if (nearExpiryDays === null) {
    await tx.delete(categoryThresholds).where(eq(categoryThresholds.categoryId, categoryId));
    return;
  }
  await tx
    .insert(categoryThresholds)
    .values({ categoryId, nearExpiryDays })
    .onConflictDoUpdate({ target: categoryThresholds.categoryId, set: { nearExpiryDays, updatedAt: sql`now()` } });
}
