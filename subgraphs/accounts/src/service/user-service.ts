import {
  badInput,
  conflict,
  decodeTimeCursor,
  notFound,
  pageSize,
  parseInput,
  toConnection,
  type Db,
  type Executor,
  type Publish,
  type RequestScope,
} from '@basket/platform';
import type { RoleName } from '@basket/schema';
import * as addressStore from '../db/addresses-store';
import { findUsersByIds, listUsers, lockUser, updateUser } from '../db/users-store';
import type { AddressRow, UserRow } from '../db/schema';
import { findShopsByUserIds } from '../db/shops-store';
import type { AccountsPolicy } from '../policy';
import { ensureShop } from './shop-service';
import { addressInput, idInput, roleInput, updateProfileInput } from '../domain/inputs';

const MAX_ADDRESSES = 20;

export interface UserServiceDeps {
  db: Db;
  publish: Publish;
  policy: AccountsPolicy;
}

export function createUserService(deps: UserServiceDeps) {
  const { db, publish, policy } = deps;

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
    async user(scope: RequestScope, args: { id: unknown }): Promise<UserRow | null> {
      const id = parseInput(idInput, args.id);
      await policy.assertCan(scope.viewer, 'user:read', { id });
      const [user] = await findUsersByIds(db, [id]);
      return user ?? null;
    },

    async list(scope: RequestScope, args: { first?: number | null; after?: string | null; role?: RoleName | null }) {
      await policy.assertCan(scope.viewer, 'user:list');
      const limit = pageSize(args.first);
      const rows = await listUsers(db, { role: args.role, after: decodeTimeCursor(args.after), limit: limit + 1 });
      return toConnection(rows, limit);
    },

    async updateProfile(scope: RequestScope, args: { input: unknown }): Promise<UserRow> {
      const v = await policy.assertCan(scope.viewer, 'profile:update');
      const input = parseInput(updateProfileInput, args.input);
      return db.transaction(async (tx) => {
        if (!(await lockUser(tx, v.userId))) throw notFound('User');
        const user = await updateUser(tx, v.userId, input);
        if (input.name !== undefined) {
          await publish(
            tx,
            [{ type: 'UserProfileUpdated', aggregateId: user.id, data: { userId: user.id, name: user.name } }],
            scope.correlationId,
          );
        }
        return user;
      });
    },

    async changeRole(scope: RequestScope, args: { userId: unknown; role: unknown }): Promise<UserRow> {
      const admin = await policy.assertCan(scope.viewer, 'user:changeRole');
      const userId = parseInput(idInput, args.userId);
      const role = parseInput(roleInput, args.role);
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
          scope.correlationId,
        );
        return user;
      });
    },

    async addAddress(scope: RequestScope, args: { input: unknown }): Promise<AddressRow> {
      const v = await policy.assertCan(scope.viewer, 'address:manage');
      const input = parseInput(addressInput, args.input);
      return db.transaction(async (tx) => {
        await lockUser(tx, v.userId);
        const count = await addressStore.countAddresses(tx, v.userId);
        if (count >= MAX_ADDRESSES) throw badInput(`At most ${MAX_ADDRESSES} addresses per user`);
        const isDefault = count === 0 || input.isDefault === true;
        if (isDefault) await addressStore.clearDefault(tx, v.userId);
        return addressStore.insertAddress(tx, { ...input, userId: v.userId, isDefault });
      });
    },

    async updateAddress(scope: RequestScope, args: { id: unknown; input: unknown }): Promise<AddressRow> {
      const v = await policy.assertCan(scope.viewer, 'address:manage');
      const input = parseInput(addressInput, args.input);
      return withOwnAddress(v.userId, parseInput(idInput, args.id), async (tx, existing) => {
        // Unsetting the only default is ignored: a user with addresses always has one.
        const isDefault = existing.isDefault || input.isDefault === true;
        if (isDefault && !existing.isDefault) await addressStore.clearDefault(tx, v.userId);
        return addressStore.updateAddress(tx, existing.id, { ...input, isDefault });
      });
    },

    async deleteAddress(scope: RequestScope, args: { id: unknown }): Promise<boolean> {
      const v = await policy.assertCan(scope.viewer, 'address:manage');
      await withOwnAddress(v.userId, parseInput(idInput, args.id), async (tx, existing) => {
        await addressStore.deleteAddress(tx, existing.id);
        if (existing.isDefault) {
          const next = await addressStore.newestAddress(tx, v.userId);
          if (next) await addressStore.updateAddress(tx, next.id, { isDefault: true });
        }
      });
      return true;
    },

    async setDefaultAddress(scope: RequestScope, args: { id: unknown }): Promise<AddressRow> {
      const v = await policy.assertCan(scope.viewer, 'address:manage');
      return withOwnAddress(v.userId, parseInput(idInput, args.id), async (tx, existing) => {
        await addressStore.clearDefault(tx, v.userId);
        return addressStore.updateAddress(tx, existing.id, { isDefault: true });
      });
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
