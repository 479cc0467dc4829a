import { command, remoteStep, type SagaDefinition } from './saga-definition';

/**
 * The checkout saga, read top to bottom. Orders orchestrates; inventory and payments
 * execute commands sent through orders' outbox to `<domain>.commands` (keyed by saga
 * id) and answer on their `<domain>.events`; the answers come back through the
 * idempotent consumer. What happens when anything fails is written here and only here.
 *
 *   reserve stock      ReserveStock     -> StockReserved | StockReservationFailed   undo: ReleaseStock   timeout: stockReplyMs
 *   authorize payment  AuthorizePayment -> PaymentAuthorized | PaymentDeclined      undo: VoidPayment    timeout: until the reservation expires
 *   confirm            (local) CommitStock + CapturePayment, order CONFIRMED         no undo (last step)
 */

/** What the saga carries from step to step (the saga row's context). */
export interface CheckoutContext {
  orderId: string;
  customerId: string;
  region: 'HA_NOI' | 'HO_CHI_MINH';
  totalVnd: number;
  paymentMethod: string;
  /** Derived from the order: payments turns it into the provider's idempotency key. */
  paymentKey: string;
  lines: { lineId: string; sku: string; quantity: number; allowSubstitution: boolean }[];
  /** From StockReserved: what ReleaseStock and CommitStock name. */
  reservationIds?: string[];
  reservationExpiresAt?: string;
  /** From PaymentAuthorized: what CapturePayment, VoidPayment and refunds name. */
  paymentId?: string;
}

export interface CheckoutTimings {
  /** How long inventory may take to answer ReserveStock. */
  stockReplyMs: number;
  /** How long reservations live; payment must be authorized within it. */
  reservationTtlSeconds: number;
}

export const DEFAULT_CHECKOUT_TIMINGS: CheckoutTimings = { stockReplyMs: 30_000, reservationTtlSeconds: 15 * 60 };

export function checkoutSaga(timings: CheckoutTimings = DEFAULT_CHECKOUT_TIMINGS): SagaDefinition<CheckoutContext> {
  return {
    name: 'checkout',
    steps: [
      remoteStep({
        name: 'reserveStock',
        command: 'ReserveStock',
        send: (c: CheckoutContext, sagaId) => ({
          sagaId,
          orderId: c.orderId,
          region: c.region,
          ttlSeconds: timings.reservationTtlSeconds,
          lines: c.lines,
        }),
        timeoutMs: () => timings.stockReplyMs,
        timeoutReason: 'Stock could not be confirmed in time; please try again',
        success: {
          reply: 'StockReserved',
          orderStatus: 'STOCK_RESERVED',
          remember: (r) => ({ reservationIds: r.reservations.map((x) => x.reservationId), reservationExpiresAt: r.expiresAt }),
          undoLate: {
            command: 'ReleaseStock',
            build: (r) => ({
              sagaId: r.sagaId,
              orderId: r.orderId,
              reservationIds: r.reservations.map((x) => x.reservationId),
              reason: 'checkout ended before the reservation arrived',
            }),
          },
        },
        failure: {
          reply: 'StockReservationFailed',
          reason: (r) =>
            r.shortages.length
              ? `Not enough stock: ${r.shortages.map((s) => `${s.sku} (${s.requested} requested, ${s.available} available)`).join(', ')}`
              : `Stock could not be reserved: ${r.reason}`,
        },
        compensation: {
          command: command('ReleaseStock', (c: CheckoutContext, sagaId) => ({
            sagaId,
            orderId: c.orderId,
            reservationIds: c.reservationIds ?? [],
            reason: 'checkout did not complete',
          })),
        },
        // Inventory may have reserved without its answer reaching us yet: no ids means
        // "everything this saga still holds". A late StockReserved is released by undoLate too.
        undoInFlight: command('ReleaseStock', (c: CheckoutContext, sagaId) => ({
          sagaId,
          orderId: c.orderId,
          reservationIds: [],
          reason: 'stock was not confirmed in time',
        })),
      }),
      remoteStep({
        name: 'authorizePayment',
        enter: 'AWAITING_PAYMENT',
        command: 'AuthorizePayment',
        send: (c: CheckoutContext, sagaId) => ({
          sagaId,
          orderId: c.orderId,
          customerId: c.customerId,
          amountVnd: c.totalVnd,
          paymentMethod: c.paymentMethod,
          idempotencyKey: c.paymentKey,
        }),
        // Payment has as long as the stock is held: after that the order cannot be fulfilled as placed.
        timeoutMs: (c, now) =>
          c.reservationExpiresAt ? Date.parse(c.reservationExpiresAt) - now.getTime() : timings.reservationTtlSeconds * 1000,
        timeoutReason: 'Payment was not completed in time; the reserved items were released',
        success: {
          reply: 'PaymentAuthorized',
          orderStatus: 'PAID',
          remember: (r) => ({ paymentId: r.paymentId }),
          undoLate: { command: 'VoidPayment', build: (r) => ({ sagaId: r.sagaId, orderId: r.orderId, paymentId: r.paymentId }) },
        },
        failure: { reply: 'PaymentDeclined', reason: (r) => `Payment declined: ${r.reason}` },
        compensation: {
          command: command('VoidPayment', (c: CheckoutContext, sagaId) => ({ sagaId, orderId: c.orderId, paymentId: c.paymentId })),
        },
        // The provider may still be deciding (a card that answers late): void whatever it holds for the order.
        undoInFlight: command('VoidPayment', (c: CheckoutContext, sagaId) => ({ sagaId, orderId: c.orderId })),
      }),
      {
        kind: 'local',
        name: 'confirm',
        commands: [
          command('CommitStock', (c: CheckoutContext, sagaId) => ({ sagaId, orderId: c.orderId, reservationIds: c.reservationIds ?? [] })),
          command('CapturePayment', (c: CheckoutContext, sagaId) => ({ sagaId, orderId: c.orderId, paymentId: c.paymentId! })),
        ],
        orderStatus: 'CONFIRMED',
        compensation: { none: 'the last step: after it, undoing the order is a cancellation with a refund, not a compensation' },
      },
    ],
    acknowledgements: ['StockReleased', 'StockCommitted', 'PaymentVoided', 'PaymentCaptured'],
    // Inventory's TTL job released the stock while payment was pending: the order cannot be fulfilled as placed.
    timeoutSignals: ['ReservationExpired'],
  };
}
