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
    categoryId: uuid('category_id').notNull().references(() => categories.id),
    slug: text('slug').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    descriptionVi: text('description_vi').notNull(),
    descriptionEn: text('description_en'),
    perishable: boolean('perishable').notNull().default(false),
    shelfLifeDays: integer('shelf_life_days'),
    status: text('status', { enum: ['ACTIVE', 'ARCHIVED'] }).notNull().default('ACTIVE'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('products_slug_key').on(t.slug),
    index('products_listing_idx').on(t.status, t.createdAt.desc(), t.id.desc()),
    index('products_vendor_idx').on(t.vendorId),
    index('products_category_idx').on(t.categoryId),
  ],
);

export const variants = catalog.table(
  'variants',
  {
    sku: text('sku').primaryKey(),
    productId: uuid('product_id').notNull().references(() => products.id),
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

/** Read model of accounts' vendors, fed by UserRegistered and UserRoleChanged. */
export const vendors = catalog.table('vendors', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  active: boolean('active').notNull(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

export const { outbox, processedEvents, deadLetters } = eventTables(catalog);
export const tables = { outbox, processedEvents, deadLetters };

export type CategoryRow = typeof categories.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type VariantRow = typeof variants.$inferSelect;
export type VendorRow = typeof vendors.$inferSelect;
/** What catalog knows of a vendor when resolving the federated Vendor entity. */
export interface VendorRef {
  id: string;
}
