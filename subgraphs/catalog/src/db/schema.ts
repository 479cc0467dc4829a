import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgSchema, text, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { eventTables, instant } from '@basket/platform';

export const catalog = pgSchema('catalog');

export const categories = catalog.table(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => categories.id),
    slug: text('slug').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    position: integer('position').notNull().default(0),
  },
  (t) => [uniqueIndex('categories_slug_key').on(t.slug), index('categories_parent_idx').on(t.parentId)],
);

export const products = catalog.table(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // The vendor is a user in accounts: no foreign key across domains.
    vendorId: uuid('vendor_id').notNull(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id),
    slug: text('slug').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    descriptionVi: text('description_vi').notNull(),
    descriptionEn: text('description_en'),
    perishable: boolean('perishable').notNull().default(false),
    shelfLifeDays: integer('shelf_life_days'),
    status: text('status', { enum: ['ACTIVE', 'ARCHIVED'] })
      .notNull()
      .default('ACTIVE'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('products_slug_key').on(t.slug),
    index('products_listing_idx').on(t.status, t.createdAt.desc(), t.id.desc()),
    // Also serves a vendor's own newest-first list (myProducts).
    index('products_vendor_idx').on(t.vendorId, t.createdAt.desc(), t.id.desc()),
    index('products_category_idx').on(t.categoryId),
  ],
);

export const variants = catalog.table(
  'variants',
  {
    sku: text('sku').primaryKey(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    unitVi: text('unit_vi').notNull(),
    unitEn: text('unit_en'),
    priceVnd: integer('price_vnd').notNull(),
    barcode: text('barcode'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('variants_barcode_key').on(t.barcode),
    index('variants_product_idx').on(t.productId),
    index('variants_price_idx').on(t.priceVnd),
    check('variants_price_positive', sql`${t.priceVnd} > 0`),
  ],
);

/**
 * When the accounts fact a read-model row reflects happened. A fact older than the row
 * (a parked event re-driven after a later one) is ignored, so it cannot restore a
 * right that was taken away since. Rows from before this column read as the epoch.
 */
const asOf = () =>
  instant('as_of')
    .notNull()
    .default(sql`'epoch'`);

/**
 * Read model of accounts' vendors, fed by UserRegistered, UserRoleChanged and
 * VendorShopChanged: who may sell, under which shop name.
 */
export const vendors = catalog.table('vendors', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  active: boolean('active').notNull(),
  asOf: asOf(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/**
 * Read model of accounts' administrators, fed by UserRegistered and UserRoleChanged:
 * a token's ADMIN claim outlives a demotion by up to its lifetime, this does not.
 * Rows exist for users who were ever admins; active while they still are.
 */
export const admins = catalog.table('admins', {
  id: uuid('id').primaryKey(),
  active: boolean('active').notNull(),
  asOf: asOf(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

export const { outbox, processedEvents, deadLetters } = eventTables(catalog);
export const tables = { outbox, processedEvents, deadLetters };

export type CategoryRow = typeof categories.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type VariantRow = typeof variants.$inferSelect;
export type VendorRow = typeof vendors.$inferSelect;
export type AdminRow = typeof admins.$inferSelect;
/** What catalog knows of a vendor when resolving the federated Vendor entity. */
export interface VendorRef {
  id: string;
}
