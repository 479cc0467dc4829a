import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor, type Tx } from '@basket/platform';
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
 * Records movements and applies them, in one statement: the ledger rows, the batches
 * they name (remaining follows on_hand_delta, reserved follows reserved_delta; a
 * receipt's batch was created with its quantity and is left alone) and the counters.
 * One round trip whatever the number of lines, so the stock rows' locks are held for
 * less time. The caller holds those locks; the check constraints refuse anything that
 * would still oversell. Returns the counters as updated.
 */
export async function recordMovements(tx: Tx, rows: readonly MovementInput[]): Promise<StockLevelRow[]> {
  if (rows.length === 0) return [];
  // An UPDATE ... FROM applies one source row per target row: sum per batch and per key first.
  const perBatch = new Map<string, { remaining: number; reserved: number }>();
  const perKey = new Map<string, { sku: string; warehouseId: string; onHand: number; reserved: number }>();
  for (const r of rows) {
    if (r.batchId && r.kind !== 'receipt') {
      const b = perBatch.get(r.batchId) ?? { remaining: 0, reserved: 0 };
      b.remaining += r.onHandDelta;
      b.reserved += r.reservedDelta;
      perBatch.set(r.batchId, b);
    }
    const id = `${r.sku}\u0000${r.warehouseId}`;
    const k = perKey.get(id) ?? { sku: r.sku, warehouseId: r.warehouseId, onHand: 0, reserved: 0 };
    k.onHand += r.onHandDelta;
    k.reserved += r.reservedDelta;
    perKey.set(id, k);
  }
  const list = (parts: SQL[]) => sql.join(parts, sql`, `);
  const ledger = list(
    rows.map(
      (r) =>
        sql`(${r.sku}, ${r.warehouseId}::uuid, ${r.batchId ?? null}::uuid, ${r.reservationId ?? null}::uuid, ${r.kind}, ${r.quantity}::int, ${r.onHandDelta}::int, ${r.reservedDelta}::int, ${r.reason ?? null}, ${r.actorId ?? null})`,
    ),
  );
  const batchChanges = perBatch.size
    ? sql`, batch_changes as (
        update ${batches} b set remaining = b.remaining + c.remaining, reserved = b.reserved + c.reserved
          from (values ${list([...perBatch].map(([id, d]) => sql`(${id}::uuid, ${d.remaining}::int, ${d.reserved}::int)`))}) as c(id, remaining, reserved)
         where b.id = c.id
        returning b.id)`
    : sql``;
  const counterChanges = list(
    [...perKey.values()].map((k) => sql`(${k.sku}, ${k.warehouseId}::uuid, ${k.onHand}::int, ${k.reserved}::int)`),
  );
  // query: record-movements
  const updated = await queryRows<{ sku: string; warehouse_id: string; on_hand: number; reserved: number; updated_at: string | Date }>(
    tx,
    sql`with ledger as (
          insert into ${movements} (sku, warehouse_id, batch_id, reservation_id, kind, quantity, on_hand_delta, reserved_delta, reason, actor_id)
          values ${ledger}
          returning id)${batchChanges}
        update ${stockLevels} s set on_hand = s.on_hand + c.on_hand, reserved = s.reserved + c.reserved, updated_at = now()
          from (values ${counterChanges}) as c(sku, warehouse_id, on_hand, reserved)
         where s.sku = c.sku and s.warehouse_id = c.warehouse_id
        returning s.sku, s.warehouse_id, s.on_hand, s.reserved, s.updated_at`,
  );
  if (updated.length !== perKey.size) throw new Error('a stock row is missing: lock (and create) the rows first');
  return updated.map((u) => ({
    sku: u.sku,
    warehouseId: u.warehouse_id,
    onHand: u.on_hand,
    reserved: u.reserved,
    updatedAt: new Date(u.updated_at),
  }));
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
