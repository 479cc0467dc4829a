import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createDatabase, createLogger, type Database, type Tx } from '@basket/platform';
import type { Envelope } from '@basket/schema';
import { catalogHandlers } from '../src/events';
import * as stock from '../src/db/stock-store';
import { ensureWarehouse } from '../src/db/warehouses-store';
import type { BatchRow, RegionName, WarehouseRow } from '../src/db/schema';
import { sql } from '../../../test/support/db';

/**
 * Inventory's own tables on the real Postgres of DATABASE_URL (migrated here), for
 * tests that drive the services directly. Each test makes its own warehouses and SKUs
 * (random tags), so runs never see each other's stock.
 */
export async function openInventoryDb(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must point at a real Postgres (see the helpers brief)');
  const database = await createDatabase({
    databaseUrl: url,
    poolSize: 20,
    dataDir: '/tmp',
    logger: createLogger('inventory-test', 'warn'),
  });
  await database.migrate({ schema: 'inventory', migrationsFolder: path.join(__dirname, '..', 'src', 'db', 'migrations') });
  return database;
}

export const tag = () => randomUUID().slice(0, 8).toUpperCase();

export async function warehouse(database: Database, region: RegionName = 'HA_NOI'): Promise<WarehouseRow> {
  const code = `T-${tag()}`;
  return ensureWarehouse(database.db, { code, name: `Kho thử ${code}`, region });
}

function envelope<T>(type: string, data: T): Envelope<T> {
  return { id: randomUUID(), type, version: 1, occurredAt: new Date().toISOString(), aggregateId: randomUUID(), data, traceId: null };
}

/** A product with these SKUs, as catalog's ProductCreated teaches inventory (through the real handler). */
export async function catalogProduct(database: Database, skus: string[], vendorId = randomUUID(), categoryId = randomUUID()) {
  const productId = randomUUID();
  await database.db.transaction((tx) =>
    catalogHandlers.ProductCreated(
      tx,
      envelope('ProductCreated', {
        productId,
        vendorId,
        categoryId,
        nameVi: 'Rau thử',
        nameEn: 'Test greens',
        variants: skus.map((sku) => ({ sku, unit: 'bó', priceVnd: 10_000 })),
      }),
    ),
  );
  return { productId, vendorId, categoryId };
}

/** A receipt straight through the stores (as receiveBatch writes it, without its event). */
export async function stockBatch(
  database: Database,
  args: { sku: string; warehouseId: string; quantity: number; expiresOn?: string | null },
): Promise<BatchRow> {
  return database.db.transaction(async (tx: Tx) => {
    const key = { sku: args.sku, warehouseId: args.warehouseId };
    await stock.ensureStockLevel(tx, key);
    await stock.lockStock(tx, [key]);
    const batch = await stock.insertBatch(tx, {
      ...key,
      expiresOn: args.expiresOn ?? null,
      quantity: args.quantity,
      remaining: args.quantity,
    });
    await stock.recordMovements(tx, [
      { ...key, batchId: batch.id, kind: 'receipt', quantity: args.quantity, onHandDelta: args.quantity, reservedDelta: 0 },
    ]);
    return batch;
  });
}

/** The counters of a (sku, warehouse) and what its ledger sums to: they must always agree. */
export async function counters(sku: string, warehouseId: string) {
  const [row] = await sql<{ on_hand: number; reserved: number; ledger_on_hand: number; ledger_reserved: number }>(
    `select on_hand, reserved,
            (select coalesce(sum(on_hand_delta), 0)::int from inventory.movements m
              where m.sku = s.sku and m.warehouse_id = s.warehouse_id) as ledger_on_hand,
            (select coalesce(sum(reserved_delta), 0)::int from inventory.movements m
              where m.sku = s.sku and m.warehouse_id = s.warehouse_id) as ledger_reserved
       from inventory.stock_levels s where sku = $1 and warehouse_id = $2`,
    [sku, warehouseId],
  );
  if (!row) throw new Error(`no stock row for ${sku}`);
  return { onHand: row.on_hand, reserved: row.reserved, ledgerOnHand: row.ledger_on_hand, ledgerReserved: row.ledger_reserved };
}
