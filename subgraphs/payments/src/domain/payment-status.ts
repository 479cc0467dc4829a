/**
 * A payment's lifecycle as data. The same list drives the database check and the
 * GraphQL enum; `canMove` is the only place a status change is allowed or refused, so
 * a late provider answer (a webhook after the saga voided) cannot resurrect a payment.
 */
export const PAYMENT_STATUSES = ['pending', 'authorized', 'declined', 'captured', 'voided', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

const transitions: Record<PaymentStatus, readonly PaymentStatus[]> = {
  // The provider has not answered yet (3-D Secure, a slow card): a webhook settles it.
  pending: ['authorized', 'declined', 'voided'],
  authorized: ['captured', 'voided'],
  captured: ['refunded'],
  declined: [],
  voided: [],
  refunded: [],
};

export function canMove(from: PaymentStatus, to: PaymentStatus): boolean {
  return transitions[from].includes(to);
}

/** Statuses holding or having taken the customer's money: at most one such payment per order. */
export const LIVE_STATUSES: readonly PaymentStatus[] = ['pending', 'authorized', 'captured', 'refunded'];

export const REFUND_STATUSES = ['succeeded', 'pending', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * The key sent to the provider for one operation on one order. Derived, not random:
 * a command redelivered after a crash (its transaction rolled back after the provider
 * answered) sends the same key, and the provider answers with the same object instead
 * of charging again. Stripe accepts keys up to 255 characters.
 */
export function providerIdempotencyKey(operation: 'authorize' | 'capture' | 'void' | 'refund', subject: string, key: string): string {
  return `basket:${operation}:${subject}:${key}`.slice(0, 255);
}
