import { createHash, createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the part of Stripe's REST API Basket uses, so the real `stripe`
 * SDK can be tested end to end without the network: form-encoded POSTs to
 * /v1/payment_intents (create with confirm + manual capture, capture, cancel),
 * /v1/refunds, Idempotency-Key semantics (same key and parameters: the same answer,
 * replayed; same key, other parameters: an idempotency_error), Stripe's error shapes
 * (a decline is a 402 card_error carrying the PaymentIntent), and webhooks signed the
 * way Stripe signs them (Stripe-Signature: t=<unix>,v1=<HMAC-SHA256 of "t.body">).
 * https://docs.stripe.com/api, https://docs.stripe.com/webhooks#verify-manually
 */

/** Test PaymentMethods it knows, as in Stripe's test mode (https://docs.stripe.com/testing). */
const PAYMENT_METHODS: Record<string, { outcome: 'succeeds' | 'declined' | 'requires_action'; declineCode?: string; message?: string }> = {
  pm_card_visa: { outcome: 'succeeds' },
  pm_card_mastercard: { outcome: 'succeeds' },
  pm_card_chargeDeclined: { outcome: 'declined', declineCode: 'generic_decline', message: 'Your card was declined.' },
  pm_card_chargeDeclinedInsufficientFunds: {
    outcome: 'declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
  // 3-D Secure: the customer has to act; the outcome arrives by webhook (see completeAction).
  pm_card_threeDSecure2Required: { outcome: 'requires_action' },
};

export interface StandInIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  capture_method: string;
  status:
    'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'requires_capture' | 'canceled' | 'succeeded';
  payment_method: string | null;
  metadata: Record<string, string>;
  last_payment_error: { type: string; code: string; decline_code?: string; message: string } | null;
  created: number;
  livemode: false;
}

interface StandInRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  payment_intent: string;
  status: 'succeeded';
  created: number;
}

export interface WebhookDelivery {
  eventId: string;
  type: string;
  status: number;
}

export interface StripeStandIn {
  /** For Stripe's client options (host/port/protocol) or STRIPE_API_BASE. */
  apiBase: string;
  secretKey: string;
  webhookSecret: string;
  /** Where signed webhooks go; set once the receiving server listens. Null sends none. */
  webhookUrl: string | null;
  intents: Map<string, StandInIntent>;
  refunds: Map<string, StandInRefund>;
  /** Every API request, in order: method, path, idempotency key. */
  requests: { method: string; path: string; idempotencyKey: string | undefined }[];
  deliveries: WebhookDelivery[];
  /** Settles a requires_action PaymentIntent as the customer's bank would, and sends the webhook. */
  completeAction(intentId: string, result: 'succeeds' | 'declined'): Promise<void>;
  /** A Stripe event about an object, signed with the webhook secret (or a given one): what a test may send itself. */
  signedEvent(type: string, object: object, options?: { secret?: string; id?: string }): { body: string; signature: string; id: string };
  /** Delivers pending webhooks now and resolves when every delivery so far has been answered. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const now = () => Math.floor(Date.now() / 1000);
const stripeId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/** Stripe's error body and status. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message));
  }
}

const invalid = (message: string, extra: Record<string, unknown> = {}) =>
  new ApiError(400, { type: 'invalid_request_error', message, ...extra });

/** Stripe's form encoding (`metadata[orderId]=...`, `payment_method_types[0]=card`) as flat keys. */
function parseForm(body: string): Map<string, string> {
  return new Map(new URLSearchParams(body).entries());
}

function metadataOf(form: Map<string, string>): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [key, value] of form) {
    const m = /^metadata\[(.+)\]$/.exec(key);
    if (m?.[1]) metadata[m[1]] = value;
  }
  return metadata;
}

function amountOf(form: Map<string, string>, key: string): number | undefined {
  const raw = form.get(key);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw invalid(`Invalid positive integer: ${key}`, { param: key });
  return n;
}

/** HMAC-SHA256 over `${t}.${payload}` with the endpoint secret, as Stripe signs webhooks. */
export function stripeSignature(payload: string, secret: string, timestamp = now()): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

