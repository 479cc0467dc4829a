import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Catalog's SKU format: carts refuse anything catalog could never have created. */
export const sku = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,63}$/, 'must be 2-64 upper-case letters, digits or dashes');

/** Per line: a household's shop, not a wholesale order. */
export const MAX_LINE_QUANTITY = 99;
export const MAX_CART_LINES = 100;
export const quantity = z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_LINE_QUANTITY);

/** Guest tokens are 43 base64url characters (32 random bytes). */
export const guestToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a guest cart token issued by this API');

export const addToCartInput = z.object({
  sku,
  quantity,
  allowSubstitution: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  guestToken: guestToken.nullish(),
});

export const updateCartLineInput = z.object({
  sku,
  /** 0 removes the line. */
  quantity: z.number().int('must be a whole number').min(0).max(MAX_LINE_QUANTITY),
  allowSubstitution: z.boolean().nullish(),
  guestToken: guestToken.nullish(),
});

export const region = z.enum(['HA_NOI', 'HO_CHI_MINH']);

export const deliveryAddress = z.object({
  recipientName: text(120),
  // Vietnamese numbers: 0xxxxxxxxx or +84xxxxxxxxx.
  phone: z
    .string()
    .trim()
    .regex(/^(\+84|0)\d{9,10}$/, 'must be a Vietnamese phone number'),
  line1: text(200),
  ward: z
    .string()
    .trim()
    .max(100)
    .nullish()
    .transform((v) => v || null),
  district: text(100),
  city: text(100),
  region,
});

export const placeOrderInput = z.object({
  cartId: z.uuid('must be a UUID'),
  deliveryAddress,
  paymentMethod: text(200),
  // Long enough to be unique per attempt, short enough to index.
  idempotencyKey: z
    .string()
    .trim()
    .min(8, 'must be at least 8 characters')
    .max(100)
    .regex(/^[\w.:-]+$/, 'letters, digits and . _ : - only'),
});

export const cancelReason = z.string().trim().min(1).max(500).nullish();
