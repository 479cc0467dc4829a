import { randomUUID } from 'node:crypto';
import { eventually } from '../../../test/support/graphql';
import { TEST_CARDS } from '../src/provider/simulated-provider';
import { startPayments, type RunningPayments } from './support/payments-harness';

/**
 * The simulated provider's late card, answering 1.5 s after the command, on a payments
 * instance of its own (real Postgres and Kafka): the late answer is applied like a
 * webhook, and it cannot undo a void that came first.
 */
let h: RunningPayments;

beforeAll(async () => {
  h = await startPayments('late', { PAYMENT_PROVIDER: 'simulated', SIMULATED_PAYMENT_LATE_MS: '1500' });
}, 60_000);
afterAll(() => h?.stop());

function order() {
  const orderId = randomUUID();
  return { sagaId: randomUUID(), orderId, customerId: randomUUID(), amountVnd: 64_000, idempotencyKey: `late-${orderId}` };
}

const statusOf = async (orderId: string) => (await h.sql('select status from payments.payments where order_id = $1', [orderId]))[0]?.status;
const replyTypes = async (orderId: string) =>
  (await h.sql("select type from payments.outbox where envelope->'data'->>'orderId' = $1 order by seq", [orderId])).map((r) => r.type);
const settled = (orderId: string, status: string) =>
  eventually(async () => (await statusOf(orderId)) === status, 30_000, `payment of ${orderId} to be ${status}`);

it('stays pending without a reply, then authorizes and replies when the late answer comes', async () => {
  const o = order();
  await h.send('AuthorizePayment', { ...o, paymentMethod: TEST_CARDS.late });
  await settled(o.orderId, 'pending');
  expect(await replyTypes(o.orderId)).toEqual([]);
  await settled(o.orderId, 'authorized');
  expect(await replyTypes(o.orderId)).toEqual(['PaymentAuthorized']);
  expect(
    await h.sql('select * from payments.provider_events where type = $1', ['payment_intent.amount_capturable_updated']),
  ).not.toHaveLength(0);
});

it('keeps a payment voided when the late answer arrives after the saga gave up', async () => {
  const o = order();
  await h.send('AuthorizePayment', { ...o, paymentMethod: TEST_CARDS.late });
  // The saga timed out and voids whatever the provider still holds for the order.
  await h.send('VoidPayment', { sagaId: o.sagaId, orderId: o.orderId });
  await settled(o.orderId, 'voided');
  // Past the late answer (1.5 s after the command), with room for a loaded machine.
  await new Promise((r) => setTimeout(r, 3_000));
  expect(await statusOf(o.orderId)).toBe('voided');
  expect(await replyTypes(o.orderId)).toEqual(['PaymentVoided']);
});
