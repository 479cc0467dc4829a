import path from 'node:path';
import { defineSubgraph, demoAccounts, loader, type ContextOf } from '@basket/platform';
import { tables } from './db/schema';
import { findProductsByIds } from './db/products-store';
import { findVariantsBySkus, variantsOfProducts } from './db/variants-store';
import { childrenOf, findCategoriesByIds, rootCategories } from './db/categories-store';
import { findVendorsByIds } from './db/vendors-store';
import { ensureAdmin, findAdminsByIds } from './db/admins-store';
import { createProductService, type ProductPage } from './service/product-service';
import { createCatalogPolicy } from './policy';
import { createProductChanges } from './service/product-changes';
import { catalogConsumers } from './events';
import { resolvers, ROOT } from './resolvers';
import { seedCatalog } from './seed/seed';

/** The catalog subgraph: categories, products and their variants (SKUs with VND prices). */
const catalog = defineSubgraph({
  name: 'catalog',
  root: path.join(__dirname, '..'),
  tables,
  services: ({ db, publish, deps, logger }) => ({
    products: createProductService({ db, publish, policy: createCatalogPolicy(db) }),
    // Listens to catalog.events from creation: a change made while no one listens concerns no one.
    productChanges: createProductChanges({ transport: deps.transport, logger }),
  }),
  loaders: ({ db, services }) => ({
    product: loader.keyed(
      (ids: readonly string[]) => findProductsByIds(db, ids),
      (p) => p.id,
    ),
    variant: loader.keyed(
      (skus: readonly string[]) => findVariantsBySkus(db, skus),
      (v) => v.sku,
    ),
    variantsOfProduct: loader.grouped(
      (ids: readonly string[]) => variantsOfProducts(db, ids),
      (v) => v.productId,
    ),
    category: loader.keyed(
      (ids: readonly string[]) => findCategoriesByIds(db, ids),
      (c) => c.id,
    ),
    childrenOf: loader.grouped(
      async (ids: readonly string[]) => [
        ...(ids.includes(ROOT) ? await rootCategories(db) : []),
        ...(await childrenOf(
          db,
          ids.filter((id) => id !== ROOT),
        )),
      ],
      (c) => c.parentId ?? ROOT,
    ),
    /** The catalog's read model of an administrator (active or not); null for someone never an admin. */
    admin: loader.keyed(
      (ids: readonly string[]) => findAdminsByIds(db, ids),
      (a) => a.id,
    ),
    /** The catalog's read model of a vendor (active or not). */
    vendor: loader.keyed(
      (ids: readonly string[]) => findVendorsByIds(db, ids),
      (v) => v.id,
    ),
    /** A vendor's product page, keyed by vendor id + page arguments: cycles in a query hit the cache. */
    vendorProducts: loader.batch((keys: readonly string[], request) =>
      Promise.all(
        keys.map((key): Promise<ProductPage | Error> => {
          const [vendorId, first, after] = JSON.parse(key) as [string, number | null, string | null];
          return services.products.list(request, { first, after, filter: { vendorId } }).catch((err: Error) => err);
        }),
      ),
    ),
  }),
  consumers: () => catalogConsumers,
  seed: async ({ db, publish, logger }) => {
    // Databases seeded before catalog kept an admins read model consumed the demo
    // admin's UserRegistered without recording it; events about it still win (as_of).
    await ensureAdmin(db, demoAccounts.admin.id);
    const created = await seedCatalog(db, publish);
    if (created) logger.info({ products: created }, 'seeded demo catalog');
  },
});

/** What every catalog resolver gets; inferred from the declaration above. */
export type CatalogContext = ContextOf<typeof catalog>;

export default catalog.withResolvers(resolvers);
