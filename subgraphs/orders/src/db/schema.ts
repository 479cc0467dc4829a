import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, jsonb, pgSchema, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { eventTables, instant } from '@basket/platform';
import { ORDER_STATUSES, statusCheckSql, type OrderStatus } from '../domain/order-lifecycle';
import { PART_STATUSES, type PartStatus } from '../domain/order-parts';
import type { CheckoutFailure } from '../domain/checkout-failure';
import { SAGA_STATUSES, type SagaStatus } from '../saga/saga-state';

export const orders = pgSchema('orders');

/**
 * Read model of catalog's SKUs, fed by ProductCreated, VariantAdded, VariantPriceChanged,
 * VariantRemoved and ProductUpdated: carts price lines from here, never by calling catalog.
 */
export const skus = orders.table('skus', {
  sku: text('sku').primaryKey(),
  productId: uuid('product_id').notNull(),
  vendorId: uuid('vendor_id').notNull(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  unit: text('unit').notNull(),
  priceVnd: integer('price_vnd').notNull(),
  /** The variant still exists (not VariantRemoved). */
  available: boolean('available').notNull().default(true),
  /** Its product is ACTIVE (ProductUpdated). */
  productActive: boolean('product_active').notNull().default(true),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/** A customer's cart (customer_id), or a guest's (guest_token_hash) until it is merged at sign-in. */
export const carts = orders.table(
  'carts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id'),
    /** sha256 of the guest token: the token itself is a bearer secret and is never stored. */
    guestTokenHash: text('guest_token_hash'),
    /** Set when a guest cart was merged into a customer's; its lines moved there. */
    mergedInto: uuid('merged_into'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('carts_customer_key')
      .on(t.customerId)
      .where(sql`customer_id is not null`),
    uniqueIndex('carts_guest_token_key')
      .on(t.guestTokenHash)
      .where(sql`guest_token_hash is not null`),
    check('carts_owner', sql`customer_id is not null or guest_token_hash is not null`),
  ],
);

export const cartLines = orders.table(
  'cart_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cartId: uuid('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    quantity: integer('quantity').notNull(),
    /** The price the customer saw when adding: a later change is shown next to it, not hidden. */
    priceAtAddVnd: integer('price_at_add_vnd').notNull(),
    allowSubstitution: boolean('allow_substitution').notNull().default(false),
    addedAt: instant('added_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cart_lines_sku_key').on(t.cartId, t.sku), check('cart_lines_quantity_positive', sql`${t.quantity} > 0`)],
);

/** Where the order goes; kept on the order as given at checkout. */
export interface DeliveryAddress {
  recipientName: string;
  phone: string;
  line1: string;
  ward: string | null;
  district: string;
  city: string;
  region: 'HA_NOI' | 'HO_CHI_MINH';
}

export const orderRows = orders.table(
  'orders',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status').$type<OrderStatus>().notNull(),
    /** Why the order was cancelled, in words for the customer. */
    cancelReason: text('cancel_reason'),
    /** The checkout failure behind a cancellation, with its details (shortages, decline code). */
    failure: jsonb('failure').$type<CheckoutFailure>(),
    region: text('region').$type<DeliveryAddress['region']>().notNull(),
    deliveryAddress: jsonb('delivery_address').$type<DeliveryAddress>().notNull(),
    paymentMethod: text('payment_method').notNull(),
    subtotalVnd: integer('subtotal_vnd').notNull(),
    discountVnd: integer('discount_vnd').notNull(),
    deliveryFeeVnd: integer('delivery_fee_vnd').notNull(),
    totalVnd: integer('total_vnd').notNull(),
    sagaId: uuid('saga_id').notNull(),
    /** Payments' id once authorized: refunds name it. */
    paymentId: text('payment_id'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // The same key twice from one customer is the same order (placeOrder's idempotency).
    uniqueIndex('orders_idempotency_key').on(t.customerId, t.idempotencyKey),
    index('orders_customer_idx').on(t.customerId, t.createdAt.desc(), t.id.desc()),
    check('orders_status_valid', sql.raw(statusCheckSql('status', ORDER_STATUSES))),
    check('orders_cancel_reason', sql`(status = 'CANCELLED') = (cancel_reason is not null)`),
    check('orders_total', sql`total_vnd = subtotal_vnd - discount_vnd + delivery_fee_vnd and total_vnd >= 0`),
  ],
);

export const orderParts = orders.table(
  'order_parts',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orderRows.id),
    vendorId: uuid('vendor_id').notNull(),
    status: text('status').$type<PartStatus>().notNull(),
    subtotalVnd: integer('subtotal_vnd').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('order_parts_vendor_key').on(t.orderId, t.vendorId),
    index('order_parts_vendor_idx').on(t.vendorId, t.createdAt.desc(), t.id.desc()),
    check('order_parts_status_valid', sql.raw(statusCheckSql('status', PART_STATUSES))),
  ],
);

