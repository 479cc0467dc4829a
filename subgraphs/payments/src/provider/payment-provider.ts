/**
 * What payments needs from a payment provider (Stripe today; MoMo and wallets later).
 * Amounts are integer VND: VND has no minor unit, so Stripe's "smallest unit" is the đồng.
 * Every write takes an idempotency key: a repeat with the same key is the same
 * operation at the provider, never a second charge or refund.
 */
export type ProviderName = 'stripe' | 'simulated';

export interface AuthorizeRequest {
  orderId: string;
  customerId: string;
  amountVnd: number;
  /** Opaque: a PaymentMethod id for Stripe, a test card number for the simulated provider. */
  paymentMethod: string;
  idempotencyKey: string;
}

/** A provider's answer to an authorization, or the outcome a webhook reports later. */
export type AuthorizeOutcome =
  | { status: 'authorized'; reference: string }
  | { status: 'declined'; reference: string | null; reason: string; declineCode: string }
  /** The provider will tell later (3-D Secure, a slow issuer): see ProviderEvent. */
  | { status: 'pending'; reference: string };

export interface RefundOutcome {
  reference: string;
  status: 'succeeded' | 'pending' | 'failed';
}

/**
 * Something the provider reports asynchronously about one of our payments, reduced
 * to what payments acts on. `id` is the provider's event id: applied at most once.
 */
export interface ProviderEvent {
  id: string;
  type: string;
  reference: string;
  outcome: AuthorizeOutcome | { status: 'captured' } | { status: 'voided' } | null;
}

export class InvalidSignature extends Error {}

export interface PaymentProvider {
  name: ProviderName;
  /** What the customer would recognise for the method ("Visa •••• 4242"); never the full number. */
  describeMethod(paymentMethod: string): string;
  authorize(request: AuthorizeRequest): Promise<AuthorizeOutcome>;
  capture(request: { reference: string; amountVnd: number; idempotencyKey: string }): Promise<void>;
  /** Releases a hold (Stripe: cancel). Voiding an already voided hold succeeds. */
  void(request: { reference: string; idempotencyKey: string }): Promise<void>;
  refund(request: { reference: string; amountVnd: number; idempotencyKey: string }): Promise<RefundOutcome>;
  /**
   * Verifies a webhook over its raw bytes and reduces it to a ProviderEvent; throws
   * InvalidSignature when the signature does not match. Providers without webhooks omit it.
   */
  parseWebhook?(rawBody: Buffer, signature: string | undefined): ProviderEvent | null;
  /**
   * Providers that report late outcomes in-process (the simulated one) call the
   * listener; webhook providers deliver through parseWebhook instead.
   */
  onEvent?(listener: (event: ProviderEvent) => Promise<void>): void;
  /** Stops timers it started (the simulated provider's late answers). */
  close?(): void;
}
