import type { Executor } from '@basket/platform';
import { batchesOfSkus, stockLevelsOfSkus } from '../db/stock-store';
import { categoryThresholdsOf, skuThresholdsOf } from '../db/settings-store';
import { skuInfos } from '../db/catalog-store';
import { listWarehouses } from '../db/warehouses-store';
import type { BatchRow, RegionName, StockLevelRow } from '../db/schema';
import { freeUnits, nearExpiryDays } from '../domain/batches';
import { DEFAULT_LOW_STOCK_THRESHOLD } from '../domain/low-stock';
import type { IsoDate } from '../domain/dates';
import { toBatchStock } from './batch-stock';

export interface StockLevelView extends StockLevelRow {
  /** Units that can be promised today: not reserved, not expired. */
  available: number;
  /** Batches with units left, first expiry first. */
  batches: BatchRow[];
}

/** Each warehouse's counters for these SKUs, with their batches. */
export async function stockViews(db: Executor, skus: readonly string[], today: IsoDate): Promise<StockLevelView[]> {
  const [levels, batches] = await Promise.all([stockLevelsOfSkus(db, skus), batchesOfSkus(db, skus)]);
  return levels.map((level) => {
    const own = batches.filter((b) => b.sku === level.sku && b.warehouseId === level.warehouseId);
    return { ...level, available: own.reduce((s, b) => s + freeUnits(toBatchStock(b), today), 0), batches: own };
  });
}

export interface StockSettingsView {
  sku: string;
  lowStockThreshold: number;
  nearExpiryDays: number;
}

/** The thresholds in effect per SKU: its own, else its category's (near expiry), else the defaults. */
export async function stockSettings(db: Executor, skus: readonly string[]): Promise<StockSettingsView[]> {
  const [infos, own] = await Promise.all([skuInfos(db, skus), skuThresholdsOf(db, skus)]);
  const categories = await categoryThresholdsOf(db, [...new Set(infos.map((i) => i.product.categoryId))]);
  const categoryDays = new Map(categories.map((c) => [c.categoryId, c.nearExpiryDays]));
  const categoryOf = new Map(infos.map((i) => [i.sku, i.product.categoryId]));
  const ownBySku = new Map(own.map((t) => [t.sku, t]));
  return skus.map((sku) => {
    const category = categoryOf.get(sku);
    return {
      sku,
      lowStockThreshold: ownBySku.get(sku)?.lowStock ?? DEFAULT_LOW_STOCK_THRESHOLD,
      nearExpiryDays: nearExpiryDays({ sku: ownBySku.get(sku)?.nearExpiryDays, category: category ? categoryDays.get(category) : null }),
    };
  });
}

export interface AvailabilityView {
  sku: string;
  region: RegionName;
  quantity: number;
  inStock: boolean;
}

/** Public: units of each SKU a shopper in the region can order today, over that region's warehouses. */
export async function availabilities(
  db: Executor,
  keys: readonly { sku: string; region: RegionName }[],
  today: IsoDate,
): Promise<AvailabilityView[]> {
  const skus = [...new Set(keys.map((k) => k.sku))];
  const [batches, warehouses] = await Promise.all([batchesOfSkus(db, skus), listWarehouses(db)]);
  const regionOf = new Map(warehouses.map((w) => [w.id, w.region]));
  return keys.map(({ sku, region }) => {
    const quantity = batches
      .filter((b) => b.sku === sku && regionOf.get(b.warehouseId) === region)
      .reduce((s, b) => s + freeUnits(toBatchStock(b), today), 0);
    return { sku, region, quantity, inStock: quantity > 0 };
  });
}
