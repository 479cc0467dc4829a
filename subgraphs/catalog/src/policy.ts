import { batchedLookup, definePolicy, type Db, type Verdict, type Viewer } from '@basket/platform';
import { findAdminsByIds } from './db/admins-store';
import { findVendorsByIds } from './db/vendors-store';
import { isCatalogAdmin } from './domain/read-models';

/**
 * Who may change the catalog, in one table. The catalog's own read models decide, not
 * the token alone: a demoted vendor's or admin's token stays valid for up to 15 minutes
 * and must not change the catalog. (Who may see a product is domain/visibility.ts.)
 */
export function createCatalogPolicy(db: Db) {
  const adminById = batchedLookup(
    (ids: readonly string[]) => findAdminsByIds(db, ids),
    (a) => a.id,
  );
  const vendorById = batchedLookup(
    (ids: readonly string[]) => findVendorsByIds(db, ids),
    (v) => v.id,
  );

  // One verdict per viewer object, i.e. per request: the action rules below re-ask it
  // inside write transactions, where a read through the root handle would wait on the
  // transaction itself when the database has one connection (PGlite, embedded).
  const verdicts = new WeakMap<Viewer, Promise<Verdict>>();
  function writer(viewer: Viewer): Promise<Verdict> {
    let verdict = verdicts.get(viewer);
    if (!verdict) verdicts.set(viewer, (verdict = readWriter(viewer)));
    return verdict;
  }

  async function readWriter(viewer: Viewer): Promise<Verdict> {
    if (viewer.role === 'ADMIN') return isCatalogAdmin(viewer, await adminById(viewer.userId)) || 'Your admin rights were withdrawn';
    if (viewer.role === 'VENDOR') return (await vendorById(viewer.userId))?.active === true || 'Your vendor account is not active';
    return 'Requires role VENDOR or ADMIN';
  }

  /** The writer's rule, then the action's own. */
  const asWriter =
    <S>(rule: (viewer: Viewer, subject: S) => Verdict) =>
    async (viewer: Viewer, subject: S): Promise<Verdict> => {
      const verdict = await writer(viewer);
      return verdict === true ? rule(viewer, subject) : verdict;
    };

  return definePolicy({
    /** Any change at all: an active vendor, or an admin the read model still knows. */
    'catalog:write': writer,
    /** A new product, for the caller (vendors) or for any vendor (admins). */
    'product:create': asWriter(
      (viewer, input: { vendorId?: string | null }) =>
        viewer.role === 'ADMIN' || !input.vendorId || input.vendorId === viewer.userId || 'Vendors may only create their own products',
    ),
    /** Changing a product or its variants: its own vendor, or an admin. */
    'product:manage': asWriter(
      (viewer, product: { vendorId: string }) =>
        viewer.role === 'ADMIN' || viewer.userId === product.vendorId || 'Only the product’s vendor or an admin may change it',
    ),
    /** One's own back-office list: anyone signed in (it is empty unless they sell). */
    'product:listOwn': (_viewer) => true,
  });
}

export type CatalogPolicy = ReturnType<typeof createCatalogPolicy>;
