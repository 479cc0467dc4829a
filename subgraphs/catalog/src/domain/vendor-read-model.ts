import type { RoleName } from '@basket/schema';

/**
 * What an accounts fact means for the catalog's vendor list: a user is an active
 * vendor exactly while their role is VENDOR. Returns null when the fact is about
 * someone the catalog has no reason to know (a customer who never sold).
 */
export function vendorStateAfter(
  role: RoleName,
  name: string,
  known: boolean,
): { name: string; active: boolean } | null {
  if (role === 'VENDOR') return { name, active: true };
  return known ? { name, active: false } : null;
}
