import { randomUUID } from 'node:crypto';
import { outboxPublisher } from '@basket/platform';
import { eventually } from '../../../test/support/graphql';
import { tables } from '../src/db/schema';
import { createStripeProvider } from '../src/provider/stripe-provider';
import { createPaymentCommands } from '../src/service/payment-commands';
import { replies } from '../src/service/replies';
import { startPaymentsWithStripe, type PaymentsWithStripe } from './support/payments-harness';

let h: PaymentsWithStripe;

beforeAll(async () => {
  h = await startPaymentsWithStripe();
}, 60_000);
afterAll(() => h?.stop());

/** A fresh order: ids no other test (or run) uses. */
function order(amountVnd = 185_000) {
  const orderId = randomUUID();
  return { sagaId: randomUUID(), orderId, customerId: randomUUID(), amountVnd, idempotencyKey: `checkout-${orderId}` };
}

const paymentsOf = (orderId: string) => h.sql('select * from payments.payments where order_id = $1 order by created_at', [orderId]);
const repliesOf = (orderId: string) =>
  h.sql<{ type: string; data: Record<string, unknown> }>(
    "select type, envelope->'data' as data from payments.outbox where envelope->'data'->>'orderId' = $1 order by seq",
    [orderId],
  );
const intentsOf = (orderId: string) => [...h.standIn.intents.values()].filter((pi) => pi.metadata.orderId === orderId);

async function settledPayment(orderId: string, status: string) {
  return eventually(
    async () => {
      const [row] = await paymentsOf(orderId);
      return row?.status === status ? row : undefined;
    },
    30_000,
    `payment of ${orderId} to be ${status}`,
  );
}

async function authorized(amountVnd?: number) {
  const o = order(amountVnd);
  await h.send('AuthorizePayment', { ...o, paymentMethod: 'pm_card_visa' });
  const payment = await settledPayment(o.orderId, 'authorized');
  return { ...o, payment };
}

async function postWebhook(body: string, signature?: string) {
  const res = await fetch(h.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature && { 'stripe-signature': signature }) },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('AuthorizePayment through Stripe (real SDK, local stand-in)', () => {
  it('authorizes a good card: a PaymentIntent with manual capture, the row, and PaymentAuthorized in the outbox', async () => {
    const o = order();
    await h.send('AuthorizePayment', { ...o, paymentMethod: 'pm_card_visa' });
    const payment = await settledPayment(o.orderId, 'authorized');

    const [intent] = intentsOf(o.orderId);
    expect(intent).toMatchObject({ amount: o.amountVnd, currency: 'vnd', capture_method: 'manual', status: 'requires_capture' });
    expect(payment).toMatchObject({
      provider: 'stripe',
      provider_reference: intent!.id,
      amount_vnd: o.amountVnd,
      customer_id: o.customerId,
    });
    expect(await repliesOf(o.orderId)).toEqual([
      { type: 'PaymentAuthorized', data: { sagaId: o.sagaId, orderId: o.orderId, paymentId: payment.id, amountVnd: o.amountVnd } },
    ]);
  });

  it('declines a declined card with Stripe’s decline code, as a reply rather than an error', async () => {
    const o = order();
    await h.send('AuthorizePayment', { ...o, paymentMethod: 'pm_card_chargeDeclined' });
    const payment = await settledPayment(o.orderId, 'declined');
    expect(payment).toMatchObject({ decline_code: 'generic_decline', decline_reason: 'Your card was declined.' });
    expect(await repliesOf(o.orderId)).toEqual([
      {
        type: 'PaymentDeclined',
        data: {
          sagaId: o.sagaId,
          orderId: o.orderId,
          paymentId: payment.id,
          reason: 'Your card was declined.',
          declineCode: 'generic_decline',
        },
      },
    ]);
  });

  it('declines a payment method Stripe does not know, so the saga can tell the customer', async () => {
    const o = order();
    await h.send('AuthorizePayment', { ...o, paymentMethod: 'pm_card_doesNotExist' });
    const payment = await settledPayment(o.orderId, 'declined');
    expect(payment).toMatchObject({ decline_code: 'resource_missing', provider_reference: null });
    expect((await repliesOf(o.orderId)).map((r) => r.type)).toEqual(['PaymentDeclined']);
  });

  it('charges once for the same AuthorizePayment sent twice: one PaymentIntent at Stripe, one row, the same answer twice', async () => {
    const o = order();
    const command = { ...o, paymentMethod: 'pm_card_visa' };
    await h.send('AuthorizePayment', command);
    await h.send('AuthorizePayment', command);
    await eventually(async () => ((await repliesOf(o.orderId)).length === 2 ? true : undefined), 30_000, 'both commands answered');

    expect(await paymentsOf(o.orderId)).toHaveLength(1);
    expect(intentsOf(o.orderId)).toHaveLength(1);
    const replies = await repliesOf(o.orderId);
    expect(replies.map((r) => r.type)).toEqual(['PaymentAuthorized', 'PaymentAuthorized']);
    expect(replies[1]!.data.paymentId).toBe(replies[0]!.data.paymentId);
  });

  it('does nothing for a redelivered message (the same envelope id twice): one reply', async () => {
    const o = order();
    const id = randomUUID();
    await h.send('AuthorizePayment', { ...o, paymentMethod: 'pm_card_visa' }, { id });
    await h.send('AuthorizePayment', { ...o, paymentMethod: 'pm_card_visa' }, { id });
    // A later command on the same saga (same partition) is consumed after both copies.
    const marker = order();
    await h.send('VoidPayment', { sagaId: o.sagaId, orderId: marker.orderId });
    await eventually(async () => ((await repliesOf(marker.orderId)).length ? true : undefined), 30_000, 'the marker command answered');

    expect((await repliesOf(o.orderId)).map((r) => r.type)).toEqual(['PaymentAuthorized']);
    expect(await h.sql('select * from payments.processed_events where event_id = $1', [id])).toHaveLength(1);
    expect(intentsOf(o.orderId)).toHaveLength(1);
  });

  it('charges once when two payments processes take the same command at the same moment: the unique key decides', async () => {
    // Kafka hands one partition to one consumer, so this race needs two processes' worth
    // of handlers: the same command code, two transactions, started together.
    const { standIn, deps } = h;
    const commands = createPaymentCommands({
      provider: createStripeProvider({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiBase: standIn.apiBase }),
      replies: replies(outboxPublisher('payments', tables)),
      logger: deps.logger,
    });
    const o = order();
    const envelope = (sagaId: string) => ({
      id: randomUUID(),
      type: 'AuthorizePayment',
      version: 1,
      occurredAt: new Date().toISOString(),
      aggregateId: sagaId,
      traceId: null,
      data: { ...o, sagaId, paymentMethod: 'pm_card_visa' },
    });
    await Promise.all([o.sagaId, randomUUID()].map((saga) => deps.database.db.transaction((tx) => commands.authorize(tx, envelope(saga)))));

    expect(await paymentsOf(o.orderId)).toHaveLength(1);
    expect(intentsOf(o.orderId)).toHaveLength(1);
    expect((await repliesOf(o.orderId)).map((r) => r.type)).toEqual(['PaymentAuthorized', 'PaymentAuthorized']);
  });

  it('lets the database refuse a second live payment for an order, even with another idempotency key', async () => {
    const o = await authorized();
    await h.send('AuthorizePayment', { ...o, idempotencyKey: `retry-${randomUUID()}`, paymentMethod: 'pm_card_visa' });
    await eventually(async () => ((await repliesOf(o.orderId)).length === 2 ? true : undefined), 30_000, 'the second command answered');
    expect(await paymentsOf(o.orderId)).toHaveLength(1);
    expect(intentsOf(o.orderId)).toHaveLength(1);
  });
});

