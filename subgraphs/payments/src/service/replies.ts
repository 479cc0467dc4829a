import type { NewEvent, Publish, Tx } from '@basket/platform';
import type { PaymentRow } from '../db/schema';

/**
 * The replies payments publishes, written to the outbox in the caller's transaction so
 * the reply exists exactly when the state change it reports does. Saga replies are
 * keyed by sagaId (the orders saga's partition); refunds by orderId.
 */
export function replies(publish: Publish) {
  const send = (tx: Tx, event: NewEvent, traceId?: string | null) => publish(tx, [event], traceId);
  return {
    authorized: (tx: Tx, p: PaymentRow, sagaId: string, traceId?: string | null) =>
      send(
        tx,
        { type: 'PaymentAuthorized', aggregateId: sagaId, data: { sagaId, orderId: p.orderId, paymentId: p.id, amountVnd: p.amountVnd } },
        traceId,
      ),
    declined: (tx: Tx, p: PaymentRow, sagaId: string, traceId?: string | null) =>
      send(
        tx,
        {
          type: 'PaymentDeclined',
          aggregateId: sagaId,
          data: {
            sagaId,
            orderId: p.orderId,
            paymentId: p.id,
            reason: p.declineReason ?? 'The payment was declined',
            declineCode: p.declineCode ?? 'card_declined',
          },
        },
        traceId,
      ),
    voided: (tx: Tx, sagaId: string, orderId: string, paymentId: string | undefined, traceId?: string | null) =>
      send(tx, { type: 'PaymentVoided', aggregateId: sagaId, data: { sagaId, orderId, ...(paymentId && { paymentId }) } }, traceId),
    captured: (tx: Tx, p: PaymentRow, sagaId: string, traceId?: string | null) =>
      send(
        tx,
        { type: 'PaymentCaptured', aggregateId: sagaId, data: { sagaId, orderId: p.orderId, paymentId: p.id, amountVnd: p.amountVnd } },
        traceId,
      ),
    refunded: (tx: Tx, r: { orderId: string; paymentId: string; id: string; amountVnd: number }, traceId?: string | null) =>
      send(
        tx,
        {
          type: 'PaymentRefunded',
          aggregateId: r.orderId,
          data: { orderId: r.orderId, paymentId: r.paymentId, refundId: r.id, amountVnd: r.amountVnd },
        },
        traceId,
      ),
  };
}

export type Replies = ReturnType<typeof replies>;
