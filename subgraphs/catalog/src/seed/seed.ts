import { demoAccounts, type Db, type Publish } from '@basket/platform';
import { categories, products, variants } from '../db/schema';
import { countProducts } from '../db/products-store';
import { demoCategories, demoProducts } from './demo-catalog';

const vendorIds = { A: demoAccounts.vendorA.id, B: demoAccounts.vendorB.id } as const;

/**
 * Demo catalog for embedded mode: the category tree and a few hundred products with
 * vi/en texts. Runs once (skipped when any product exists) in one transaction, and
 * publishes ProductCreated like any other write so consumers see the same facts.
 */
export async function seedCatalog(db: Db, publish: Publish): Promise<number> {
  if ((await countProducts(db)) > 0) return 0;
  return db.transaction(async (tx) => {
    const categoryIds = new Map<string, string>();
    for (const [position, c] of demoCategories.entries()) {
      const parentId = c.parentSlug ? categoryIds.get(c.parentSlug) : null;
      if (parentId === undefined) throw new Error(`demo category ${c.slug} lists its parent after itself`);
      const [row] = await tx
        .insert(categories)
        .values({ slug: c.slug, parentId, nameVi: c.nameVi, nameEn: c.nameEn, position })
        .returning();
      categoryIds.set(c.slug, row!.id);
    }
    // Spread creation times so "newest first" and cursors have a stable, realistic order.
    const start = Date.now() - demoProducts.length * 60_000;
    const rows = await tx
      .insert(products)
      .values(
        demoProducts.map((p, i) => ({
          slug: p.slug,
          vendorId: vendorIds[p.vendor],
          categoryId: categoryIds.get(p.categorySlug)!,
          nameVi: p.nameVi,
          nameEn: p.nameEn,
          descriptionVi: p.descriptionVi,
          descriptionEn: p.descriptionEn,
          perishable: p.perishable,
          shelfLifeDays: p.shelfLifeDays,
          createdAt: new Date(start + i * 60_000),
          updatedAt: new Date(start + i * 60_000),
        })),
      )
      .returning({ id: products.id, slug: products.slug, vendorId: products.vendorId, categoryId: products.categoryId });
    const idBySlug = new Map(rows.map((r) => [r.slug, r]));
    await tx.insert(variants).values(
      demoProducts.flatMap((p) =>
        p.variants.map((v) => ({
          sku: v.sku,
          productId: idBySlug.get(p.slug)!.id,
          unitVi: v.unitVi,
          unitEn: v.unitEn,
          priceVnd: v.priceVnd,
          barcode: v.barcode,
        })),
      ),
    );
    await publish(
      tx,
      demoProducts.map((p) => {
        const row = idBySlug.get(p.slug)!;
        return {
          type: 'ProductCreated' as const,
          aggregateId: row.id,
          data: {
            productId: row.id,
            vendorId: row.vendorId,
            categoryId: row.categoryId,
            nameVi: p.nameVi,
            nameEn: p.nameEn,
            variants: p.variants.map((v) => ({ sku: v.sku, unit: v.unitVi, priceVnd: v.priceVnd })),
          },
        };
      }),
    );
    return rows.length;
  });
}