export async function startStripeStandIn(options: { secretKey?: string; webhookSecret?: string } = {}): Promise<StripeStandIn> {
  const secretKey = options.secretKey ?? `sk_test_${randomBytes(12).toString('hex')}`;
  const webhookSecret = options.webhookSecret ?? `whsec_${randomBytes(16).toString('hex')}`;
  const intents = new Map<string, StandInIntent>();
  const refunds = new Map<string, StandInRefund>();
  const idempotent = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  const requests: StripeStandIn['requests'] = [];
  const deliveries: WebhookDelivery[] = [];
  const inFlight = new Set<Promise<void>>();

  function event(type: string, object: object, id = stripeId('evt')) {
    return {
      id,
      object: 'event',
      api_version: '2025-01-01',
      created: now(),
      type,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object },
    };
  }

  /** Posts a signed event; retried a few times on non-2xx like Stripe (which keeps trying for days). */
  function sendWebhook(type: string, object: object) {
    const url = standIn.webhookUrl;
    if (!url) return;
    const body = JSON.stringify(event(type, object));
    const eventId = (JSON.parse(body) as { id: string }).id;
    const delivery = (async () => {
      for (let attempt = 1; attempt <= 5; attempt++) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignature(body, webhookSecret) },
          body,
        }).catch(() => null);
        deliveries.push({ eventId, type, status: res?.status ?? 0 });
        await res?.arrayBuffer().catch(() => undefined);
        if (res && res.status >= 200 && res.status < 300) return;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    })();
    inFlight.add(delivery);
    void delivery.finally(() => inFlight.delete(delivery));
  }

  function intentOr404(id: string): StandInIntent {
    const intent = intents.get(id);
    if (!intent)
      throw new ApiError(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such payment_intent: '${id}'` });
    return intent;
  }

  function unexpectedState(intent: StandInIntent, action: string): ApiError {
    return invalid(`This PaymentIntent could not be ${action} because it has a status of ${intent.status}.`, {
      code: 'payment_intent_unexpected_state',
      payment_intent: intent,
    });
  }

  function decline(intent: StandInIntent, code: string, message: string) {
    intent.status = 'requires_payment_method';
    intent.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: code, message };
    sendWebhook('payment_intent.payment_failed', intent);
  }

  function createIntent(form: Map<string, string>): { status: number; body: unknown } {
    const amount = amountOf(form, 'amount');
    const currency = form.get('currency');
    if (!amount || !currency) throw invalid('Missing required param: amount and currency', { param: 'amount' });
    const paymentMethod = form.get('payment_method') ?? null;
    const method = paymentMethod ? PAYMENT_METHODS[paymentMethod] : undefined;
    if (paymentMethod && !method)
      throw invalid(`No such PaymentMethod: '${paymentMethod}'`, { code: 'resource_missing', param: 'payment_method' });
    const intent: StandInIntent = {
      id: stripeId('pi'),
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: 0,
      currency,
      capture_method: form.get('capture_method') ?? 'automatic_async',
      status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
      payment_method: paymentMethod,
      metadata: metadataOf(form),
      last_payment_error: null,
      created: now(),
      livemode: false,
    };
    intents.set(intent.id, intent);
    if (form.get('confirm') !== 'true' || !method) return { status: 200, body: intent };
    if (method.outcome === 'requires_action') {
      intent.status = 'requires_action';
      return { status: 200, body: intent };
    }
    if (method.outcome === 'declined') {
      decline(intent, method.declineCode!, method.message!);
      return {
        status: 402,
        body: {
          error: {
            type: 'card_error',
            code: 'card_declined',
            decline_code: method.declineCode,
            message: method.message,
            payment_intent: intent,
          },
        },
      };
    }
    authorizeOrCharge(intent);
    return { status: 200, body: intent };
  }

  function authorizeOrCharge(intent: StandInIntent) {
    if (intent.capture_method === 'manual') {
      intent.status = 'requires_capture';
      intent.amount_capturable = intent.amount;
      sendWebhook('payment_intent.amount_capturable_updated', intent);
    } else {
      intent.status = 'succeeded';
      intent.amount_received = intent.amount;
      sendWebhook('payment_intent.succeeded', intent);
    }
  }

  function capture(id: string, form: Map<string, string>) {
    const intent = intentOr404(id);
    if (intent.status !== 'requires_capture') throw unexpectedState(intent, 'captured');
    const amount = amountOf(form, 'amount_to_capture') ?? intent.amount_capturable;
    if (amount > intent.amount_capturable) throw invalid('amount_to_capture exceeds amount_capturable', { param: 'amount_to_capture' });
    intent.status = 'succeeded';
    intent.amount_received = amount;
    intent.amount_capturable = 0;
    sendWebhook('payment_intent.succeeded', intent);
    return { status: 200, body: intent };
  }

  function cancel(id: string) {
    const intent = intentOr404(id);
    if (intent.status === 'succeeded' || intent.status === 'canceled') throw unexpectedState(intent, 'canceled');
    intent.status = 'canceled';
    intent.amount_capturable = 0;
    sendWebhook('payment_intent.canceled', intent);
    return { status: 200, body: intent };
  }

  function refund(form: Map<string, string>) {
    const id = form.get('payment_intent');
    if (!id) throw invalid('Missing required param: payment_intent', { param: 'payment_intent' });
    const intent = intentOr404(id);
    if (intent.status !== 'succeeded') throw unexpectedState(intent, 'refunded');
    const given = [...refunds.values()].filter((r) => r.payment_intent === id).reduce((s, r) => s + r.amount, 0);
    const amount = amountOf(form, 'amount') ?? intent.amount_received - given;
    if (given + amount > intent.amount_received)
      throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${intent.amount_received - given})`, {
        code: 'charge_already_refunded',
      });
    const created: StandInRefund = {
      id: stripeId('re'),
      object: 'refund',
      amount,
      currency: intent.currency,
      payment_intent: id,
      status: 'succeeded',
      created: now(),
    };
    refunds.set(created.id, created);
    sendWebhook('charge.refunded', { id: stripeId('ch'), object: 'charge', payment_intent: id, amount_refunded: given + amount });
    return { status: 200, body: created };
  }

  function route(method: string, path: string, form: Map<string, string>): { status: number; body: unknown } {
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/payment_intents') return createIntent(form);
    if (method === 'GET' && (m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path))) return { status: 200, body: intentOr404(m[1]!) };
    if (method === 'POST' && (m = /^\/v1\/payment_intents\/([^/]+)\/capture$/.exec(path))) return capture(m[1]!, form);
    if (method === 'POST' && (m = /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(path))) return cancel(m[1]!);
    if (method === 'POST' && path === '/v1/refunds') return refund(form);
    throw new ApiError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path})` });
  }

  function answer(method: string, path: string, body: string, key: string | undefined) {
    const form = parseForm(body);
    if (!key || method !== 'POST') return route(method, path, form);
    const fingerprint = createHash('sha256').update(`${method} ${path} ${body}`).digest('hex');
    const seen = idempotent.get(key);
    if (seen) {
      if (seen.fingerprint !== fingerprint)
        return {
          status: 400,
          body: {
            error: {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
            },
          },
          replayed: false,
        };
      return { status: seen.status, body: seen.body, replayed: true };
    }
    let result: { status: number; body: unknown };
    try {
      result = route(method, path, form);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      result = { status: err.status, body: { error: err.body } };
    }
    // Stripe stores the first answer, errors included, and replays it for 24 hours.
    idempotent.set(key, { fingerprint, ...result });
    return result;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const key = req.headers['idempotency-key'] as string | undefined;
      requests.push({ method: req.method ?? 'GET', path: url.pathname, idempotencyKey: key });
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', 'request-id': stripeId('req'), ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${secretKey}`)
        return reply(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
      try {
        const result = answer(req.method ?? 'GET', url.pathname, Buffer.concat(chunks).toString('utf8'), key);
        reply(result.status, result.body, {
          ...(key && { 'idempotency-key': key }),
          ...('replayed' in result && result.replayed ? { 'idempotent-replayed': 'true' } : {}),
        });
      } catch (err) {
        if (err instanceof ApiError) return reply(err.status, { error: err.body });
        reply(500, { error: { type: 'api_error', message: (err as Error).message } });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const standIn: StripeStandIn = {
    apiBase: `http://127.0.0.1:${port}`,
    secretKey,
    webhookSecret,
    webhookUrl: null,
    intents,
    refunds,
    requests,
    deliveries,
    async completeAction(intentId, result) {
      const intent = intentOr404(intentId);
      if (intent.status !== 'requires_action') throw new Error(`${intentId} is ${intent.status}, not requires_action`);
      if (result === 'succeeds') authorizeOrCharge(intent);
      else decline(intent, 'authentication_required', 'The customer did not complete 3-D Secure.');
      await standIn.settled();
    },
    signedEvent(type, object, opts = {}) {
      const id = opts.id ?? stripeId('evt');
      const body = JSON.stringify(event(type, object, id));
      return { body, signature: stripeSignature(body, opts.secret ?? webhookSecret), id };
    },
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async close() {
      await standIn.settled();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return standIn;
}
