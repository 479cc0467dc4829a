import type DataLoader from 'dataloader';
import type { RequestBase } from '@basket/platform';
import type { CategoryRow, ProductRow, VariantRow } from './db/schema';
import type { ProductService } from './service/product-service';

export interface CatalogContext extends RequestBase {
  services: { products: ProductService };
  loaders: {
    product: DataLoader<string, ProductRow | null>;
    variant: DataLoader<string, VariantRow | null>;
    variantsOfProduct: DataLoader<string, VariantRow[]>;
    category: DataLoader<string, CategoryRow | null>;
    childrenOf: DataLoader<string, CategoryRow[]>;
  };
}
