import { badInput, notFound, parseInput, type Db, type NewEvent, type Publish, type RequestScope, type Tx } from '@basket/platform';
import * as stock from '../db/stock-store';
import * as settings from '../db/settings-store';
import { skuInfos, type SkuInfo } from '../db/catalog-store';
import { findWarehousesByIds } from '../db/warehouses-store';
import type { BatchRow } from '../db/schema';
import { vietnamDate } from '../domain/dates';
import { freeUnits, isExpired, isNearExpiry } from '../domain/batches';
import { adjustStockInput, lowStockThresholdInput, nearExpiryThresholdInput, receiveBatchInput, substitutesInput } from '../domain/inputs';
import { inventoryPolicy } from '../policy';
import { lowStockEvents } from './low-stock';
import { toBatchStock } from './batch-stock';

export interface StockServiceDeps {
  db: Db;
  publish: Publish;
  now?: () => Date;
}

/** An adjustment that would take more than the batch's free units: nothing was written. */
export interface InsufficientStockResult {
  __typename: 'InsufficientStock';
  message: string;
  batchId: string;
  quantityAvailable: number;
}

export interface StockAdjusted {
  __typename: 'StockAdjustment';
  batch: BatchRow;
  delta: number;
  reason: string;
}

/**
 * Stock as its owners manage it: receipts, audited adjustments, thresholds and
 * substitutes, plus the expiry write-off job. Validation first (BAD_USER_INPUT before
 * any transaction), then the policy, then one transaction with its events.
 */
