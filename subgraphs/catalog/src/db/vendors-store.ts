import { asc, eq, inArray, sql } from 'drizzle-orm';
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

/** Records a vendor's state as of a fact; a fact older than the row changes nothing. */
export async function upsertVendor(tx: Executor, id: string, state: { name: string; active: boolean }, asOf: Date): Promise<void> {
  await tx
    .insert(vendors)
    .values({ id, ...state, asOf })
    .onConflictDoUpdate({
      target: vendors.id,
      set: { ...state, asOf, updatedAt: new Date() },
      setWhere: sql`${vendors.asOf} <= excluded.as_of`,
    });
}

export async function activeVendors(db: Executor): Promise<VendorRow[]> {
  return db.select().from(vendors).where(eq(vendors.active, true)).orderBy(asc(vendors.name));
}
