import type { z } from 'zod';
import type { Envelope } from '@basket/schema';
import type { paymentsCommands } from '@basket/schema/events/payments';
import { PermanentFailure, type Logger, type Tx } from '@basket/platform';
import { canMove, providerIdempotencyKey } from '../domain/payment-status';
import type { AuthorizeOutcome, PaymentProvider } from '../provider/payment-provider';
import * as paymentStore from '../db/payments-store';
import * as refundStore from '../db/refunds-store';
import type { PaymentRow } from '../db/schema';
import type { Replies } from './replies';

export interface PaymentCommandsDeps {
  provider: PaymentProvider;
  replies: Replies;
  logger: Logger;
}

/** A command as payments receives it; typed from the contract file, whichever registry lists it. */
type Command<T extends keyof typeof paymentsCommands> = Envelope<z.infer<(typeof paymentsCommands)[T]['data']>>;

/** A command that cannot be carried out as sent: the consumer parks it at once, with the reason. */
export class CommandRefused extends PermanentFailure {}

/**
 * Carries out the commands orders sends. Each runs inside the consumer's transaction:
 * the payment's state change, the reply in the outbox and the processed-message row
 * commit together. The provider is called inside it with a key derived from the order,
 * so if the transaction rolls back after the provider answered, the redelivered command
 * asks again with the same key and gets the same PaymentIntent, never a second charge.
 */
