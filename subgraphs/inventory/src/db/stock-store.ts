import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '@basket/platform';
import {
  batches,
  movements,
  stockLevels,
  warehouses,
  type BatchRow,
  type MovementKind,
  type RegionName,
  type StockLevelRow,
} from './schema';

export interface StockKey {
  sku: string;
  warehouseId: string;
}

/**
 * Every write to a (sku, warehouse)'s counters or batches first locks its stock_levels
 * row, so one lock serialises them all. Rows are locked in one fixed order (sku, then
 * warehouse id) by everyone, so two transactions never wait on each other in a cycle.
 * The sort sits under the row lock in the plan: rows are locked in the order returned.
 */
export async function lockStock(tx: Tx, keys: readonly StockKey[]): Promise<StockLevelRow[]> {
  if (keys.length === 0) return [];
  const tuples = sql.join(
    keys.map((k) => sql`(${k.sku}, ${k.warehouseId}::uuid)`),
    sql`, `,
  );
  // query: lock-stock-levels
  return tx
    .select()
    .from(stockLevels)
    .where(sql`(${stockLevels.sku}, ${stockLevels.warehouseId}) in (${tuples})`)
    .orderBy(asc(stockLevels.sku), asc(stockLevels.warehouseId))
    .for('update');
}

/** Locks the stock rows of these SKUs in every warehouse of a region (see lockStock for the order). */
export async function lockStockInRegion(tx: Tx, skus: readonly string[], region: RegionName): Promise<StockLevelRow[]> {
  if (skus.length === 0) return [];
  // query: lock-stock-levels-in-region
  return tx
    .select()
    .from(stockLevels)
    .where(
      and(
        inArray(stockLevels.sku, [...skus]),
        inArray(stockLevels.warehouseId, tx.select({ id: warehouses.id }).from(warehouses).where(eq(warehouses.region, region))),
      ),
    )
    .orderBy(asc(stockLevels.sku), asc(stockLevels.warehouseId))
    .for('update');
}

/** The counters row must exist before it can be locked; a no-op when it does. */
export async function ensureStockLevel(tx: Executor, key: StockKey): Promise<void> {
  await tx.insert(stockLevels).values(key).onConflictDoNothing();
}

export async function batchesOf(db: Executor, keys: readonly StockKey[]): Promise<BatchRow[]> {
  if (keys.length === 0) return [];
  const tuples = sql.join(
    keys.map((k) => sql`(${k.sku}, ${k.warehouseId}::uuid)`),
    sql`, `,
  );
  return db
    .select()
    .from(batches)
    .where(and(sql`(${batches.sku}, ${batches.warehouseId}) in (${tuples})`, sql`${batches.remaining} > 0`))
    .orderBy(asc(batches.expiresOn), asc(batches.receivedAt));
}

export async function insertBatch(tx: Tx, values: typeof batches.$inferInsert): Promise<BatchRow> {
  const [row] = await tx.insert(batches).values(values).returning();
  return row!;
}

/** Seed only: many batches in one statement. */
export async function insertBatches(tx: Tx, values: (typeof batches.$inferInsert)[]): Promise<BatchRow[]> {
  if (values.length === 0) return [];
  return tx.insert(batches).values(values).returning();
}

/** Seed only: brand-new counters rows with their opening balance (their receipts are recorded with them). */
export async function insertStockLevels(tx: Tx, values: (typeof stockLevels.$inferInsert)[]): Promise<void> {
  if (values.length) await tx.insert(stockLevels).values(values);
}

/** Seed only: ledger rows whose counters the caller writes itself. */
export async function insertMovements(tx: Tx, values: MovementInput[]): Promise<void> {
  if (values.length) await tx.insert(movements).values(values);
}

export async function lockBatch(tx: Tx, id: string): Promise<BatchRow | null> {
  const [row] = await tx.select().from(batches).where(eq(batches.id, id)).for('update');
  return row ?? null;
}

