import { z } from 'zod';

const variant = z.object({ sku: z.string(), unit: z.string(), priceVnd: z.number().int() });

/** Topic: catalog.events, key: product id. */
export const catalogEvents = {
  ProductCreated: {
    version: 1,
    data: z.object({
      productId: z.uuid(),
      vendorId: z.uuid(),
      categoryId: z.uuid(),
      nameVi: z.string(),
      nameEn: z.string(),
      variants: z.array(variant),
    }),
  },
  ProductUpdated: {
    version: 1,
    data: z.object({
      productId: z.uuid(),
      vendorId: z.uuid(),
      status: z.enum(['ACTIVE', 'ARCHIVED']),
      changedFields: z.array(z.string()),
    }),
  },
  VariantPriceChanged: {
    version: 1,
    data: z.object({ productId: z.uuid(), sku: z.string(), previousPriceVnd: z.number().int(), priceVnd: z.number().int() }),
  },
  /** A new SKU on an existing product: stock and pricing domains start tracking it. */
  VariantAdded: {
    version: 1,
    data: variant.extend({ productId: z.uuid(), vendorId: z.uuid(), barcode: z.string().nullable() }),
  },
  /** A SKU left its product for good: stock and pricing domains stop tracking it. */
  VariantRemoved: {
    version: 1,
    data: z.object({ productId: z.uuid(), vendorId: z.uuid(), sku: z.string() }),
  },
} as const;
