import type { Executor, NewEvent } from '@basket/platform';
import { skuThresholdsOf } from '../db/settings-store';
import type { StockLevelRow } from '../db/schema';
import { crossedLowStock, DEFAULT_LOW_STOCK_THRESHOLD } from '../domain/low-stock';

/**
 * LowStock for every (sku, warehouse) whose free stock crossed its threshold between
 * `before` and `after` (the counters read under lock, and as updated).
 */
export async function lowStockEvents(
  db: Executor,
  before: readonly Pick<StockLevelRow, 'sku' | 'warehouseId' | 'onHand' | 'reserved'>[],
  after: readonly StockLevelRow[],
): Promise<NewEvent[]> {
  if (after.length === 0) return [];
  const thresholds = new Map((await skuThresholdsOf(db, [...new Set(after.map((a) => a.sku))])).map((t) => [t.sku, t.lowStock]));
  const previous = new Map(before.map((b) => [`${b.sku}\u0000${b.warehouseId}`, b]));
  return after.flatMap((a): NewEvent[] => {
    const b = previous.get(`${a.sku}\u0000${a.warehouseId}`) ?? { onHand: 0, reserved: 0 };
    const threshold = thresholds.get(a.sku) ?? DEFAULT_LOW_STOCK_THRESHOLD;
    if (!crossedLowStock(b, a, threshold)) return [];
    return [
      {
        type: 'LowStock',
        aggregateId: a.sku,
        data: { sku: a.sku, warehouseId: a.warehouseId, onHand: a.onHand, reserved: a.reserved, threshold },
      },
    ];
  });
}
