/**
 * Why checkout did not end in a confirmed order, as data the schema exposes
 * (union CheckoutFailure): expected business outcomes, not errors.
 */
export type CheckoutFailure =
  | { kind: 'OUT_OF_STOCK'; shortages: { sku: string; requested: number; available: number }[] }
  | { kind: 'PAYMENT_DECLINED'; reason: string; declineCode: string }
  | { kind: 'TIMED_OUT'; step: string }
  | { kind: 'CANCELLED'; by: 'customer' | 'admin' };

/** From the saga's failure cause (reply type and data, or the step that timed out). */
export function failureFromCause(cause: { reply: string; data: unknown } | { timedOut: string }): CheckoutFailure {
  if ('timedOut' in cause) return { kind: 'TIMED_OUT', step: cause.timedOut };
  if (cause.reply === 'StockReservationFailed') {
    const data = cause.data as { shortages: { sku: string; requested: number; available: number }[] };
    return { kind: 'OUT_OF_STOCK', shortages: data.shortages.map(({ sku, requested, available }) => ({ sku, requested, available })) };
  }
  if (cause.reply === 'PaymentDeclined') {
    const data = cause.data as { reason: string; declineCode: string };
    return { kind: 'PAYMENT_DECLINED', reason: data.reason, declineCode: data.declineCode };
  }
  throw new Error(`no checkout failure for reply ${cause.reply}`);
}
