import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@basket/platform';
import { addresses, type AddressRow } from './schema';

export async function addressesOfUsers(db: Executor, userIds: readonly string[]): Promise<AddressRow[]> {
  if (userIds.length === 0) return [];
  return db
    .select()
    .from(addresses)
    .where(inArray(addresses.userId, [...userIds]))
    .orderBy(desc(addresses.isDefault), asc(addresses.createdAt));
}

export async function findAddress(db: Executor, userId: string, id: string): Promise<AddressRow | null> {
  const [row] = await db
    .select()
    .from(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)));
  return row ?? null;
}

export async function countAddresses(db: Executor, userId: string): Promise<number> {
  return db.$count(addresses, eq(addresses.userId, userId));
}

export async function clearDefault(tx: Executor, userId: string): Promise<void> {
  await tx
    .update(addresses)
    .set({ isDefault: false })
    .where(and(eq(addresses.userId, userId), eq(addresses.isDefault, true)));
}

export async function insertAddress(tx: Executor, values: typeof addresses.$inferInsert): Promise<AddressRow> {
  const [row] = await tx.insert(addresses).values(values).returning();
  return row!;
}

export async function updateAddress(tx: Executor, id: string, patch: Partial<typeof addresses.$inferInsert>): Promise<AddressRow> {
  const [row] = await tx.update(addresses).set(patch).where(eq(addresses.id, id)).returning();
  return row!;
}

export async function deleteAddress(tx: Executor, id: string): Promise<void> {
  await tx.delete(addresses).where(eq(addresses.id, id));
}

export async function newestAddress(tx: Executor, userId: string): Promise<AddressRow | null> {
  const [row] = await tx.select().from(addresses).where(eq(addresses.userId, userId)).orderBy(desc(addresses.createdAt)).limit(1);
  return row ?? null;
}
