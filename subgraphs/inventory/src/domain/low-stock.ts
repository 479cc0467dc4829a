/** Free units (on hand minus reserved) at or below which a SKU is low at a warehouse, unless the SKU sets its own. */
export const DEFAULT_LOW_STOCK_THRESHOLD = 5;

export interface StockCounters {
  onHand: number;
  reserved: number;
}

export const freeOf = (c: StockCounters) => c.onHand - c.reserved;

/**
 * LowStock is emitted when free stock crosses the threshold downwards, not on every
 * change below it: one alert per dip, and another only after stock came back above.
 */
export function crossedLowStock(before: StockCounters, after: StockCounters, threshold: number): boolean {
  return freeOf(before) > threshold && freeOf(after) <= threshold;
}