describe('Stripe webhooks (POST /webhooks/stripe)', () => {
  it('settles a payment that needed 3-D Secure when Stripe’s signed webhook arrives, and replies then', async () => {
    const o = order();
    await h.send('AuthorizePayment', { ...o, paymentMethod: 'pm_card_threeDSecure2Required' });
    const pending = await settledPayment(o.orderId, 'pending');
    expect(pending.provider_reference).toMatch(/^pi_/);
    expect(await repliesOf(o.orderId)).toEqual([]);

    await h.standIn.completeAction(pending.provider_reference, 'succeeds');
    await settledPayment(o.orderId, 'authorized');
    expect((await repliesOf(o.orderId)).map((r) => r.type)).toEqual(['PaymentAuthorized']);
    const delivery = h.standIn.deliveries.filter((d) => d.type === 'payment_intent.amount_capturable_updated').at(-1);
    expect(delivery?.status).toBe(200);
  });

  it('applies a redelivered event once', async () => {
    const o = order();
    await h.send('AuthorizePayment', { ...o, paymentMethod: 'pm_card_threeDSecure2Required' });
    const pending = await settledPayment(o.orderId, 'pending');
    const intent = h.standIn.intents.get(pending.provider_reference)!;
    const event = h.standIn.signedEvent('payment_intent.amount_capturable_updated', {
      ...intent,
      status: 'requires_capture',
      amount_capturable: intent.amount,
    });

    const first = await postWebhook(event.body, event.signature);
    const again = await postWebhook(event.body, event.signature);
    expect(first).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(again).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect((await repliesOf(o.orderId)).map((r) => r.type)).toEqual(['PaymentAuthorized']);
    expect(await h.sql('select * from payments.provider_events where event_id = $1', [event.id])).toHaveLength(1);
  });

  it('refuses a forged or missing signature with 400 and writes nothing', async () => {
    const o = order();
    await h.send('AuthorizePayment', { ...o, paymentMethod: 'pm_card_threeDSecure2Required' });
    const pending = await settledPayment(o.orderId, 'pending');
    const intent = { ...h.standIn.intents.get(pending.provider_reference)!, status: 'requires_capture' };
    const count = async () => (await h.sql('select count(*)::int as n from payments.provider_events'))[0]!.n as number;
    const before = await count();

    const forged = h.standIn.signedEvent('payment_intent.amount_capturable_updated', intent, { secret: 'whsec_not_the_secret' });
    expect(await postWebhook(forged.body, forged.signature)).toEqual({ status: 400, body: { error: 'invalid signature' } });
    const genuine = h.standIn.signedEvent('payment_intent.amount_capturable_updated', intent);
    // A signature over other bytes: the body was altered on the way.
    const tampered = genuine.body.replace(`"amount":${intent.amount}`, `"amount":${intent.amount + 1}`);
    expect(tampered).not.toBe(genuine.body);
    expect((await postWebhook(tampered, genuine.signature)).status).toBe(400);
    expect((await postWebhook(genuine.body)).status).toBe(400);

    expect(await count()).toBe(before);
    expect(await paymentsOf(o.orderId)).toEqual([pending]);
    expect(await repliesOf(o.orderId)).toEqual([]);
  });
});

