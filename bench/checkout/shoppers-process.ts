import { randomUUID } from 'node:crypto';
import {
  ADD_TO_CART,
  call,
  GraphQLFailure,
  HANOI_ADDRESS,
  ORDER_OUTCOME,
  ORDER_STATUS,
  PLACE_ORDER,
  SUCCEEDING_CARD,
  type OrderOutcome,
  type PlaceOrderAnswer,
} from './client';
import type { CheckoutSample, ShoppersOptions, ShoppersResult } from './protocol';
import type { Shopper } from './setup';

/**
 * The load generator's process (forked by runShoppers): every shopper loops add a line,
 * place the order, poll it until it has settled. It runs apart from the stack, so its
 * CPU never counts as the server's, and apart from the benchmark's parent.
 */
const SETTLED = new Set(['CONFIRMED', 'CANCELLED']);
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function shoppers(options: ShoppersOptions): Promise<ShoppersResult> {
  const samples: CheckoutSample[] = [];
  const errors: Record<string, number> = {};
  const errorExamples: Record<string, string> = {};
  const failed = (step: string, err: unknown) => {
    const key = `${step} ${err instanceof GraphQLFailure ? err.code : 'error'}`;
    errors[key] = (errors[key] ?? 0) + 1;
    errorExamples[key] ??= (err instanceof Error ? err.message : String(err)).slice(0, 500);
  };
  const started = performance.now();
  const cpuBefore = process.cpuUsage();

  /** One checkout; false when a request failed before the order could be followed. */
  async function checkout(shopper: Shopper, sku: string): Promise<boolean> {
    const { url } = options;
    let cartId: string;
    try {
      const added = await call<{ addToCart: { cart: { id: string } } }>(url, ADD_TO_CART, { i: { sku, quantity: 1 } }, shopper.token);
      cartId = added.addToCart.cart.id;
    } catch (err) {
      failed('addToCart', err);
      return false;
    }
    const input = { cartId, deliveryAddress: HANOI_ADDRESS, paymentMethod: SUCCEEDING_CARD, idempotencyKey: `bench-${randomUUID()}` };
    const placedAt = performance.now();
    let orderId: string;
    try {
      const placed = (await call<PlaceOrderAnswer>(url, PLACE_ORDER, { i: input }, shopper.token)).placeOrder;
      if (!placed.order)
        throw new GraphQLFailure(`${placed.__typename}: ${placed.message ?? ''} ${placed.skus?.join(', ') ?? ''}`, placed.__typename);
      orderId = placed.order.id;
    } catch (err) {
      failed('placeOrder', err);
      return false;
    }
    const placeOrderMs = performance.now() - placedAt;
    let status = 'PLACED';
    let polls = 0;
    while (!SETTLED.has(status)) {
      if (performance.now() - placedAt > options.settleTimeoutMs) {
        samples.push({ status: 'UNSETTLED', placeToSettledMs: performance.now() - placedAt, placeOrderMs, serverMs: null, polls });
        return true;
      }
      if (polls > 0) await delay(options.pollMs);
      polls += 1;
      try {
        status = (await call<{ order: { status: string } }>(url, ORDER_STATUS, { id: orderId }, shopper.token)).order.status;
      } catch (err) {
        failed('order', err);
      }
    }
    const placeToSettledMs = performance.now() - placedAt;
    // Why it ended as it did, and the server's own timing, asked once it has ended.
    try {
      const { order } = await call<OrderOutcome>(url, ORDER_OUTCOME, { id: orderId }, shopper.token);
      // The order's own moves (its parts move too, with a partId).
      const moves = order.history.filter((h) => h.partId === null);
      const ended = moves.find((h) => h.to === status);
      const steps: Record<string, number> = {};
      moves.forEach((h, i) => {
        if (i > 0) steps[h.to] = Date.parse(h.at) - Date.parse(moves[i - 1]!.at);
      });
      samples.push({
        status,
        placeToSettledMs,
        placeOrderMs,
        serverMs: ended ? Date.parse(ended.at) - Date.parse(order.createdAt) : null,
        polls,
        steps,
        ...(status === 'CANCELLED'
          ? { cancelReason: order.cancelReason, failure: order.failure ? JSON.stringify(order.failure) : null }
          : {}),
      });
    } catch (err) {
      failed('order outcome', err);
      samples.push({ status, placeToSettledMs, placeOrderMs, serverMs: null, polls });
    }
    return true;
  }

  await Promise.all(
    options.shoppers.map(async (shopper, i) => {
      const sku = options.skus[i % options.skus.length]!;
      while (performance.now() - started < options.durationMs) {
        // A failing request is not retried in a tight loop: that would measure the errors' speed.
        if (!(await checkout(shopper, sku))) await delay(100);
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  return {
    samples,
    errors,
    errorExamples,
    seconds: (performance.now() - started) / 1000,
    generatorCpuMs: Math.round((cpu.user + cpu.system) / 1000),
  };
}

process.once('message', (options: ShoppersOptions) => {
  shoppers(options).then(
    (result) => process.send!({ ok: true, result }, () => process.exit(0)),
    (err: unknown) => process.send!({ ok: false, error: err instanceof Error ? err.stack : String(err) }, () => process.exit(1)),
  );
});
