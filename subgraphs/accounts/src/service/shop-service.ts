import {
  badInput,
  conflict,
  forbidden,
  isUniqueViolation,
  notFound,
  parseInput,
  requireRole,
  type Db,
  type Executor,
  type Publish,
  type Viewer,
} from '@basket/platform';
import { z } from 'zod';
import { findUsersByIds, lockUser } from '../db/users-store';
import { findShopBySlug, findShopsByUserIds, insertShopIfFree, shopsNamed, upsertShop } from '../db/shops-store';
import type { ShopRow, UserRow } from '../db/schema';
import { defaultShopCandidates, shopNameInput, shopOf } from '../domain/shop';
import { idInput } from '../domain/inputs';

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
}

export function createShopService(deps: ShopServiceDeps) {
  const { db, publish } = deps;
  return {
    /** The user behind a vendor id or shop slug, before visibility (resolvers apply it). */
    async vendorUser(args: { id?: string | null; slug?: string | null }): Promise<UserRow | null> {
      if (!args.id === !args.slug) throw badInput('Give exactly one of id or slug');
      const id = args.id ? parseInput(idInput, args.id) : (await findShopBySlug(db, args.slug!))?.userId;
      return id ? ((await findUsersByIds(db, [id]))[0] ?? null) : null;
    },

    /** Names the caller's shop; returns the vendor (the user row). */
    async setShop(viewer: Viewer | null, raw: unknown, traceId: string): Promise<UserRow> {
      const v = requireRole(viewer, 'VENDOR');
      const wanted = shopOf(parseInput(z.object({ name: shopNameInput }), raw).name);
      const write = db.transaction(async (tx) => {
        const user = await lockUser(tx, v.userId);
        if (!user) throw notFound('User');
        // The users table decides, not the token: a demoted vendor's token still says VENDOR.
        if (user.role !== 'VENDOR') throw forbidden('Only vendors have a shop');
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
          traceId,
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
