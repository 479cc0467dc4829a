import type { Config } from '@basket/platform';
import type { PaymentProvider } from './payment-provider';
import { createSimulatedProvider } from './simulated-provider';
import { createStripeProvider } from './stripe-provider';

/** The provider the configuration names; config.ts already refused stripe without its secrets. */
export function providerFromConfig(config: Config): PaymentProvider {
  if (config.PAYMENT_PROVIDER === 'simulated') return createSimulatedProvider({ lateAnswerMs: config.SIMULATED_PAYMENT_LATE_MS ?? null });
  const { STRIPE_SECRET_KEY: secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret } = config;
  if (!secretKey || !webhookSecret) throw new Error('PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET');
  return createStripeProvider({ secretKey, webhookSecret, apiBase: config.STRIPE_API_BASE });
}
