import { randomUUID } from 'node:crypto';
import type { AuthorizeOutcome, PaymentProvider, ProviderEvent, RefundOutcome } from './payment-provider';

/**
 * Stripe's test cards, as the simulated provider (embedded mode) answers them.
 * https://docs.stripe.com/testing#cards
 */
export const TEST_CARDS = {
  /** Visa: authorizes. */
  succeeds: '4242424242424242',
  /** Declined with generic_decline. */
  declined: '4000000000000002',
  /** Declined with insufficient_funds. */
  insufficientFunds: '4000000000009995',
  /** Answers late: pending at first, authorized after `lateAnswerMs` (never, by default). */
  late: '4000000000000259',
} as const;

export interface SimulatedProviderOptions {
  /**
   * When the late card finally authorizes; null (the default) is never, i.e. past any
   * saga timeout, so the order is cancelled and the reservation expires. Tests set it.
   */
  lateAnswerMs?: number | null;
}

const digitsOnly = (card: string) => card.replace(/[\s-]/g, '');

/** No money moves: answers like Stripe's test mode, remembering idempotency keys like Stripe does. */
export function createSimulatedProvider(options: SimulatedProviderOptions = {}): PaymentProvider {
  const answered = new Map<string, AuthorizeOutcome>();
  const refunds = new Map<string, RefundOutcome>();
  const timers = new Set<NodeJS.Timeout>();
  let listener: ((event: ProviderEvent) => Promise<void>) | null = null;

  /** Delivers a late outcome; retried briefly, as a webhook would be, while the payment is not yet committed. */
  function deliverLater(event: ProviderEvent, delayMs: number, attemptsLeft = 20) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      listener?.(event).catch(() => {
        if (attemptsLeft > 1) deliverLater(event, 250, attemptsLeft - 1);
      });
    }, delayMs);
    timer.unref();
    timers.add(timer);
  }

  function answer(card: string, reference: string): AuthorizeOutcome {
    switch (card) {
      case TEST_CARDS.succeeds:
        return { status: 'authorized', reference };
      case TEST_CARDS.declined:
        return { status: 'declined', reference, reason: 'Your card was declined.', declineCode: 'generic_decline' };
      case TEST_CARDS.insufficientFunds:
        return { status: 'declined', reference, reason: 'Your card has insufficient funds.', declineCode: 'insufficient_funds' };
      case TEST_CARDS.late: {
        if (options.lateAnswerMs != null) {
          const event = { id: `sim_evt_${randomUUID()}`, type: 'payment_intent.amount_capturable_updated', reference };
          deliverLater({ ...event, outcome: { status: 'authorized', reference } }, options.lateAnswerMs);
        }
        return { status: 'pending', reference };
      }
      default:
        return { status: 'declined', reference, reason: 'Your card number is incorrect.', declineCode: 'incorrect_number' };
    }
  }

  return {
    name: 'simulated',
    describeMethod: (method) => `Test card •••• ${digitsOnly(method).slice(-4)}`,
    async authorize(request) {
      const known = answered.get(request.idempotencyKey);
      if (known) return known;
      const outcome = answer(digitsOnly(request.paymentMethod), `sim_pi_${randomUUID()}`);
      answered.set(request.idempotencyKey, outcome);
      return outcome;
    },
    async capture() {},
    async void() {},
    async refund({ idempotencyKey }) {
      const known = refunds.get(idempotencyKey);
      if (known) return known;
      const outcome: RefundOutcome = { reference: `sim_re_${randomUUID()}`, status: 'succeeded' };
      refunds.set(idempotencyKey, outcome);
      return outcome;
    },
    onEvent(fn) {
      listener = fn;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