export async function findBatch(db: Executor, id: string): Promise<BatchRow | null> {
  const [row] = await db.select().from(batches).where(eq(batches.id, id));
  return row ?? null;
}

export async function changeBatch(tx: Tx, id: string, delta: { remaining?: number; reserved?: number }): Promise<BatchRow> {
  const [row] = await tx
    .update(batches)
    .set({
      remaining: sql`${batches.remaining} + ${delta.remaining ?? 0}`,
      reserved: sql`${batches.reserved} + ${delta.reserved ?? 0}`,
    })
    .where(eq(batches.id, id))
    .returning();
  return row!;
}

/** Batches past their date with units nobody holds: what the expiry write-off removes. */
export async function expiredUnreservedBatches(db: Executor, today: string): Promise<BatchRow[]> {
  return db
    .select()
    .from(batches)
    .where(and(sql`${batches.expiresOn} <= ${today}`, sql`${batches.remaining} > ${batches.reserved}`))
    .orderBy(asc(batches.sku), asc(batches.warehouseId));
}

export interface MovementInput {
  sku: string;
  warehouseId: string;
  batchId?: string | null;
  reservationId?: string | null;
  kind: MovementKind;
  quantity: number;
  onHandDelta: number;
  reservedDelta: number;
  reason?: string | null;
  actorId?: string | null;
}

/**
 * Records movements and applies their deltas to the counters in the same statement
 * batch. The caller holds the rows' locks; the check constraint refuses the update if
 * it would still oversell.
 */
export async function recordMovements(tx: Tx, rows: readonly MovementInput[]): Promise<StockLevelRow[]> {
  if (rows.length === 0) return [];
  await tx.insert(movements).values([...rows]);
  const totals = new Map<string, { key: StockKey; onHand: number; reserved: number }>();
  for (const r of rows) {
    const id = `${r.sku}\u0000${r.warehouseId}`;
    const t = totals.get(id) ?? { key: { sku: r.sku, warehouseId: r.warehouseId }, onHand: 0, reserved: 0 };
    t.onHand += r.onHandDelta;
    t.reserved += r.reservedDelta;
    totals.set(id, t);
  }
  const updated: StockLevelRow[] = [];
  // In key order, like the locks: the rows are already ours, the order only keeps it obvious.
  for (const t of [...totals.values()].sort((a, b) => compareKeys(a.key, b.key))) {
    const [row] = await tx
      .update(stockLevels)
      .set({
        onHand: sql`${stockLevels.onHand} + ${t.onHand}`,
        reserved: sql`${stockLevels.reserved} + ${t.reserved}`,
        updatedAt: new Date(),
      })
      .where(and(eq(stockLevels.sku, t.key.sku), eq(stockLevels.warehouseId, t.key.warehouseId)))
      .returning();
    if (!row) throw new Error(`no stock row for ${t.key.sku} at ${t.key.warehouseId}: lock (and create) it first`);
    updated.push(row);
  }
  return updated;
}

export function compareKeys(a: StockKey, b: StockKey): number {
  return a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.warehouseId < b.warehouseId ? -1 : a.warehouseId > b.warehouseId ? 1 : 0;
}

export async function stockLevelsOfSkus(db: Executor, skus: readonly string[]): Promise<StockLevelRow[]> {
  if (skus.length === 0) return [];
  return db
    .select()
    .from(stockLevels)
    .where(inArray(stockLevels.sku, [...skus]))
    .orderBy(asc(stockLevels.sku), asc(stockLevels.warehouseId));
}

/** Every batch with units left of these SKUs, all warehouses: what stock and availability read. */
export async function batchesOfSkus(db: Executor, skus: readonly string[]): Promise<BatchRow[]> {
  if (skus.length === 0) return [];
  return db
    .select()
    .from(batches)
    .where(and(inArray(batches.sku, [...skus]), sql`${batches.remaining} > 0`))
    .orderBy(asc(batches.expiresOn), asc(batches.receivedAt));
}
