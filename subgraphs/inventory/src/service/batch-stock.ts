import type { BatchRow } from '../db/schema';
import type { BatchStock } from '../domain/batches';

export const toBatchStock = (b: BatchRow): BatchStock => ({
  id: b.id,
  sku: b.sku,
  warehouseId: b.warehouseId,
  expiresOn: b.expiresOn,
  remaining: b.remaining,
  reserved: b.reserved,
  receivedAt: b.receivedAt,
});
