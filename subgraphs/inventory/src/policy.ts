import { definePolicy } from '@basket/platform';
import type { SkuInfo } from './db/catalog-store';

/**
 * Who may do what to stock, in one place. A SKU's stock is its vendor's business (they
 * receive it, count it, set its alternatives) and the admins'; category-wide settings
 * are the admins' alone. The vendor comes from catalog's facts (the read model), not
 * from anything the caller sends.
 */
export const inventoryPolicy = definePolicy({
  'stock:read': (viewer, sku: SkuInfo) => viewer.role === 'ADMIN' || sku.product.vendorId === viewer.userId,
  'stock:manage': (viewer, sku: SkuInfo) =>
    viewer.role === 'ADMIN' ||
    (viewer.role === 'VENDOR' && sku.product.vendorId === viewer.userId) ||
    'Only the SKU’s vendor or an admin may manage its stock',
  'thresholds:category': (viewer) => viewer.role === 'ADMIN' || 'Only admins set thresholds for a whole category',
});
