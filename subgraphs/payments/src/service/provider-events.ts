import type { IncomingHttpHeaders } from 'node:http';
import type { Db, HttpRoute, Logger } from '@basket/platform';
import { recordProviderEvent } from '../db/provider-events-store';
import * as paymentStore from '../db/payments-store';
import { canMove } from '../domain/payment-status';
import { InvalidSignature, type PaymentProvider, type ProviderEvent } from '../provider/payment-provider';
import type { PaymentCommands } from './payment-commands';
import type { Replies } from './replies';

export interface ProviderEventsDeps {
  db: Db;
  provider: PaymentProvider;
  commands: PaymentCommands;
  replies: Replies;
  logger: Logger;
}

export type ApplyResult = 'applied' | 'duplicate' | 'unknown-payment';

class UnknownPayment extends Error {}

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * What the provider tells us after the fact (Stripe webhooks, the simulated provider's
 * late card). Each event id is applied once: its provider_events row commits with the
 * effect and the reply, so a redelivered webhook finds the row and changes nothing.
 */
export function createProviderEvents(deps: ProviderEventsDeps) {
  const { db, provider, commands, replies, logger } = deps;

  async function apply(event: ProviderEvent): Promise<ApplyResult> {
    try {
      return await db.transaction(async (tx) => {
        if (!(await recordProviderEvent(tx, provider.name, event.id, event.type))) return 'duplicate';
        const payment = await paymentStore.lockPaymentByReference(tx, provider.name, event.reference);
        // Not recorded (yet): the authorizing transaction may still be open. Rolling back
        // leaves the event unrecorded, so the provider's retry applies it.
        if (!payment) throw new UnknownPayment(event.reference);
        const { outcome } = event;
        if (!outcome) return 'applied';
        if (outcome.status === 'captured' || outcome.status === 'voided') {
          if (!canMove(payment.status, outcome.status)) return 'applied';
          const row = await paymentStore.updatePayment(tx, payment.id, { status: outcome.status });
          if (outcome.status === 'captured') await replies.captured(tx, row, row.sagaId);
          else await replies.voided(tx, row.sagaId, row.orderId, row.id);
          return 'applied';
        }
        await commands.applyAuthorization(tx, payment, outcome, null);
        return 'applied';
      });
    } catch (err) {
      if (err instanceof UnknownPayment) return 'unknown-payment';
      throw err;
    }
  }

  /** POST /webhooks/stripe: verified over the raw body before anything is read or written. */
  const webhook: HttpRoute = async ({ method, headers, body }) => {
    if (method !== 'POST') return { status: 405, body: { error: 'POST only' } };
    let event: ProviderEvent | null;
    try {
      if (!provider.parseWebhook) return { status: 404, body: { error: `${provider.name} sends no webhooks` } };
      event = provider.parseWebhook(body, header(headers, 'stripe-signature'));
    } catch (err) {
      const reason = err instanceof InvalidSignature ? 'invalid signature' : 'unreadable event';
      logger.warn({ err: (err as Error).message }, `webhook refused: ${reason}`);
      return { status: 400, body: { error: reason } };
    }
    if (!event) return { status: 200, body: { received: true } };
    const result = await apply(event);
    if (result === 'unknown-payment') {
      logger.info({ eventId: event.id, reference: event.reference }, 'webhook for a payment not recorded yet; the provider retries');
      return { status: 409, body: { error: 'payment not recorded yet; retry' } };
    }
    return { status: 200, body: { received: true, duplicate: result === 'duplicate' } };
  };

  // Providers that answer late in-process (the simulated one) deliver here; an unknown
  // payment is thrown so the provider retries, as Stripe would after a 409.
  provider.onEvent?.(async (event) => {
    if ((await apply(event)) === 'unknown-payment') throw new Error(`payment ${event.reference} not recorded yet`);
  });

  return { apply, webhook };
}

export type ProviderEvents = ReturnType<typeof createProviderEvents>;
