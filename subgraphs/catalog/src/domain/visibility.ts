import type { Viewer } from '@basket/platform';

/**
 * Who may see a product: everyone while it is ACTIVE and its vendor is an active
 * seller; its own vendor and admins always. One rule for every way in (listing,
 * product, variant, _entities), so no path shows more than another.
 */
export function isProductVisible(
  product: { status: 'ACTIVE' | 'ARCHIVED'; vendorId: string },
  vendorActive: boolean,
  viewer: Viewer | null,
): boolean {
  if (viewer?.role === 'ADMIN' || (viewer && viewer.userId === product.vendorId)) return true;
  return product.status === 'ACTIVE' && vendorActive;
}
