import type { Tx } from '@basket/platform';
import type { Envelope, EventData } from '@basket/schema';
import { updateProduct, upsertProduct, upsertSkus } from './db/catalog-store';

type Handler<T extends 'ProductCreated' | 'ProductUpdated' | 'VariantAdded' | 'VariantRemoved'> = (
  tx: Tx,
  event: Envelope<EventData<T>>,
) => Promise<void>;

/**
 * Inventory's read model of catalog: which product (and so which vendor and category)
 * each SKU belongs to, for ownership and thresholds. Never a synchronous call to
 * catalog. Redelivery is a no-op (processed_events); each fact carries the whole state
 * of what it changes, so applying it again is harmless too.
 * What inventory publishes is declared in schema/events/inventory.ts.
 */
export const catalogHandlers: {
  ProductCreated: Handler<'ProductCreated'>;
  ProductUpdated: Handler<'ProductUpdated'>;
  VariantAdded: Handler<'VariantAdded'>;
  VariantRemoved: Handler<'VariantRemoved'>;
} = {
  ProductCreated: async (tx, { data }) => {
    await upsertProduct(tx, {
      id: data.productId,
      vendorId: data.vendorId,
      categoryId: data.categoryId,
      nameVi: data.nameVi,
      nameEn: data.nameEn,
    });
    await upsertSkus(
      tx,
      data.productId,
      data.variants.map((v) => v.sku),
    );
  },
  ProductUpdated: (tx, { data }) => updateProduct(tx, data.productId, { status: data.status, vendorId: data.vendorId }),
  VariantAdded: (tx, { data }) => upsertSkus(tx, data.productId, [data.sku]),
  VariantRemoved: (tx, { data }) => upsertSkus(tx, data.productId, [data.sku], true),
};
