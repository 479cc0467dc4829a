import { asc, eq, inArray } from 'drizzle-orm';
import { onlyUuids, type Executor } from '@basket/platform';
import { vendors, type VendorRow } from './schema';

export async function findVendorsByIds(db: Executor, ids: readonly string[]): Promise<VendorRow[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return [];
  return db.select().from(vendors).where(inArray(vendors.id, valid));
}

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
