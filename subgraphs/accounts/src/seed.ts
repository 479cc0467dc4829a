import { demoAccounts, type Db, type Publish } from '@basket/platform';
import { hashPassword } from './domain/password';
import { insertUser } from './db/users-store';

/** Demo users for embedded mode; published as UserRegistered so the catalog learns the vendors. */
export async function seedAccounts(db: Db, publish: Publish): Promise<number> {
  let created = 0;
  for (const account of Object.values(demoAccounts)) {
    const passwordHash = await hashPassword(account.password);
    await db.transaction(async (tx) => {
      const user = await insertUser(tx, { id: account.id, email: account.email, passwordHash, name: account.name, role: account.role });
      if (!user) return;
      created += 1;
      await publish(tx, [
        { type: 'UserRegistered', aggregateId: user.id, data: { userId: user.id, email: user.email, name: user.name, role: user.role } },
      ]);
    });
  }
  return created;
}