export function createStockService(deps: StockServiceDeps) {
  const { db, publish } = deps;
  const now = deps.now ?? (() => new Date());

  async function knownSku(skuCode: string): Promise<SkuInfo> {
    const [info] = await skuInfos(db, [skuCode]);
    if (!info || info.removed) throw notFound(`Variant ${skuCode}`);
    return info;
  }

  /** Locks (creating when new) the counters row, then the batch: the order every writer uses. */
  async function lockBatchStock(tx: Tx, batch: BatchRow) {
    const [level] = await stock.lockStock(tx, [batch]);
    const locked = await stock.lockBatch(tx, batch.id);
    return { level: level!, batch: locked! };
  }

  async function receiveBatch(scope: RequestScope, args: { input: unknown }): Promise<BatchRow> {
    const input = parseInput(receiveBatchInput, args.input);
    const today = vietnamDate(now());
    if (input.expiresOn !== null && input.expiresOn <= today) {
      throw badInput('Invalid input: expiresOn: the batch is already expired', [{ path: 'expiresOn', message: 'already expired' }]);
    }
    const info = await knownSku(input.sku);
    const actor = await inventoryPolicy.assertCan(scope.viewer, 'stock:manage', info);
    if ((await findWarehousesByIds(db, [input.warehouseId])).length === 0) {
      throw badInput('Invalid input: warehouseId: no such warehouse', [{ path: 'warehouseId', message: 'no such warehouse' }]);
    }
    return db.transaction(async (tx) => {
      const key = { sku: input.sku, warehouseId: input.warehouseId };
      await stock.ensureStockLevel(tx, key);
      const [before] = await stock.lockStock(tx, [key]);
      const batch = await stock.insertBatch(tx, {
        ...key,
        expiresOn: input.expiresOn,
        quantity: input.quantity,
        remaining: input.quantity,
        receivedBy: actor.userId,
      });
      const after = await stock.recordMovements(tx, [
        {
          ...key,
          batchId: batch.id,
          kind: 'receipt',
          quantity: input.quantity,
          onHandDelta: input.quantity,
          reservedDelta: 0,
          actorId: actor.userId,
        },
      ]);
      const events: NewEvent[] = [
        {
          type: 'BatchReceived',
          aggregateId: input.sku,
          data: { batchId: batch.id, ...key, quantity: input.quantity, expiresOn: input.expiresOn, actorId: actor.userId },
        },
        ...(await lowStockEvents(tx, [before!], after)),
      ];
      await publish(tx, events, scope.correlationId);
      return batch;
    });
  }

  /**
   * A correction to one batch (a count, damage, loss), audited as a movement with its
   * reason and actor. It can only take units nobody has reserved.
   */
  async function adjustStock(scope: RequestScope, args: { input: unknown }): Promise<StockAdjusted | InsufficientStockResult> {
    const input = parseInput(adjustStockInput, args.input);
    const found = await stock.findBatch(db, input.batchId);
    if (!found) throw notFound('Batch');
    const actor = await inventoryPolicy.assertCan(scope.viewer, 'stock:manage', await knownSku(found.sku));
    return db.transaction(async (tx) => {
      const { level, batch } = await lockBatchStock(tx, found);
      const free = batch.remaining - batch.reserved;
      if (input.delta < 0 && -input.delta > free) {
        return {
          __typename: 'InsufficientStock' as const,
          message: `Only ${free} unreserved units are left in this batch`,
          batchId: batch.id,
          quantityAvailable: free,
        };
      }
      const after = await stock.recordMovements(tx, [
        {
          sku: batch.sku,
          warehouseId: batch.warehouseId,
          batchId: batch.id,
          kind: 'adjustment',
          quantity: Math.abs(input.delta),
          onHandDelta: input.delta,
          reservedDelta: 0,
          reason: input.reason,
          actorId: actor.userId,
        },
      ]);
      await publish(
        tx,
        [
          {
            type: 'StockAdjusted',
            aggregateId: batch.sku,
            data: {
              sku: batch.sku,
              warehouseId: batch.warehouseId,
              batchId: batch.id,
              delta: input.delta,
              kind: 'adjustment',
              reason: input.reason,
              actorId: actor.userId,
              onHand: after[0]!.onHand,
            },
          },
          ...(await lowStockEvents(tx, [level], after)),
        ],
        scope.correlationId,
      );
      return {
        __typename: 'StockAdjustment' as const,
        batch: { ...batch, remaining: batch.remaining + input.delta },
        delta: input.delta,
        reason: input.reason,
      };
    });
  }

  /**
   * Takes expired batches' unreserved units off the books (reserved units stay until
   * their reservation is sold or released). One transaction per batch, so one failure
   * does not hold back the rest; returns the units written off.
   */
  async function writeOffExpired(): Promise<number> {
    const today = vietnamDate(now());
    let total = 0;
    for (const candidate of await stock.expiredUnreservedBatches(db, today)) {
      total += await db.transaction(async (tx) => {
        const { level, batch } = await lockBatchStock(tx, candidate);
        const units = batch.remaining - batch.reserved;
        if (units <= 0) return 0;
        const reason = `expired on ${batch.expiresOn}`;
        const after = await stock.recordMovements(tx, [
          {
            sku: batch.sku,
            warehouseId: batch.warehouseId,
            batchId: batch.id,
            kind: 'expiry_write_off',
            quantity: units,
            onHandDelta: -units,
            reservedDelta: 0,
            reason,
          },
        ]);
        await publish(tx, [
          {
            type: 'StockAdjusted',
            aggregateId: batch.sku,
            data: {
              sku: batch.sku,
              warehouseId: batch.warehouseId,
              batchId: batch.id,
              delta: -units,
              kind: 'expiry_write_off',
              reason,
              actorId: null,
              onHand: after[0]!.onHand,
            },
          },
          ...(await lowStockEvents(tx, [level], after)),
        ]);
        return units;
      });
    }
    return total;
  }

  return {
    receiveBatch,
    adjustStock,
    writeOffExpired,

    async setLowStockThreshold(scope: RequestScope, args: { sku: unknown; threshold?: unknown }): Promise<string> {
      const input = parseInput(lowStockThresholdInput, args);
      await inventoryPolicy.assertCan(scope.viewer, 'stock:manage', await knownSku(input.sku));
      await settings.setSkuThreshold(db, input.sku, { lowStock: input.threshold });
      return input.sku;
    },

    /** Per SKU (admin or its vendor) or per category (admins). Returns the SKU or category id. */
    async setNearExpiryThreshold(
      scope: RequestScope,
      args: { input: unknown },
    ): Promise<{ sku: string | null; categoryId: string | null }> {
      const input = parseInput(nearExpiryThresholdInput, args.input);
      if (input.sku) {
        await inventoryPolicy.assertCan(scope.viewer, 'stock:manage', await knownSku(input.sku));
        await settings.setSkuThreshold(db, input.sku, { nearExpiryDays: input.days });
        return { sku: input.sku, categoryId: null };
      }
      await inventoryPolicy.assertCan(scope.viewer, 'thresholds:category');
      await settings.setCategoryThreshold(db, input.categoryId!, input.days);
      return { sku: null, categoryId: input.categoryId! };
    },

    /**
     * Replaces a SKU's ordered alternatives. Alternatives must be live SKUs of the same
     * vendor: a substitute is fulfilled by whoever fulfils the line.
     */
    async setSubstitutes(scope: RequestScope, args: { sku: unknown; alternatives: unknown }): Promise<string> {
      const input = parseInput(substitutesInput, args);
      const info = await knownSku(input.sku);
      await inventoryPolicy.assertCan(scope.viewer, 'stock:manage', info);
      const known = new Map((await skuInfos(db, input.alternatives)).map((i) => [i.sku, i]));
      const problems = input.alternatives.flatMap((alt, i) => {
        const other = known.get(alt);
        if (!other || other.removed) return [{ path: `alternatives.${i}`, message: `unknown SKU ${alt}` }];
        if (other.product.vendorId !== info.product.vendorId) return [{ path: `alternatives.${i}`, message: `${alt} is another vendor's` }];
        return [];
      });
      if (problems.length) throw badInput(`Invalid input: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
      await db.transaction((tx) => settings.replaceSubstitutes(tx, input.sku, input.alternatives));
      return input.sku;
    },

    /** Free units of a batch today (0 once expired). */
    freeUnits: (batch: BatchRow) => freeUnits(toBatchStock(batch), vietnamDate(now())),
    isExpired: (batch: BatchRow) => isExpired(batch, vietnamDate(now())),
    isNearExpiry: (batch: BatchRow, days: number) => isNearExpiry(batch, vietnamDate(now()), days),
    today: () => vietnamDate(now()),
  };
}

export type StockService = ReturnType<typeof createStockService>;
