import { z } from 'zod';
import { Slug } from '@basket/schema';
import { isValidEan13 } from './identifiers';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).nullish();

// VND has no minor unit; 1,000,000,000 is far above any grocery item and keeps int4 safe.
export const priceVnd = z.number().int('must be a whole number of đồng').positive('must be positive').max(1_000_000_000);

export const sku = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,63}$/, 'must be 2-64 upper-case letters, digits or dashes');

/** Variants per product: plenty for sizes and packs, few enough to list on one page. */
export const MAX_VARIANTS = 20;

export const productStatus = z.enum(['ACTIVE', 'ARCHIVED']);

export const variantInput = z.object({
  sku,
  unitVi: text(40),
  unitEn: optionalText(40),
  priceVnd,
  barcode: z.string().trim().refine(isValidEan13, 'must be a valid EAN-13 barcode').nullish(),
});

const shelfLifeDays = z.number().int().min(1, 'must be at least 1 day').max(3650).nullish();

export const createProductInput = z
  .object({
    vendorId: z.uuid('must be a UUID').nullish(),
    categoryId: z.uuid('must be a UUID'),
    slug: z.string().trim().pipe(Slug).nullish(),
    nameVi: text(200),
    nameEn: optionalText(200),
    descriptionVi: text(5000),
    descriptionEn: optionalText(5000),
    perishable: z
      .boolean()
      .nullish()
      .transform((v) => v ?? false),
    shelfLifeDays,
    variants: z.array(variantInput).min(1, 'needs at least one variant').max(MAX_VARIANTS, `at most ${MAX_VARIANTS} variants`),
  })
  .superRefine((v, ctx) => {
    const skus = v.variants.map((x) => x.sku);
    if (new Set(skus).size !== skus.length) ctx.addIssue({ code: 'custom', path: ['variants'], message: 'SKUs must be unique' });
    const codes = v.variants.flatMap((x) => (x.barcode ? [x.barcode] : []));
    if (new Set(codes).size !== codes.length) ctx.addIssue({ code: 'custom', path: ['variants'], message: 'barcodes must be unique' });
    if (v.shelfLifeDays && !v.perishable)
      ctx.addIssue({ code: 'custom', path: ['shelfLifeDays'], message: 'only perishables have a shelf life' });
  });

export const updateProductInput = z
  .object({
    categoryId: z.uuid('must be a UUID').optional(),
    nameVi: text(200).optional(),
    nameEn: optionalText(200),
    descriptionVi: text(5000).optional(),
    descriptionEn: optionalText(5000),
    perishable: z.boolean().optional(),
    shelfLifeDays,
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'give at least one field to change');

export const productFilter = z
  .object({
    categoryId: z.uuid('must be a UUID').nullish(),
    vendorId: z.uuid('must be a UUID').nullish(),
    minPriceVnd: z.number().int().min(0).nullish(),
    maxPriceVnd: z.number().int().min(0).nullish(),
    search: z.string().trim().max(100).nullish(),
  })
  .refine((f) => f.minPriceVnd == null || f.maxPriceVnd == null || f.minPriceVnd <= f.maxPriceVnd, {
    path: ['maxPriceVnd'],
    message: 'must not be below minPriceVnd',
  });

export type CreateProductInput = z.infer<typeof createProductInput>;
export type UpdateProductInput = z.infer<typeof updateProductInput>;
export type ProductFilterInput = z.infer<typeof productFilter>;
