import { daysBetween, type IsoDate } from './dates';

/** What the rules need to know of a batch; `reserved` units are promised to open reservations. */
export interface BatchStock {
  id: string;
  sku: string;
  warehouseId: string;
  /** Null for non-perishables: never expires. */
  expiresOn: IsoDate | null;
  remaining: number;
  reserved: number;
  /** Tie-break between batches expiring the same day: the older receipt goes first. */
  receivedAt: Date;
}

/**
 * A batch is expired from its expiry date on: the label's last day is not a day we
 * promise to deliver it, so it is never available, whatever is left of it.
 */
export function isExpired(batch: Pick<BatchStock, 'expiresOn'>, today: IsoDate): boolean {
  return batch.expiresOn !== null && batch.expiresOn <= today;
}

/** Units that can still be promised to a customer. */
export function freeUnits(batch: BatchStock, today: IsoDate): number {
  return isExpired(batch, today) ? 0 : Math.max(0, batch.remaining - batch.reserved);
}

/** First-expiry-first-out order: earliest date first, non-perishables last, then oldest receipt. */
export function fefoOrder(a: BatchStock, b: BatchStock): number {
  if (a.expiresOn !== b.expiresOn) {
    if (a.expiresOn === null) return 1;
    if (b.expiresOn === null) return -1;
    return a.expiresOn < b.expiresOn ? -1 : 1;
  }
  return a.receivedAt.getTime() - b.receivedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface Allocation {
  batchId: string;
  warehouseId: string;
  quantity: number;
}

/**
 * Takes `quantity` units from the batches first-expiry-first-out, skipping expired
 * ones. Returns null when they do not hold enough: a line is reserved whole or not at all.
 */
export function allocateFefo(batches: readonly BatchStock[], quantity: number, today: IsoDate): Allocation[] | null {
  const allocations: Allocation[] = [];
  let wanted = quantity;
  for (const batch of [...batches].sort(fefoOrder)) {
    if (wanted === 0) break;
    const take = Math.min(wanted, freeUnits(batch, today));
    if (take === 0) continue;
    allocations.push({ batchId: batch.id, warehouseId: batch.warehouseId, quantity: take });
    wanted -= take;
  }
  return wanted === 0 ? allocations : null;
}

export function availableUnits(batches: readonly BatchStock[], today: IsoDate): number {
  return batches.reduce((sum, b) => sum + freeUnits(b, today), 0);
}

/** Days before expiry at which a batch is flagged, so promotions can mark it down. */
export const DEFAULT_NEAR_EXPIRY_DAYS = 3;

/** The SKU's own threshold wins, then its category's, then the default. */
export function nearExpiryDays(thresholds: { sku?: number | null; category?: number | null }): number {
  return thresholds.sku ?? thresholds.category ?? DEFAULT_NEAR_EXPIRY_DAYS;
}

/** Still sellable, but within `days` of its expiry date. */
export function isNearExpiry(batch: Pick<BatchStock, 'expiresOn'>, today: IsoDate, days: number): boolean {
  if (batch.expiresOn === null || isExpired(batch, today)) return false;
  return daysBetween(today, batch.expiresOn) <= days;
}
