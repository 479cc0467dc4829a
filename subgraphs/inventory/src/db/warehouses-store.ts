import { asc, eq, inArray } from 'drizzle-orm';
import { onlyUuids, type Executor } from '@basket/platform';
import { warehouses, type RegionName, type WarehouseRow } from './schema';

export async function listWarehouses(db: Executor, region?: RegionName | null): Promise<WarehouseRow[]> {
  return db
    .select()
    .from(warehouses)
    .where(region ? eq(warehouses.region, region) : undefined)
    .orderBy(asc(warehouses.code));
}

export async function findWarehousesByIds(db: Executor, ids: readonly string[]): Promise<WarehouseRow[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return [];
  return db.select().from(warehouses).where(inArray(warehouses.id, valid));
}

/** Demo and setup only: creates the warehouse unless its code exists; returns the stored row. */
export async function ensureWarehouse(db: Executor, values: typeof warehouses.$inferInsert): Promise<WarehouseRow> {
  await db.insert(warehouses).values(values).onConflictDoNothing({ target: warehouses.code });
  const [row] = await db.select().from(warehouses).where(eq(warehouses.code, values.code));
  return row!;
}
