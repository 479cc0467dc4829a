import { sql } from 'drizzle-orm';
import { boolean, index, pgSchema, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { eventTables, instant } from '@basket/platform';

export const accounts = pgSchema('accounts');

export const users = accounts.table(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    role: text('role', { enum: ['CUSTOMER', 'VENDOR', 'ADMIN'] })
      .notNull()
      .default('CUSTOMER'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email), index('users_created_idx').on(t.createdAt, t.id)],
);

/**
 * Refresh tokens, stored as SHA-256 hashes. A family is one sign-in; each refresh
 * marks the old row used and adds a new one to the family, so presenting a used
 * token again is evidence of theft and revokes the family.
 */
export const refreshTokens = accounts.table(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    revokedAt: instant('revoked_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('refresh_tokens_hash_key').on(t.tokenHash), index('refresh_tokens_family_idx').on(t.familyId)],
);

export const addresses = accounts.table(
  'addresses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    recipientName: text('recipient_name').notNull(),
    phone: text('phone').notNull(),
    line1: text('line1').notNull(),
    ward: text('ward').notNull(),
    district: text('district').notNull(),
    city: text('city').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  // The database, not only the service, guarantees at most one default per user.
  (t) => [
    index('addresses_user_idx').on(t.userId),
    uniqueIndex('addresses_one_default')
      .on(t.userId)
      .where(sql`is_default`),
  ],
);

/**
 * A vendor's shop: the public face of a seller, separate from the person behind it.
 * Names and slugs are unique (names ignoring case); the indexes, not only the
 * service's pre-check, decide a race. Kept when a vendor is demoted, so a returning
 * vendor gets their shop back.
 */
export const shops = accounts.table(
  'shops',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('shops_name_key').on(sql`lower(${t.name})`), uniqueIndex('shops_slug_key').on(t.slug)],
);

export const { outbox, processedEvents, deadLetters } = eventTables(accounts);
export const tables = { outbox, processedEvents, deadLetters };

export type UserRow = typeof users.$inferSelect;
export type AddressRow = typeof addresses.$inferSelect;
export type RefreshTokenRow = typeof refreshTokens.$inferSelect;
export type ShopRow = typeof shops.$inferSelect;
