import { createSimulatedProvider, TEST_CARDS } from '../src/provider/simulated-provider';
import type { ProviderEvent } from '../src/provider/payment-provider';

const ORDER = '7d1f2c0e-4a51-4c1e-9a2b-3f4d5e6a7b8c';
const request = (paymentMethod: string, idempotencyKey = `key-${paymentMethod}-${Math.random()}`) => ({
  orderId: ORDER,
  customerId: ORDER,
  amountVnd: 125_000,
  paymentMethod,
  idempotencyKey,
});

describe('the simulated provider answers like Stripe test cards', () => {
  it('authorizes 4242 4242 4242 4242', async () => {
    const provider = createSimulatedProvider();
    const outcome = await provider.authorize(request('4242 4242 4242 4242'));
    expect(outcome).toEqual({ status: 'authorized', reference: expect.stringMatching(/^sim_pi_/) });
    expect(provider.describeMethod(TEST_CARDS.succeeds)).toBe('Test card •••• 4242');
  });

  it('declines 4000 0000 0000 0002 with generic_decline, and 9995 for insufficient funds', async () => {
    const provider = createSimulatedProvider();
    expect(await provider.authorize(request(TEST_CARDS.declined))).toMatchObject({
      status: 'declined',
      declineCode: 'generic_decline',
      reason: 'Your card was declined.',
    });
    expect(await provider.authorize(request(TEST_CARDS.insufficientFunds))).toMatchObject({
      status: 'declined',
      declineCode: 'insufficient_funds',
    });
    expect(await provider.authorize(request('1234567812345678'))).toMatchObject({ status: 'declined', declineCode: 'incorrect_number' });
  });

  it('answers the late card with pending, and never settles it by default', async () => {
    const provider = createSimulatedProvider();
    const events: ProviderEvent[] = [];
    provider.onEvent!(async (e) => void events.push(e));
    expect(await provider.authorize(request(TEST_CARDS.late))).toMatchObject({ status: 'pending' });
    await new Promise((r) => setTimeout(r, 100));
    expect(events).toEqual([]);
    provider.close!();
  });

  it('settles the late card after lateAnswerMs through its event listener, retrying while the listener fails', async () => {
    const provider = createSimulatedProvider({ lateAnswerMs: 20 });
    const seen: ProviderEvent[] = [];
    let failuresLeft = 2;
    provider.onEvent!(async (e) => {
      // The payment row may not be committed yet when the answer comes: the provider tries again.
      if (failuresLeft-- > 0) throw new Error('payment not recorded yet');
      seen.push(e);
    });
    const first = await provider.authorize(request(TEST_CARDS.late));
    for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([
      {
        id: expect.stringMatching(/^sim_evt_/),
        type: 'payment_intent.amount_capturable_updated',
        reference: first.reference,
        outcome: { status: 'authorized', reference: first.reference },
      },
    ]);
    provider.close!();
  });

  it('gives the same answer to the same idempotency key, like Stripe', async () => {
    const provider = createSimulatedProvider();
    const a = await provider.authorize(request(TEST_CARDS.succeeds, 'same-key'));
    const b = await provider.authorize(request(TEST_CARDS.succeeds, 'same-key'));
    expect(b).toEqual(a);
    const r1 = await provider.refund({ reference: a.reference!, amountVnd: 1000, idempotencyKey: 'refund-key' });
    expect(await provider.refund({ reference: a.reference!, amountVnd: 1000, idempotencyKey: 'refund-key' })).toEqual(r1);
  });
});
