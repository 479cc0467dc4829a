/** Who is asking, as the catalog sees it: admin only when the admins read model agrees with the token. */
export interface CatalogAccess {
  userId: string;
  admin: boolean;
}

/**
 * Who may see a product: everyone while it is ACTIVE and its vendor is an active
 * seller; its own vendor and admins always. One rule for every way in (listing,
 * product, variant, _entities), so no path shows more than another.
 */
export function isProductVisible(
  product: { status: 'ACTIVE' | 'ARCHIVED'; vendorId: string },
  vendorActive: boolean,
  access: CatalogAccess | null,
): boolean {
  if (access?.admin || (access && access.userId === product.vendorId)) return true;
  return product.status === 'ACTIVE' && vendorActive;
}
