import type { Logger, Tx } from '@basket/platform';
import * as orderStore from '../db/orders-store';
import { failureFromCause } from '../domain/checkout-failure';
import { checkoutSaga, type CheckoutContext, type CheckoutTimings } from '../saga/checkout-saga';
import { createSagaRunner, type SendCommand } from '../saga/saga-runner';
import type { ReplyData } from '../saga/messages';
import { SYSTEM, type OrderTransitions } from './order-transitions';

/**
 * The checkout saga bound to orders: its effects move the order through the lifecycle
 * table (locking the order row each time) and record what replies tell (substitutions,
 * the payment id).
 */
export function createCheckout(deps: { send: SendCommand; transitions: OrderTransitions; logger: Logger; timings?: CheckoutTimings }) {
  const { transitions } = deps;

  async function locked(tx: Tx, orderId: string) {
    const order = await orderStore.lockOrder(tx, orderId);
    if (!order) throw new Error(`saga for a missing order ${orderId}`);
    return order;
  }

  return createSagaRunner<CheckoutContext>({
    saga: checkoutSaga(deps.timings),
    send: deps.send,
    logger: deps.logger,
    effects: {
      async moveOrder(tx, ctx, to) {
        await transitions.moveOrder(tx, await locked(tx, ctx.orderId), to, SYSTEM);
      },
      async cancelOrder(tx, ctx, reason, cause) {
        await transitions.moveOrder(tx, await locked(tx, ctx.orderId), 'CANCELLED', SYSTEM, { reason, failure: failureFromCause(cause) });
      },
      async succeeded(tx, ctx, step, reply) {
        if (step === 'reserveStock') {
          for (const r of (reply as ReplyData<'StockReserved'>).reservations) {
            if (r.substituted) await orderStore.setSubstitution(tx, r.lineId, r.sku);
          }
        }
        if (step === 'authorizePayment') await orderStore.updateOrder(tx, ctx.orderId, { paymentId: ctx.paymentId ?? null });
      },
    },
  });
}

export type Checkout = ReturnType<typeof createCheckout>;
