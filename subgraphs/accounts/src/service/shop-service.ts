import {
  badInput,
  conflict,
  isUniqueViolation,
  notFound,
  parseInput,
  type Db,
  type Executor,
  type Publish,
  type RequestScope,
} from '@basket/platform';
import { z } from 'zod';
import { findUsersByIds, lockUser } from '../db/users-store';
import { findShopBySlug, findShopsByUserIds, insertShopIfFree, shopsNamed, upsertShop } from '../db/shops-store';
import type { ShopRow, UserRow } from '../db/schema';
import { defaultShopCandidates, shopNameInput, shopOf } from '../domain/shop';
import { idInput } from '../domain/inputs';
import type { AccountsPolicy } from '../policy';

/**
 * The user's shop, creating the default one (see defaultShopCandidates) when they have
 * none. Runs in the transaction that makes them a vendor, with their row locked.
 */
export async function ensureShop(tx: Executor, user: { id: string; name: string }): Promise<ShopRow> {
  const [existing] = await findShopsByUserIds(tx, [user.id]);
  if (existing) return existing;
  for (const candidate of defaultShopCandidates(user)) {
    const shop = await insertShopIfFree(tx, { userId: user.id, ...candidate });
    if (shop) return shop;
  }
  throw conflict('No free default shop name; set one with setShop');
}

export interface ShopServiceDeps {
  db: Db;
  publish: Publish;
  policy: AccountsPolicy;
}

export function createShopService(deps: ShopServiceDeps) {
  const { db, publish, policy } = deps;
  return {
    /** The user behind a vendor id or shop slug, before visibility (resolvers apply it). */
    async vendorUser(_scope: RequestScope, args: { id?: string | null; slug?: string | null }): Promise<UserRow | null> {
      if (!args.id === !args.slug) throw badInput('Give exactly one of id or slug');
      const id = args.id ? parseInput(idInput, args.id) : (await findShopBySlug(db, args.slug!))?.userId;
      return id ? ((await findUsersByIds(db, [id]))[0] ?? null) : null;
    },

    /** Names the caller's shop; returns the vendor (the user row). */
    async setShop(scope: RequestScope, args: { input: unknown }): Promise<UserRow> {
      const v = await policy.assertCan(scope.viewer, 'shop:set');
      const wanted = shopOf(parseInput(z.object({ name: shopNameInput }), args.input).name);
      const write = db.transaction(async (tx) => {
        const user = await lockUser(tx, v.userId);
        if (!user) throw notFound('User');
        await policy.assertCan(v, 'shop:keep', user);
        const [current] = await findShopsByUserIds(tx, [user.id]);
        if (current?.name === wanted.name) return user;
        if ((await shopsNamed(tx, wanted.name, wanted.slug)).some((s) => s.userId !== user.id)) {
          throw conflict(`The shop name "${wanted.name}" or its slug "${wanted.slug}" is taken`);
        }
        await upsertShop(tx, { userId: user.id, ...wanted });
        await publish(
          tx,
          [
            {
              type: 'VendorShopChanged',
              aggregateId: user.id,
              data: { userId: user.id, shopName: wanted.name, slug: wanted.slug, previousShopName: current?.name ?? null },
            },
          ],
          scope.correlationId,
        );
        return user;
      });
      // Two vendors racing for one name both pass the pre-check; the unique indexes decide.
      return write.catch((err: unknown) => {
        if (isUniqueViolation(err)) throw conflict(`The shop name "${wanted.name}" or its slug "${wanted.slug}" is taken`);
        throw err;
      });
    },
  };
}

export type ShopService = ReturnType<typeof createShopService>;
