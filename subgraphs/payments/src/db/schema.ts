import { sql } from 'drizzle-orm';
import { check, index, integer, pgSchema, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { eventTables, instant } from '@basket/platform';
import { LIVE_STATUSES, PAYMENT_STATUSES, REFUND_STATUSES } from '../domain/payment-status';

export const payments = pgSchema('payments');

const inList = (values: readonly string[]) => sql.raw(`(${values.map((v) => `'${v}'`).join(', ')})`);

export const paymentRows = payments.table(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Orders and customers live in other domains: ids only, no foreign keys.
    orderId: uuid('order_id').notNull(),
    // Kept from AuthorizePayment: who may read this payment (the order's customer).
    customerId: uuid('customer_id').notNull(),
    sagaId: text('saga_id').notNull(),
    provider: text('provider', { enum: ['stripe', 'simulated'] }).notNull(),
    // The provider's object (Stripe: pi_...); null until the provider has answered.
    providerReference: text('provider_reference'),
    amountVnd: integer('amount_vnd').notNull(),
    // What the customer would recognise ("Visa •••• 4242"), never a full card number.
    methodLabel: text('method_label').notNull(),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull(),
    declineCode: text('decline_code'),
    declineReason: text('decline_reason'),
    // The sender's key: the same AuthorizePayment twice finds this row instead of charging again.
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payments_idempotency_key_key').on(t.idempotencyKey),
    // No double charge under any concurrency: a second live payment for an order is refused
    // by the database itself (a declined or voided attempt does not block a new one).
    uniqueIndex('payments_one_live_per_order_key')
      .on(t.orderId)
      .where(sql`${t.status} in ${inList(LIVE_STATUSES)}`),
    uniqueIndex('payments_provider_reference_key').on(t.provider, t.providerReference),
    index('payments_order_idx').on(t.orderId, t.createdAt.desc()),
    check('payments_status_check', sql`${t.status} in ${inList(PAYMENT_STATUSES)}`),
    check('payments_amount_positive', sql`${t.amountVnd} > 0`),
  ],
);

export const refundRows = payments.table(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => paymentRows.id),
    orderId: uuid('order_id').notNull(),
    amountVnd: integer('amount_vnd').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: REFUND_STATUSES }).notNull(),
    // Stripe: re_...; null when the money was never taken and the hold was released instead.
    providerReference: text('provider_reference'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('refunds_idempotency_key_key').on(t.idempotencyKey),
    index('refunds_payment_idx').on(t.paymentId),
    check('refunds_status_check', sql`${t.status} in ${inList(REFUND_STATUSES)}`),
    check('refunds_amount_positive', sql`${t.amountVnd} > 0`),
  ],
);

/** Provider events (webhooks) already applied: a redelivered event id changes nothing. */
export const providerEvents = payments.table(
  'provider_events',
  {
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    receivedAt: instant('received_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);

// Exported by name: drizzle-kit only sees tables exported from this module.
export const { outbox, processedEvents, deadLetters } = eventTables(payments);
export const tables = { outbox, processedEvents, deadLetters };

export type PaymentRow = typeof paymentRows.$inferSelect;
export type RefundRow = typeof refundRows.$inferSelect;
/** An order as payments knows it: by id only (orders owns it). */
export interface OrderRef {
  id: string;
}
