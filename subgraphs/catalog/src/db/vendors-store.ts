import { asc, eq } from 'drizzle-orm';
import type { Executor } from '@basket/platform';
import { vendors, type VendorRow } from './schema';

export async function findVendor(db: Executor, id: string): Promise<VendorRow | null> {
  const [row] = await db.select().from(vendors).where(eq(vendors.id, id));
  return row ?? null;
}

export async function upsertVendor(tx: Executor, id: string, state: { name: string; active: boolean }): Promise<void> {
  await tx
    .insert(vendors)
    .values({ id, ...state })
    .onConflictDoUpdate({ target: vendors.id, set: { ...state, updatedAt: new Date() } });
}

export async function activeVendors(db: Executor): Promise<VendorRow[]> {
  return db.select().from(vendors).where(eq(vendors.active, true)).orderBy(asc(vendors.name));
}
