import fs from 'node:fs';
import path from 'node:path';
import DataLoader from 'dataloader';
import { parse } from 'graphql';
import { defineSubgraph, demoAccounts, groupedLoader, keyedLoader, outboxPublisher, type PlatformDeps } from '@basket/platform';
import { tables } from './db/schema';
import { findProductsByIds } from './db/products-store';
import { findVariantsBySkus, variantsOfProducts } from './db/variants-store';
import { childrenOf, findCategoriesByIds, rootCategories } from './db/categories-store';
import { findVendorsByIds } from './db/vendors-store';
import { ensureAdmin, findAdminsByIds } from './db/admins-store';
import { createProductService } from './service/product-service';
import { catalogConsumers } from './events';
import { resolvers, ROOT } from './resolvers';
import { seedCatalog } from './seed/seed';
import type { CatalogContext } from './context';

const NAME = 'catalog';
export const typeDefs = parse(fs.readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));

export function createSubgraph(deps: PlatformDeps) {
  const db = deps.database.db;
  const publish = outboxPublisher(NAME, tables);
  const services = { products: createProductService({ db, publish }) };
  const labels = (loader: string) => ({ service: NAME, loader });
  return defineSubgraph<CatalogContext>(deps, {
    name: NAME,
    typeDefs,
    resolvers,
    tables,
    migrationsFolder: path.join(__dirname, 'db', 'migrations'),
    consumers: catalogConsumers,
    context: (base) => ({
      ...base,
      services,
      loaders: {
        vendor: keyedLoader(
          deps.metrics,
          labels('vendor'),
          (ids) => findVendorsByIds(db, ids),
          (v) => v.id,
        ),
        admin: keyedLoader(
          deps.metrics,
          labels('admin'),
          (ids) => findAdminsByIds(db, ids),
          (a) => a.id,
        ),
        vendorProducts: new DataLoader((keys: readonly string[]) => {
          deps.metrics.loaderBatches.inc(labels('vendorProducts'));
          return Promise.all(
            keys.map((key) => {
              const [vendorId, first, after] = JSON.parse(key) as [string, number | null, string | null];
              return services.products.list({ first, after, filter: { vendorId } }).catch((err: Error) => err);
            }),
          );
        }),
        product: keyedLoader(
          deps.metrics,
          labels('product'),
          (ids) => findProductsByIds(db, ids),
          (p) => p.id,
        ),
        variant: keyedLoader(
          deps.metrics,
          labels('variant'),
          (skus) => findVariantsBySkus(db, skus),
          (v) => v.sku,
        ),
        variantsOfProduct: groupedLoader(
          deps.metrics,
          labels('variantsOfProduct'),
          (ids) => variantsOfProducts(db, ids),
          (v) => v.productId,
        ),
        category: keyedLoader(
          deps.metrics,
          labels('category'),
          (ids) => findCategoriesByIds(db, ids),
          (c) => c.id,
        ),
        childrenOf: groupedLoader(
          deps.metrics,
          labels('childrenOf'),
          async (ids) => [
            ...(ids.includes(ROOT) ? await rootCategories(db) : []),
            ...(await childrenOf(
              db,
              ids.filter((id) => id !== ROOT),
            )),
          ],
          (c) => c.parentId ?? ROOT,
        ),
      },
    }),
    seed: async () => {
      // Databases seeded before catalog kept an admins read model consumed the demo
      // admin's UserRegistered without recording it; events about it still win (as_of).
      await ensureAdmin(db, demoAccounts.admin.id);
      const created = await seedCatalog(db, publish);
      if (created) deps.logger.info({ products: created }, 'seeded demo catalog');
    },
  });
}
