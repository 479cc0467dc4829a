import { batchedLookup, definePolicy, type Db, type Viewer } from '@basket/platform';
import type { RoleName } from '@basket/schema';
import { findUsersByIds } from './db/users-store';

/**
 * Who may do what in accounts, in one table. Admin rights are read from the users
 * table, not the token: a demoted admin's token says ADMIN for up to its lifetime, and
 * loses the rights at once all the same.
 */
export function createAccountsPolicy(db: Db) {
  const userById = batchedLookup(
    (ids: readonly string[]) => findUsersByIds(db, ids),
    (u) => u.id,
  );
  const adminNow = async (viewer: Viewer) => viewer.role === 'ADMIN' && (await userById(viewer.userId))?.role === 'ADMIN';
  const selfOrAdmin = async (viewer: Viewer, user: { id: string }, denial: string) =>
    viewer.userId === user.id || (await adminNow(viewer)) || denial;

  return definePolicy({
    /** A whole account (Query.user): its owner or an admin. */
    'user:read': (viewer, user: { id: string }) => selfOrAdmin(viewer, user, 'Requires role ADMIN'),
    /** A user's email, phone, role and addresses, wherever the user appears. */
    'user:readPrivate': (viewer, user: { id: string }) => selfOrAdmin(viewer, user, 'Only the user themself or an admin may see this'),
    'user:list': async (viewer) => (await adminNow(viewer)) || 'Requires role ADMIN',
    'user:changeRole': async (viewer) => (await adminNow(viewer)) || 'Requires role ADMIN',
    /** One's own profile and addresses: any signed-in user. */
    'profile:update': (_viewer) => true,
    'address:manage': (_viewer) => true,
    /** Naming a shop, as the token sees the caller... */
    'shop:set': (viewer) => viewer.role === 'VENDOR' || 'Requires role VENDOR',
    /** ...and as the users table does, under the row's lock: a demoted vendor's token still says VENDOR. */
    'shop:keep': (_viewer, user: { role: RoleName }) => user.role === 'VENDOR' || 'Only vendors have a shop',
  });
}

export type AccountsPolicy = ReturnType<typeof createAccountsPolicy>;
