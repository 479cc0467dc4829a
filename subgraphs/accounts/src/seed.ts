import { demoAccounts, type Db, type Publish } from '@basket/platform';
import { hashPassword, verifyPassword } from './domain/password';
import { findUserByEmail, insertUser, lockUser } from './db/users-store';
import { findShopsByUserIds } from './db/shops-store';
import { ensureShop } from './service/shop-service';

/**
 * Demo users for embedded mode; published as UserRegistered so the catalog learns the
 * vendors (under their shop names) and the admin. Demo vendors seeded before shops
 * existed get theirs now, published as VendorShopChanged.
 */
export async function seedAccounts(db: Db, publish: Publish): Promise<number> {
  let created = 0;
  for (const account of Object.values(demoAccounts)) {
    const passwordHash = await hashPassword(account.password);
    await db.transaction(async (tx) => {
      const user = await insertUser(tx, { id: account.id, email: account.email, passwordHash, name: account.name, role: account.role });
      if (!user) {
        // Locked: several processes may seed the same database at once.
        const existing = await lockUser(tx, account.id);
        if (existing?.role !== 'VENDOR' || (await findShopsByUserIds(tx, [existing.id])).length) return;
        const shop = await ensureShop(tx, existing);
        await publish(tx, [
          {
            type: 'VendorShopChanged',
            aggregateId: existing.id,
            data: { userId: existing.id, shopName: shop.name, slug: shop.slug, previousShopName: null },
          },
        ]);
        return;
      }
      created += 1;
      const shop = user.role === 'VENDOR' ? await ensureShop(tx, user) : undefined;
      await publish(tx, [
        {
          type: 'UserRegistered',
          aggregateId: user.id,
          data: { userId: user.id, email: user.email, name: user.name, role: user.role, shopName: shop?.name },
        },
      ]);
    });
  }
  return created;
}

/**
 * Demo accounts that still sign in with the password printed in the README. A data
 * directory or database seeded in development must not go to production like that.
 */
export async function demoAccountsWithPublishedPasswords(db: Db): Promise<string[]> {
  const exposed: string[] = [];
  for (const account of Object.values(demoAccounts)) {
    const user = await findUserByEmail(db, account.email);
    if (user && (await verifyPassword(account.password, user.passwordHash))) exposed.push(account.email);
  }
  return exposed;
}
