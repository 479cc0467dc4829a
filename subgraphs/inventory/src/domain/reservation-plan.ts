import { allocateFefo, availableUnits, type Allocation, type BatchStock } from './batches';
import type { IsoDate } from './dates';

export interface RequestedLine {
  lineId: string;
  sku: string;
  quantity: number;
  allowSubstitution: boolean;
}

export interface PlannedReservation {
  lineId: string;
  sku: string;
  requestedSku: string;
  substituted: boolean;
  warehouseId: string;
  quantity: number;
  allocations: Allocation[];
}

export interface Shortage {
  lineId: string;
  sku: string;
  requested: number;
  available: number;
}

export type ReservationPlan = { ok: true; reservations: PlannedReservation[] } | { ok: false; shortages: Shortage[] };

/**
 * The SKUs a line may be served with, in order: its own, then (only when the line
 * allows it) the SKU's ordered alternatives.
 */
export function candidateSkus(line: RequestedLine, substitutes: ReadonlyMap<string, readonly string[]>): string[] {
  const alternatives = line.allowSubstitution ? (substitutes.get(line.sku) ?? []) : [];
  return [line.sku, ...alternatives.filter((s) => s !== line.sku)];
}

/**
 * Plans a whole reservation over the region's batches: each line takes its own SKU
 * when enough is free, else the first alternative with enough, FEFO inside. Lines draw
 * on one pool, so two lines of the same SKU cannot both count the same units. All
 * lines or none: any shortage fails the plan, listing every short line.
 */
export function planReservation(
  lines: readonly RequestedLine[],
  batches: readonly BatchStock[],
  substitutes: ReadonlyMap<string, readonly string[]>,
  today: IsoDate,
): ReservationPlan {
  const pool = new Map(batches.map((b) => [b.id, { ...b }]));
  const batchesOf = (sku: string) => [...pool.values()].filter((b) => b.sku === sku);
  const reservations: PlannedReservation[] = [];
  const shortages: Shortage[] = [];
  for (const line of lines) {
    let served = false;
    for (const sku of candidateSkus(line, substitutes)) {
      const allocations = allocateFefo(batchesOf(sku), line.quantity, today);
      if (!allocations) continue;
      for (const a of allocations) pool.get(a.batchId)!.reserved += a.quantity;
      reservations.push(...perWarehouse(line, sku, allocations));
      served = true;
      break;
    }
    if (!served) {
      shortages.push({
        lineId: line.lineId,
        sku: line.sku,
        requested: line.quantity,
        available: availableUnits(batchesOf(line.sku), today),
      });
    }
  }
  return shortages.length ? { ok: false, shortages } : { ok: true, reservations };
}

/** One reservation per warehouse a line draws from: a reservation is released or sold where its units are. */
function perWarehouse(line: RequestedLine, sku: string, allocations: Allocation[]): PlannedReservation[] {
  const byWarehouse = new Map<string, Allocation[]>();
  for (const a of allocations) byWarehouse.set(a.warehouseId, [...(byWarehouse.get(a.warehouseId) ?? []), a]);
  return [...byWarehouse].map(([warehouseId, list]) => ({
    lineId: line.lineId,
    sku,
    requestedSku: line.sku,
    substituted: sku !== line.sku,
    warehouseId,
    quantity: list.reduce((s, a) => s + a.quantity, 0),
    allocations: list,
  }));
}
