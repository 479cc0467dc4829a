import { z } from 'zod';

/** SKUs are stored upper-case by catalog; clients may send them in any case. */
export const sku = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'at most 64 characters')
  .transform((s) => s.toUpperCase());
const uuid = z.uuid('must be a UUID');
const isoDate = z.iso.date('must be a date, YYYY-MM-DD');

/** What one receipt can carry; larger deliveries come as several batches. */
export const MAX_BATCH_QUANTITY = 1_000_000;

export const receiveBatchInput = z.object({
  sku,
  warehouseId: uuid,
  quantity: z.number().int().min(1, 'must be at least 1').max(MAX_BATCH_QUANTITY),
  /** Absent for non-perishables. */
  expiresOn: isoDate.nullish().transform((d) => d ?? null),
});

export const adjustStockInput = z.object({
  batchId: uuid,
  delta: z
    .number()
    .int()
    .refine((d) => d !== 0, 'must not be 0')
    .refine((d) => Math.abs(d) <= MAX_BATCH_QUANTITY, `at most ${MAX_BATCH_QUANTITY} either way`),
  reason: z.string().trim().min(3, 'say why, in at least 3 characters').max(500),
});

export const lowStockThresholdInput = z.object({
  sku,
  /** Null goes back to the default. */
  threshold: z
    .number()
    .int()
    .min(0)
    .max(MAX_BATCH_QUANTITY)
    .nullish()
    .transform((t) => t ?? null),
});

export const nearExpiryThresholdInput = z
  .object({
    sku: sku.nullish(),
    categoryId: uuid.nullish(),
    /** Null goes back to the category's threshold (for a SKU) or the default (for a category). */
    days: z.number().int().min(0).max(365).nullable(),
  })
  .refine((i) => !i.sku !== !i.categoryId, { message: 'give exactly one of sku or categoryId', path: ['sku'] });

/** A SKU's ordered alternatives; short, because a shopper reads what was substituted. */
export const MAX_SUBSTITUTES = 10;

export const substitutesInput = z
  .object({ sku, alternatives: z.array(sku).max(MAX_SUBSTITUTES) })
  .refine((i) => !i.alternatives.includes(i.sku), { message: 'a SKU cannot substitute itself', path: ['alternatives'] })
  .refine((i) => new Set(i.alternatives).size === i.alternatives.length, { message: 'listed twice', path: ['alternatives'] });
