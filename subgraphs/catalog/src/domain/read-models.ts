import type { RoleName } from '@basket/schema';

/**
 * What an accounts fact means for the catalog's vendor list: a user is an active
 * vendor exactly while their role is VENDOR. Returns null when the fact is about
 * someone the catalog has no reason to know (a customer who never sold).
 */
export function vendorStateAfter(role: RoleName, name: string, known: boolean): { name: string; active: boolean } | null {
  if (role === 'VENDOR') return { name, active: true };
  return known ? { name, active: false } : null;
}

/**
 * The same for the catalog's admin list: an admin exactly while the role is ADMIN;
 * null for someone who never was one.
 */
export function adminStateAfter(role: RoleName, known: boolean): { active: boolean } | null {
  if (role === 'ADMIN') return { active: true };
  return known ? { active: false } : null;
}

/**
 * A caller is an admin for the catalog only when the token says so AND the read
 * model still does: the token's claim outlives a demotion, the read model does not.
 */
export function isCatalogAdmin(viewer: { role: RoleName } | null, admin: { active: boolean } | null | undefined): boolean {
  return viewer?.role === 'ADMIN' && admin?.active === true;
}