export const orderLines = orders.table(
  'order_lines',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orderRows.id),
    partId: uuid('part_id')
      .notNull()
      .references(() => orderParts.id),
    sku: text('sku').notNull(),
    productId: uuid('product_id').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    unit: text('unit').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceVnd: integer('unit_price_vnd').notNull(),
    allowSubstitution: boolean('allow_substitution').notNull(),
    /** What inventory reserved instead, when it substituted (StockReserved). */
    substitutedSku: text('substituted_sku'),
  },
  (t) => [index('order_lines_order_idx').on(t.orderId), check('order_lines_quantity_positive', sql`${t.quantity} > 0`)],
);

/** Every move of an order or of one of its parts, written in the transaction that made it. */
export const orderHistory = orders.table(
  'order_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orderRows.id),
    /** Set for a part's move; null for the order's own. */
    partId: uuid('part_id'),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actor: text('actor', { enum: ['system', 'customer', 'vendor', 'admin'] }).notNull(),
    actorId: uuid('actor_id'),
    reason: text('reason'),
    at: instant('at').notNull().defaultNow(),
  },
  (t) => [index('order_history_order_idx').on(t.orderId, t.id)],
);

/**
 * The checkout saga's progress, one row per order: which step waits for a reply and
 * until when, and what compensations will need (reservation ids, payment id). A
 * restarted process reads its work from here.
 */
export const sagas = orders.table(
  'sagas',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orderRows.id),
    name: text('name').notNull(),
    status: text('status').$type<SagaStatus>().notNull(),
    /** The step waiting for its reply (RUNNING) or the last one reached. */
    step: text('step').notNull(),
    deadlineAt: instant('deadline_at'),
    context: jsonb('context').$type<Record<string, unknown>>().notNull(),
    failureReason: text('failure_reason'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sagas_order_key').on(t.orderId),
    index('sagas_deadline_idx')
      .on(t.deadlineAt)
      .where(sql`status = 'RUNNING'`),
    check('sagas_status_valid', sql.raw(statusCheckSql('status', SAGA_STATUSES))),
  ],
);

/** Messages a saga received, in order: what an operator reads to see why an order ended as it did. */
export const sagaLog = orders.table(
  'saga_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sagaId: uuid('saga_id').notNull(),
    messageId: uuid('message_id'),
    type: text('type').notNull(),
    /** applied, ignored (late or duplicate), compensated (a late success undone) ... */
    outcome: text('outcome').notNull(),
    at: instant('at').notNull().defaultNow(),
  },
  (t) => [index('saga_log_saga_idx').on(t.sagaId, t.id)],
);

export const { outbox, processedEvents, deadLetters } = eventTables(orders);
export const tables = { outbox, processedEvents, deadLetters };

export type SkuRow = typeof skus.$inferSelect;
export type CartRow = typeof carts.$inferSelect;
export type CartLineRow = typeof cartLines.$inferSelect;
export type OrderRow = typeof orderRows.$inferSelect;
export type OrderPartRow = typeof orderParts.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;
export type OrderHistoryRow = typeof orderHistory.$inferSelect;
export type SagaRow = typeof sagas.$inferSelect;