describe('capture, void and refund', () => {
  it('captures, then refunds part and the rest; a repeated RefundPayment refunds nothing more', async () => {
    const o = await authorized(200_000);
    await h.send('CapturePayment', { sagaId: o.sagaId, orderId: o.orderId, paymentId: o.payment.id });
    await settledPayment(o.orderId, 'captured');
    expect(intentsOf(o.orderId)[0]).toMatchObject({ status: 'succeeded', amount_received: 200_000 });

    const part = {
      orderId: o.orderId,
      paymentId: o.payment.id,
      amountVnd: 50_000,
      reason: 'Trả hàng: 1 hộp dâu tây',
      idempotencyKey: `return-${o.orderId}`,
    };
    await h.send('RefundPayment', part);
    await h.send('RefundPayment', part);
    await h.send('RefundPayment', { ...part, amountVnd: 150_000, reason: 'Order cancelled', idempotencyKey: `cancel-${o.orderId}` });
    await settledPayment(o.orderId, 'refunded');
    await eventually(
      async () => ((await repliesOf(o.orderId)).filter((r) => r.type === 'PaymentRefunded').length === 3 ? true : undefined),
      30_000,
      'three refund replies',
    );

    const refunds = await h.sql('select * from payments.refunds where order_id = $1 order by created_at', [o.orderId]);
    expect(refunds.map((r) => [r.amount_vnd, r.status])).toEqual([
      [50_000, 'succeeded'],
      [150_000, 'succeeded'],
    ]);
    const atStripe = [...h.standIn.refunds.values()].filter((r) => r.payment_intent === o.payment.provider_reference);
    expect(atStripe.map((r) => r.amount).sort()).toEqual([150_000, 50_000]);
    expect(refunds.map((r) => r.provider_reference).sort()).toEqual(atStripe.map((r) => r.id).sort());
  });

  it('refunds an order cancelled before capture by releasing the hold, and answers a repeat with the same refund', async () => {
    const o = await authorized(120_000);
    const command = {
      orderId: o.orderId,
      amountVnd: 120_000,
      reason: 'Order cancelled by the customer',
      idempotencyKey: `cancel-${o.orderId}`,
    };
    await h.send('RefundPayment', { ...command, paymentId: o.payment.id });
    await h.send('RefundPayment', command);
    await eventually(
      async () => ((await repliesOf(o.orderId)).filter((r) => r.type === 'PaymentRefunded').length === 2 ? true : undefined),
      30_000,
      'both refund commands answered',
    );
    expect((await paymentsOf(o.orderId))[0]).toMatchObject({ status: 'voided' });
    expect(intentsOf(o.orderId)[0]?.status).toBe('canceled');
    const refunds = await h.sql('select * from payments.refunds where order_id = $1', [o.orderId]);
    expect(refunds.map((r) => [r.amount_vnd, r.status, r.provider_reference])).toEqual([[120_000, 'succeeded', null]]);
    const answers = (await repliesOf(o.orderId)).filter((r) => r.type === 'PaymentRefunded').map((r) => r.data.refundId);
    expect(answers).toEqual([refunds[0]!.id, refunds[0]!.id]);
  });

  it('voids an authorization (the PaymentIntent is cancelled), and answers a void with nothing to void', async () => {
    const o = await authorized();
    await h.send('VoidPayment', { sagaId: o.sagaId, orderId: o.orderId });
    await settledPayment(o.orderId, 'voided');
    expect(intentsOf(o.orderId)[0]?.status).toBe('canceled');

    const none = order();
    await h.send('VoidPayment', { sagaId: none.sagaId, orderId: none.orderId });
    await eventually(async () => ((await repliesOf(none.orderId)).length ? true : undefined), 30_000, 'the void reply');
    expect(await repliesOf(none.orderId)).toEqual([{ type: 'PaymentVoided', data: { sagaId: none.sagaId, orderId: none.orderId } }]);
  });
});
