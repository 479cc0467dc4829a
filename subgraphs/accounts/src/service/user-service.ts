import {
  badInput,
  conflict,
  decodeTimeCursor,
  forbidden,
  notFound,
  pageSize,
  parseInput,
  requireRole,
  requireViewer,
  toConnection,
  type Db,
  type Executor,
  type Publish,
  type Viewer,
} from '@basket/platform';
import type { RoleName } from '@basket/schema';
import * as addressStore from '../db/addresses-store';
import { findUsersByIds, listUsers, lockUser, updateUser } from '../db/users-store';
import type { AddressRow, UserRow } from '../db/schema';
import { findShopsByUserIds } from '../db/shops-store';
import { ensureShop } from './shop-service';
import { addressInput, idInput, roleInput, updateProfileInput } from '../domain/inputs';

const MAX_ADDRESSES = 20;

export interface UserServiceDeps {
  db: Db;
  publish: Publish;
}

export interface PrivacyContext {
  viewer: Viewer | null;
  /** Users who proved their identity in this request (register, login, refresh). */
  provenUserIds: Set<string>;
  loaders: { user: { load(id: string): Promise<UserRow | null> } };
}

/**
 * Self or admin: the rule for a user's private fields and addresses. Admin rights
 * are read from the database, not the token, so a demoted admin loses them at once.
 */
export async function assertSelfOrAdmin(ctx: PrivacyContext, userId: string): Promise<true> {
  if (ctx.provenUserIds.has(userId)) return true;
  const v = requireViewer(ctx.viewer);
  if (v.userId === userId) return true;
  if (v.role === 'ADMIN' && (await ctx.loaders.user.load(v.userId))?.role === 'ADMIN') return true;
  throw forbidden('Only the user themself or an admin may see this');
}

export function createUserService(deps: UserServiceDeps) {
  const { db, publish } = deps;

  /** An admin by token and, right now, by the users table. */
  async function currentAdmin(viewer: Viewer | null): Promise<Viewer> {
    const admin = requireRole(viewer, 'ADMIN');
    const [row] = await findUsersByIds(db, [admin.userId]);
    if (row?.role !== 'ADMIN') throw forbidden('Requires role ADMIN');
    return admin;
  }

  /**
   * Runs fn with the user's row locked and their address re-read under that lock, so
   * concurrent default changes and deletes serialise per user.
   */
  async function withOwnAddress<T>(userId: string, addressId: string, fn: (tx: Executor, address: AddressRow) => Promise<T>): Promise<T> {
    return db.transaction(async (tx) => {
      await lockUser(tx, userId);
      const address = await addressStore.findAddress(tx, userId, addressId);
      if (!address) throw notFound('Address');
      return fn(tx, address);
    });
  }

  return {
    async user(viewer: Viewer | null, rawId: unknown): Promise<UserRow | null> {
      const id = parseInput(idInput, rawId);
      if (requireViewer(viewer).userId !== id) await currentAdmin(viewer);
      const [user] = await findUsersByIds(db, [id]);
      return user ?? null;
    },

    async list(viewer: Viewer | null, args: { first?: number | null; after?: string | null; role?: RoleName | null }) {
      await currentAdmin(viewer);
      const limit = pageSize(args.first);
      const rows = await listUsers(db, { role: args.role, after: decodeTimeCursor(args.after), limit: limit + 1 });
      return toConnection(rows, limit);
    },

    async updateProfile(viewer: Viewer | null, raw: unknown, traceId: string): Promise<UserRow> {
      const v = requireViewer(viewer);
      const input = parseInput(updateProfileInput, raw);
      return db.transaction(async (tx) => {
        if (!(await lockUser(tx, v.userId))) throw notFound('User');
        const user = await updateUser(tx, v.userId, input);
        if (input.name !== undefined) {
          await publish(tx, [{ type: 'UserProfileUpdated', aggregateId: user.id, data: { userId: user.id, name: user.name } }], traceId);
        }
        return user;
      });
    },

    async changeRole(viewer: Viewer | null, rawUserId: unknown, rawRole: unknown, traceId: string): Promise<UserRow> {
      const admin = await currentAdmin(viewer);
      const userId = parseInput(idInput, rawUserId);
      const role = parseInput(roleInput, rawRole);
      if (userId === admin.userId) throw conflict('Admins cannot change their own role');
      return db.transaction(async (tx) => {
        const current = await lockUser(tx, userId);
        if (!current) throw notFound('User');
        if (current.role === role) return current;
        const user = await updateUser(tx, userId, { role });
        // A new vendor gets a default shop; a former one keeps theirs. Either way the fact names it.
        const shop = role === 'VENDOR' ? await ensureShop(tx, user) : (await findShopsByUserIds(tx, [userId]))[0];
        await publish(
          tx,
          [
            {
              type: 'UserRoleChanged',
              aggregateId: userId,
              data: { userId, name: user.name, previousRole: current.role, role, shopName: shop?.name },
            },
          ],
          traceId,
        );
        return user;
      });
    },

    async addAddress(viewer: Viewer | null, raw: unknown): Promise<AddressRow> {
      const v = requireViewer(viewer);
      const input = parseInput(addressInput, raw);
      return db.transaction(async (tx) => {
        await lockUser(tx, v.userId);
        const count = await addressStore.countAddresses(tx, v.userId);
        if (count >= MAX_ADDRESSES) throw badInput(`At most ${MAX_ADDRESSES} addresses per user`);
        const isDefault = count === 0 || input.isDefault === true;
        if (isDefault) await addressStore.clearDefault(tx, v.userId);
        return addressStore.insertAddress(tx, { ...input, userId: v.userId, isDefault });
      });
    },

    async updateAddress(viewer: Viewer | null, rawId: unknown, raw: unknown): Promise<AddressRow> {
      const v = requireViewer(viewer);
      const input = parseInput(addressInput, raw);
      return withOwnAddress(v.userId, parseInput(idInput, rawId), async (tx, existing) => {
        // Unsetting the only default is ignored: a user with addresses always has one.
        const isDefault = existing.isDefault || input.isDefault === true;
        if (isDefault && !existing.isDefault) await addressStore.clearDefault(tx, v.userId);
        return addressStore.updateAddress(tx, existing.id, { ...input, isDefault });
      });
    },

    async deleteAddress(viewer: Viewer | null, rawId: unknown): Promise<boolean> {
      const v = requireViewer(viewer);
      await withOwnAddress(v.userId, parseInput(idInput, rawId), async (tx, existing) => {
        await addressStore.deleteAddress(tx, existing.id);
        if (existing.isDefault) {
          const next = await addressStore.newestAddress(tx, v.userId);
          if (next) await addressStore.updateAddress(tx, next.id, { isDefault: true });
        }
      });
      return true;
    },

    async setDefaultAddress(viewer: Viewer | null, rawId: unknown): Promise<AddressRow> {
      const v = requireViewer(viewer);
      return withOwnAddress(v.userId, parseInput(idInput, rawId), async (tx, existing) => {
        await addressStore.clearDefault(tx, v.userId);
        return addressStore.updateAddress(tx, existing.id, { isDefault: true });
      });
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
