import Stripe from 'stripe';
import {
  InvalidSignature,
  type AuthorizeOutcome,
  type AuthorizeRequest,
  type PaymentProvider,
  type ProviderEvent,
  type RefundOutcome,
} from './payment-provider';

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecret: string;
  /** Where API calls go (tests: the local stand-in); Stripe's own API when absent. */
  apiBase?: string;
}

/** Stripe's own client, pointed at apiBase when one is given. */
export function stripeClient(options: Pick<StripeProviderOptions, 'secretKey' | 'apiBase'>): Stripe {
  const base = options.apiBase ? new URL(options.apiBase) : null;
  return new Stripe(options.secretKey, {
    // Retries reuse the idempotency key we pass, so a lost response never charges twice.
    maxNetworkRetries: 2,
    timeout: 10_000,
    telemetry: false,
    ...(base && {
      host: base.hostname,
      port: base.port || (base.protocol === 'http:' ? 80 : 443),
      protocol: base.protocol === 'http:' ? 'http' : 'https',
    }),
  });
}

/** A PaymentIntent's status, in payments' words. */
function outcomeOf(intent: Stripe.PaymentIntent): AuthorizeOutcome {
  switch (intent.status) {
    case 'requires_capture':
    case 'succeeded':
      return { status: 'authorized', reference: intent.id };
    case 'requires_action':
    case 'processing':
    case 'requires_confirmation':
      return { status: 'pending', reference: intent.id };
    case 'canceled':
      return { status: 'declined', reference: intent.id, reason: 'The payment was cancelled', declineCode: 'canceled' };
    case 'requires_payment_method': {
      const failure = intent.last_payment_error;
      return {
        status: 'declined',
        reference: intent.id,
        reason: failure?.message ?? 'The card was declined',
        declineCode: failure?.decline_code ?? failure?.code ?? 'card_declined',
      };
    }
    default:
      // A status newer than this code: wait for the webhook that settles it.
      return { status: 'pending', reference: intent.id };
  }
}

/**
 * Stripe through its Node SDK: PaymentIntents with manual capture (authorize now,
 * capture when the order is confirmed), refunds, and webhooks verified over the raw body.
 */
export function createStripeProvider(options: StripeProviderOptions): PaymentProvider {
  const stripe = stripeClient(options);

  return {
    name: 'stripe',
    describeMethod: () => 'Card (Stripe)',

    async authorize(request: AuthorizeRequest) {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: request.amountVnd,
            currency: 'vnd',
            capture_method: 'manual',
            confirm: true,
            payment_method: request.paymentMethod,
            // Confirmed server-side with no return_url: methods that need a redirect are excluded.
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
            metadata: { orderId: request.orderId, customerId: request.customerId },
          },
          { idempotencyKey: request.idempotencyKey },
        );
        return outcomeOf(intent);
      } catch (err) {
        // A decline is an answer, not a failure: Stripe sends it as a card error (HTTP 402).
        if (err instanceof Stripe.errors.StripeCardError) {
          return {
            status: 'declined',
            reference: err.payment_intent?.id ?? null,
            reason: err.message,
            declineCode: err.decline_code ?? err.code ?? 'card_declined',
          };
        }
        // A payment method Stripe does not know (a typo, another account's pm_): the customer's
        // input is wrong, so the saga gets a decline it can show, not a command retried and parked.
        if (err instanceof Stripe.errors.StripeInvalidRequestError && err.param === 'payment_method') {
          return {
            status: 'declined',
            reference: err.payment_intent?.id ?? null,
            reason: err.message,
            declineCode: err.code ?? 'invalid_payment_method',
          };
        }
        throw err;
      }
    },

    async capture({ reference, amountVnd, idempotencyKey }) {
      await stripe.paymentIntents.capture(reference, { amount_to_capture: amountVnd }, { idempotencyKey });
    },

    async void({ reference, idempotencyKey }) {
      try {
        await stripe.paymentIntents.cancel(reference, {}, { idempotencyKey });
      } catch (err) {
        // Cancelling twice (say, after a crash lost our record of the first) is done, not an error.
        if (err instanceof Stripe.errors.StripeInvalidRequestError && err.payment_intent?.status === 'canceled') return;
        throw err;
      }
    },

    async refund({ reference, amountVnd, idempotencyKey }): Promise<RefundOutcome> {
      const refund = await stripe.refunds.create({ payment_intent: reference, amount: amountVnd }, { idempotencyKey });
      const status = refund.status === 'succeeded' || refund.status === 'failed' ? refund.status : 'pending';
      return { reference: refund.id, status };
    },

    parseWebhook(rawBody, signature): ProviderEvent | null {
      if (!signature) throw new InvalidSignature('No Stripe-Signature header');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, options.webhookSecret);
      } catch (err) {
        if (err instanceof Stripe.errors.StripeSignatureVerificationError) throw new InvalidSignature(err.message);
        throw err;
      }
      // Payments Basket did not create (another integration on the account) are not ours to apply.
      const object = event.data.object as { object?: string; metadata?: Record<string, string> };
      if (object.object !== 'payment_intent' || !object.metadata?.orderId) return null;
      switch (event.type) {
        case 'payment_intent.amount_capturable_updated':
        case 'payment_intent.payment_failed':
          return { id: event.id, type: event.type, reference: event.data.object.id, outcome: outcomeOf(event.data.object) };
        case 'payment_intent.succeeded':
          return { id: event.id, type: event.type, reference: event.data.object.id, outcome: { status: 'captured' } };
        case 'payment_intent.canceled':
          return { id: event.id, type: event.type, reference: event.data.object.id, outcome: { status: 'voided' } };
        default:
          return null;
      }
    },
  };
}
