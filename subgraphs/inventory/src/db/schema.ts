import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, index, integer, jsonb, pgSchema, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { eventTables, instant } from '@basket/platform';

export const inventory = pgSchema('inventory');

export const REGIONS = ['HA_NOI', 'HO_CHI_MINH'] as const;
export type RegionName = (typeof REGIONS)[number];

export const warehouses = inventory.table(
  'warehouses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    region: text('region', { enum: REGIONS }).notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('warehouses_code_key').on(t.code), check('warehouses_region_known', sql`${t.region} in ('HA_NOI', 'HO_CHI_MINH')`)],
);

/**
 * The counters per (sku, warehouse), kept equal to the ledger's sums. The check is the
 * last line of defence against overselling: whatever a code path does, Postgres refuses
 * a row with more reserved than on hand.
 */
export const stockLevels = inventory.table(
  'stock_levels',
  {
    sku: text('sku').notNull(),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sku, t.warehouseId] }),
    check('stock_levels_never_oversold', sql`${t.reserved} <= ${t.onHand} and ${t.reserved} >= 0 and ${t.onHand} >= 0`),
  ],
);

/** Stock as it arrived: perishables carry their expiry date, non-perishables none. */
export const batches = inventory.table(
  'batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sku: text('sku').notNull(),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    expiresOn: date('expires_on', { mode: 'string' }),
    /** Units received; what is left is `remaining` (sales, adjustments and write-offs take from it). */
    quantity: integer('quantity').notNull(),
    remaining: integer('remaining').notNull(),
    reserved: integer('reserved').notNull().default(0),
    receivedAt: instant('received_at').notNull().defaultNow(),
    receivedBy: text('received_by'),
  },
  (t) => [
    index('batches_stock_idx').on(t.sku, t.warehouseId, t.expiresOn),
    check('batches_quantity_positive', sql`${t.quantity} > 0`),
    check('batches_never_oversold', sql`${t.reserved} <= ${t.remaining} and ${t.reserved} >= 0 and ${t.remaining} >= 0`),
  ],
);

export const MOVEMENT_KINDS = ['receipt', 'reservation', 'release', 'sale', 'adjustment', 'expiry_write_off'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/**
 * The ledger: every change to the counters, with who and why. The signed deltas make
 * the invariant checkable in SQL: per (sku, warehouse), sum(on_hand_delta) = on_hand
 * and sum(reserved_delta) = reserved.
 */
export const movements = inventory.table(
  'movements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sku: text('sku').notNull(),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    batchId: uuid('batch_id').references(() => batches.id),
    reservationId: uuid('reservation_id'),
    kind: text('kind', { enum: MOVEMENT_KINDS }).notNull(),
    /** Units moved, always positive; the deltas carry the direction. */
    quantity: integer('quantity').notNull(),
    onHandDelta: integer('on_hand_delta').notNull(),
    reservedDelta: integer('reserved_delta').notNull(),
    reason: text('reason'),
    /** The user who did it; null for the system (saga commands, the TTL and expiry jobs). */
    actorId: text('actor_id'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('movements_stock_idx').on(t.sku, t.warehouseId, t.id),
    index('movements_reservation_idx').on(t.reservationId),
    check('movements_quantity_positive', sql`${t.quantity} > 0`),
    check('movements_kind_known', sql`${t.kind} in ('receipt', 'reservation', 'release', 'sale', 'adjustment', 'expiry_write_off')`),
  ],
);

export const RESERVATION_STATUSES = ['ACTIVE', 'RELEASED', 'EXPIRED', 'COMMITTED'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/**
 * One ReserveStock per saga: its outcome and the reply sent, so a redelivered or
 * retried command gets the same answer instead of a second reservation.
 */
export const reservationRequests = inventory.table('reservation_requests', {
  sagaId: text('saga_id').primaryKey(),
  orderId: text('order_id').notNull(),
  outcome: text('outcome', { enum: ['RESERVED', 'FAILED'] }).notNull(),
  /** The reply's event data (StockReserved or StockReservationFailed). */
  reply: jsonb('reply').notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});

export const reservations = inventory.table(
  'reservations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sagaId: text('saga_id').notNull(),
    orderId: text('order_id').notNull(),
    lineId: text('line_id').notNull(),
    sku: text('sku').notNull(),
    requestedSku: text('requested_sku').notNull(),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    quantity: integer('quantity').notNull(),
    status: text('status', { enum: RESERVATION_STATUSES }).notNull().default('ACTIVE'),
    expiresAt: instant('expires_at').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    closedAt: instant('closed_at'),
  },
  (t) => [
    index('reservations_saga_idx').on(t.sagaId),
    index('reservations_due_idx')
      .on(t.expiresAt)
      .where(sql`status = 'ACTIVE'`),
    check('reservations_quantity_positive', sql`${t.quantity} > 0`),
    check('reservations_status_known', sql`${t.status} in ('ACTIVE', 'RELEASED', 'EXPIRED', 'COMMITTED')`),
  ],
);

/** Which batches a reservation's units were taken from (FEFO at reservation time). */
export const reservationAllocations = inventory.table(
  'reservation_allocations',
  {
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => batches.id),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reservationId, t.batchId] }), check('reservation_allocations_positive', sql`${t.quantity} > 0`)],
);

/** Per SKU, its ordered alternatives for lines that allow substitution. */
export const substitutes = inventory.table(
  'substitutes',
  {
    sku: text('sku').notNull(),
    position: integer('position').notNull(),
    alternativeSku: text('alternative_sku').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sku, t.position] }),
    uniqueIndex('substitutes_alternative_key').on(t.sku, t.alternativeSku),
    check('substitutes_not_itself', sql`${t.sku} <> ${t.alternativeSku}`),
  ],
);

export const skuThresholds = inventory.table(
  'sku_thresholds',
  {
    sku: text('sku').primaryKey(),
    lowStock: integer('low_stock'),
    nearExpiryDays: integer('near_expiry_days'),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('sku_thresholds_low_stock_nonnegative', sql`${t.lowStock} >= 0`),
    check('sku_thresholds_near_expiry_nonnegative', sql`${t.nearExpiryDays} >= 0`),
  ],
);

export const categoryThresholds = inventory.table(
  'category_thresholds',
  {
    categoryId: uuid('category_id').primaryKey(),
    nearExpiryDays: integer('near_expiry_days').notNull(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [check('category_thresholds_nonnegative', sql`${t.nearExpiryDays} >= 0`)],
);

/** Read model of catalog's products, fed by its events: who owns a SKU, and its category for thresholds. */
export const products = inventory.table('products', {
  id: uuid('id').primaryKey(),
  vendorId: uuid('vendor_id').notNull(),
  categoryId: uuid('category_id').notNull(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  status: text('status', { enum: ['ACTIVE', 'ARCHIVED'] })
    .notNull()
    .default('ACTIVE'),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/** Read model of catalog's SKUs; a removed SKU keeps its row (its ledger still names it). */
export const skus = inventory.table(
  'skus',
  {
    sku: text('sku').primaryKey(),
    productId: uuid('product_id').notNull(),
    removed: boolean('removed').notNull().default(false),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [index('skus_product_idx').on(t.productId)],
);

export const { outbox, processedEvents, deadLetters } = eventTables(inventory);
export const tables = { outbox, processedEvents, deadLetters };

export type WarehouseRow = typeof warehouses.$inferSelect;
export type StockLevelRow = typeof stockLevels.$inferSelect;
export type BatchRow = typeof batches.$inferSelect;
export type MovementRow = typeof movements.$inferSelect;
export type ReservationRow = typeof reservations.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type SkuRow = typeof skus.$inferSelect;