export function createPaymentCommands(deps: PaymentCommandsDeps) {
  const { provider, replies, logger } = deps;

  /**
   * Records what the provider said about an authorization, now or later (a webhook),
   * and answers the saga once the outcome is known. Moves the lifecycle allows only:
   * a late "authorized" for a payment the saga already voided changes nothing.
   */
  async function applyAuthorization(tx: Tx, payment: PaymentRow, outcome: AuthorizeOutcome, traceId: string | null): Promise<void> {
    if (outcome.status === 'pending') {
      if (payment.status === 'pending' && outcome.reference !== payment.providerReference)
        await paymentStore.updatePayment(tx, payment.id, { providerReference: outcome.reference });
      return;
    }
    if (!canMove(payment.status, outcome.status)) {
      logger.info({ paymentId: payment.id, from: payment.status, to: outcome.status }, 'provider outcome ignored: payment already settled');
      return;
    }
    if (outcome.status === 'authorized') {
      const row = await paymentStore.updatePayment(tx, payment.id, { status: 'authorized', providerReference: outcome.reference });
      await replies.authorized(tx, row, row.sagaId, traceId);
    } else {
      const row = await paymentStore.updatePayment(tx, payment.id, {
        status: 'declined',
        providerReference: outcome.reference ?? payment.providerReference,
        declineCode: outcome.declineCode,
        declineReason: outcome.reason,
      });
      await replies.declined(tx, row, row.sagaId, traceId);
    }
  }

  /** Answers a repeated AuthorizePayment with what is already known (nothing yet while pending). */
  async function answerAgain(tx: Tx, payment: PaymentRow, sagaId: string, traceId: string | null) {
    if (payment.status === 'declined') return replies.declined(tx, payment, sagaId, traceId);
    if (payment.status === 'authorized' || payment.status === 'captured' || payment.status === 'refunded')
      return replies.authorized(tx, payment, sagaId, traceId);
  }

  async function authorize(tx: Tx, { data: cmd, traceId }: Command<'AuthorizePayment'>) {
    const payment = await paymentStore.insertPayment(tx, {
      orderId: cmd.orderId,
      customerId: cmd.customerId,
      sagaId: cmd.sagaId,
      provider: provider.name,
      amountVnd: cmd.amountVnd,
      methodLabel: provider.describeMethod(cmd.paymentMethod),
      status: 'pending',
      idempotencyKey: cmd.idempotencyKey,
    });
    if (!payment) {
      // The same key again (a saga resumed after a crash), or a second try while the order's
      // payment is live: the database kept one row, and the sender gets that row's answer.
      const existing = await paymentStore.findExistingAuthorization(tx, cmd.idempotencyKey, cmd.orderId);
      if (existing) await answerAgain(tx, existing, cmd.sagaId, traceId);
      return;
    }
    const outcome = await provider.authorize({
      orderId: cmd.orderId,
      customerId: cmd.customerId,
      amountVnd: cmd.amountVnd,
      paymentMethod: cmd.paymentMethod,
      idempotencyKey: providerIdempotencyKey('authorize', cmd.orderId, cmd.idempotencyKey),
    });
    await applyAuthorization(tx, payment, outcome, traceId);
  }

  async function capture(tx: Tx, { data: cmd, traceId }: Command<'CapturePayment'>) {
    const payment = await paymentStore.lockPayment(tx, cmd.paymentId);
    if (!payment || payment.orderId !== cmd.orderId) throw new CommandRefused(`no payment ${cmd.paymentId} for order ${cmd.orderId}`);
    if (payment.status === 'captured' || payment.status === 'refunded') return replies.captured(tx, payment, cmd.sagaId, traceId);
    if (payment.status !== 'authorized' || !payment.providerReference)
      throw new CommandRefused(`payment ${payment.id} is ${payment.status}; only an authorized payment is captured`);
    await provider.capture({
      reference: payment.providerReference,
      amountVnd: payment.amountVnd,
      idempotencyKey: providerIdempotencyKey('capture', payment.id, payment.idempotencyKey),
    });
    const row = await paymentStore.updatePayment(tx, payment.id, { status: 'captured' });
    await replies.captured(tx, row, cmd.sagaId, traceId);
  }

  async function lockOrdersPayment(tx: Tx, orderId: string, paymentId: string | undefined): Promise<PaymentRow | null> {
    const id = paymentId ?? (await paymentStore.findLivePayment(tx, orderId))?.id;
    const payment = id ? await paymentStore.lockPayment(tx, id) : null;
    if (payment && payment.orderId !== orderId) throw new CommandRefused(`payment ${payment.id} is not order ${orderId}'s`);
    return payment;
  }

  /** Releases a hold at the provider and records it; the caller replies. */
  async function release(tx: Tx, payment: PaymentRow): Promise<PaymentRow> {
    if (payment.providerReference) {
      await provider.void({
        reference: payment.providerReference,
        idempotencyKey: providerIdempotencyKey('void', payment.id, payment.idempotencyKey),
      });
    }
    return paymentStore.updatePayment(tx, payment.id, { status: 'voided' });
  }

  async function voidPayment(tx: Tx, { data: cmd, traceId }: Command<'VoidPayment'>) {
    const payment = await lockOrdersPayment(tx, cmd.orderId, cmd.paymentId);
    // Nothing to void (the authorization never happened) still gets its reply: the saga waits for it.
    if (!payment) return replies.voided(tx, cmd.sagaId, cmd.orderId, undefined, traceId);
    if (payment.status === 'captured' || payment.status === 'refunded')
      throw new CommandRefused(`payment ${payment.id} was captured; it is refunded (RefundPayment), not voided`);
    if (canMove(payment.status, 'voided')) await release(tx, payment);
    await replies.voided(tx, cmd.sagaId, cmd.orderId, payment.id, traceId);
  }

  async function refund(tx: Tx, { data: cmd, traceId }: Command<'RefundPayment'>) {
    const payment = await lockOrdersPayment(tx, cmd.orderId, cmd.paymentId);
    // Looked up under the payment's lock: a twin of this command in another process has
    // either committed its refund (found here) or waits for this one to commit.
    const done = await refundStore.findRefundByKey(tx, cmd.idempotencyKey);
    if (done) {
      if (done.status !== 'failed') await replies.refunded(tx, done, traceId);
      return;
    }
    if (!payment) throw new CommandRefused(`order ${cmd.orderId} has no payment to refund`);
    if (payment.status === 'pending' || payment.status === 'authorized') {
      // The money was only held: releasing the hold gives it all back, with no refund fee.
      await release(tx, payment);
      const row = await refundStore.insertRefund(tx, {
        paymentId: payment.id,
        orderId: payment.orderId,
        amountVnd: payment.amountVnd,
        reason: cmd.reason,
        status: 'succeeded',
        providerReference: null,
        idempotencyKey: cmd.idempotencyKey,
      });
      if (row) await replies.refunded(tx, row, traceId);
      return;
    }
    if (payment.status !== 'captured' || !payment.providerReference)
      throw new CommandRefused(`payment ${payment.id} is ${payment.status}; nothing to refund`);
    const already = await refundStore.refundedVnd(tx, payment.id);
    if (already + cmd.amountVnd > payment.amountVnd)
      throw new CommandRefused(
        `refund of ${cmd.amountVnd} VND exceeds what is left of payment ${payment.id} (${payment.amountVnd - already} VND)`,
      );
    // Inserted before the provider call: a concurrent twin with the same key waits on the
    // unique index and then finds this row, so one refund reaches the provider.
    const row = await refundStore.insertRefund(tx, {
      paymentId: payment.id,
      orderId: payment.orderId,
      amountVnd: cmd.amountVnd,
      reason: cmd.reason,
      status: 'pending',
      idempotencyKey: cmd.idempotencyKey,
    });
    if (!row) return;
    const outcome = await provider.refund({
      reference: payment.providerReference,
      amountVnd: cmd.amountVnd,
      idempotencyKey: providerIdempotencyKey('refund', payment.id, cmd.idempotencyKey),
    });
    if (outcome.status === 'failed') throw new CommandRefused(`provider refused refund ${outcome.reference}`);
    await refundStore.updateRefund(tx, row.id, { status: outcome.status, providerReference: outcome.reference });
    if (already + cmd.amountVnd === payment.amountVnd) await paymentStore.updatePayment(tx, payment.id, { status: 'refunded' });
    await replies.refunded(tx, row, traceId);
  }

  return { authorize, capture, voidPayment, refund, applyAuthorization };
}

export type PaymentCommands = ReturnType<typeof createPaymentCommands>;
