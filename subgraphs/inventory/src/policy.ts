import { forbidden, requireViewer, type Viewer } from '@basket/platform';
import type { SkuInfo } from './db/catalog-store';

/**
 * Who may do what to stock, in one place. A SKU's stock is its vendor's business (they
 * receive it, count it, set its alternatives) and the admins'; category-wide settings
 * are the admins' alone.
 */
export const inventoryPolicy = {
  'stock:read': (viewer: Viewer, sku: SkuInfo) => viewer.role === 'ADMIN' || sku.product.vendorId === viewer.userId,
  'stock:manage': (viewer: Viewer, sku: SkuInfo) =>
    viewer.role === 'ADMIN' || (viewer.role === 'VENDOR' && sku.product.vendorId === viewer.userId),
  'thresholds:category': (viewer: Viewer, _category: null) => viewer.role === 'ADMIN',
} as const;

type Action = keyof typeof inventoryPolicy;
type Subject<A extends Action> = Parameters<(typeof inventoryPolicy)[A]>[1];

export function can<A extends Action>(viewer: Viewer | null, action: A, subject: Subject<A>): boolean {
  if (!viewer) return false;
  return (inventoryPolicy[action] as (v: Viewer, s: Subject<A>) => boolean)(viewer, subject);
}

/** UNAUTHENTICATED without a viewer, FORBIDDEN when the policy says no. */
export function assertCan<A extends Action>(viewer: Viewer | null, action: A, subject: Subject<A>): Viewer {
  const v = requireViewer(viewer);
  if (!can(v, action, subject)) throw forbidden(`Not allowed: ${action}`);
  return v;
}
