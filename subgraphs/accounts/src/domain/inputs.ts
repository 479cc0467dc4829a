import { z } from 'zod';
import { Role } from '@basket/schema';

/** Vietnamese mobile numbers: 0 or +84, then a 3/5/7/8/9 carrier prefix and 8 digits. */
export const vnPhone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s.-]/g, ''))
  .pipe(z.string().regex(/^(0|\+84)(3|5|7|8|9)\d{8}$/, 'must be a Vietnamese mobile number, e.g. 0912345678'))
  .transform((s) => (s.startsWith('+84') ? `0${s.slice(3)}` : s));

const email = z.string().trim().toLowerCase().pipe(z.email('must be an email address')).pipe(z.string().max(254));
const name = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const password = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(200, 'must be at most 200 characters')
  .regex(/[A-Za-z\u00C0-\u1EF9]/, 'must contain a letter')
  .regex(/\d/, 'must contain a digit');

export const registerInput = z.object({ email, password, name, phone: vnPhone.nullish() });
export const loginInput = z.object({ email, password: z.string().min(1, 'must not be empty') });
export const updateProfileInput = z
  .object({ name: name.optional(), phone: vnPhone.nullable().optional() })
  .refine((v) => v.name !== undefined || v.phone !== undefined, 'give a name or a phone to change');

const line = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
export const addressInput = z.object({
  label: line(40),
  recipientName: name,
  phone: vnPhone,
  line1: line(200),
  ward: line(100),
  district: line(100),
  city: line(100),
  isDefault: z.boolean().nullish(),
});
export const roleInput = Role;
export const idInput = z.uuid('must be a UUID');

export type RegisterInput = z.infer<typeof registerInput>;
export type AddressInput = z.infer<typeof addressInput>;
