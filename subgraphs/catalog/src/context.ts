import type DataLoader from 'dataloader';
import type { RequestBase } from '@basket/platform';
import type { AdminRow, CategoryRow, ProductRow, VariantRow, VendorRow } from './db/schema';
import type { ProductService } from './service/product-service';

export interface CatalogContext extends RequestBase {
  services: { products: ProductService };
  loaders: {
    product: DataLoader<string, ProductRow | null>;
    variant: DataLoader<string, VariantRow | null>;
    variantsOfProduct: DataLoader<string, VariantRow[]>;
    category: DataLoader<string, CategoryRow | null>;
    childrenOf: DataLoader<string, CategoryRow[]>;
    /** The catalog's read model of an administrator (active or not); null for someone never an admin. */
    admin: DataLoader<string, AdminRow | null>;
    /** The catalog's read model of a vendor (active or not). */
    vendor: DataLoader<string, VendorRow | null>;
    /** A vendor's product page, keyed by vendor id + page arguments: cycles in a query hit the cache. */
    vendorProducts: DataLoader<string, Awaited<ReturnType<ProductService['list']>>>;
  };
}
