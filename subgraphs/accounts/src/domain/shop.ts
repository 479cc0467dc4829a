import { z } from 'zod';
import { slugify } from '@basket/schema';

export interface ShopIdentity {
  name: string;
  slug: string;
}

/** A shop name as a vendor gives it: trimmed, inner whitespace collapsed, with something to build a slug from. */
export const shopNameInput = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(2, 'must be at least 2 characters')
      .max(80, 'must be at most 80 characters')
      .refine((s) => slugify(s).length > 0, 'must contain a letter or a digit'),
  );

export const shopOf = (name: string): ShopIdentity => ({ name, slug: slugify(name) });

/**
 * The shop a user gets on becoming a vendor, until they name it (setShop): their
 * display name when that name and its slug are free, else the name followed by the
 * first 8 characters of their id, else by the whole id (unique in practice). Tried
 * in this order; the unique indexes decide races.
 */
export function defaultShopCandidates(user: { id: string; name: string }): ShopIdentity[] {
  const base = user.name.trim().slice(0, 60);
  return [base, `${base} ${user.id.slice(0, 8)}`, `${base} ${user.id}`].map(shopOf).filter((s) => s.slug.length > 0);
}

/**
 * Vendors promoted before shops existed have no row: they read as their display name
 * and the whole-id slug of the last default (unique in practice).
 */
export function legacyShop(user: { id: string; name: string }): ShopIdentity {
  return { name: user.name, slug: defaultShopCandidates(user).at(-1)!.slug };
}
