import { z } from 'zod';

/**
 * Payments' half of the commerce contract (../shared/briefs/commerce-contract.md).
 * Saga traffic carries { sagaId, orderId } and is keyed by sagaId; amounts are integer VND.
 */
const sagaId = z.string().min(1).max(100);
const orderId = z.uuid();
const paymentId = z.uuid();
const amountVnd = z.number().int().positive();
/** Chosen by the sender; the same key means the same payment or refund, never a second one. */
const idempotencyKey = z.string().min(1).max(200);

/** Topic: payments.commands, key: sagaId (orderId for refunds). Executed by payments only. */
export const paymentsCommands = {
  /**
   * Hold the order's amount on the customer's payment method. `paymentMethod` is opaque:
   * a test card number for the simulated provider, a PaymentMethod id (pm_...) for Stripe.
   * Answered by PaymentAuthorized or PaymentDeclined, possibly much later (a webhook).
   */
  AuthorizePayment: {
    version: 1,
    data: z.object({
      sagaId,
      orderId,
      customerId: z.uuid(),
      amountVnd,
      paymentMethod: z.string().min(1).max(200),
      idempotencyKey,
    }),
  },
  /** Release the order's hold (saga compensation). Idempotent; answered even when there was nothing to void. */
  VoidPayment: {
    version: 1,
    data: z.object({ sagaId, orderId, paymentId: paymentId.optional() }),
  },
  /** Take the held amount (the order is confirmed). Answered by PaymentCaptured; a repeat answers the same. */
  CapturePayment: {
    version: 1,
    data: z.object({ sagaId, orderId, paymentId }),
  },
  /** Give money back: a cancelled paid order, or a return the vendor accepted. */
  RefundPayment: {
    version: 1,
    data: z.object({ orderId, paymentId: paymentId.optional(), amountVnd, reason: z.string().min(1).max(500), idempotencyKey }),
  },
} as const;

/** Topic: payments.events, key: sagaId (orderId for refunds). Replies to the commands above, and facts for anyone. */
export const paymentsEvents = {
  /** The amount is held on the customer's payment method, ready to capture. */
  PaymentAuthorized: {
    version: 1,
    data: z.object({ sagaId, orderId, paymentId, amountVnd }),
  },
  /** The provider refused; `declineCode` is the provider's (e.g. generic_decline, insufficient_funds). */
  PaymentDeclined: {
    version: 1,
    data: z.object({ sagaId, orderId, paymentId, reason: z.string(), declineCode: z.string() }),
  },
  /** The hold is released; paymentId is absent when the order had no payment to void. */
  PaymentVoided: {
    version: 1,
    data: z.object({ sagaId, orderId, paymentId: paymentId.optional() }),
  },
  PaymentCaptured: {
    version: 1,
    data: z.object({ sagaId, orderId, paymentId, amountVnd }),
  },
  PaymentRefunded: {
    version: 1,
    data: z.object({ orderId, paymentId, refundId: z.uuid(), amountVnd }),
  },
} as const;
