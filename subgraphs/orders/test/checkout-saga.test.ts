import { commandRegistry, eventRegistry, isCommandType, isEventType } from '@basket/schema';
import { checkoutSaga, type CheckoutContext } from '../src/saga/checkout-saga';
import { repliesOf, stepForReply } from '../src/saga/saga-definition';
import { canTransition } from '../src/domain/order-lifecycle';

const saga = checkoutSaga({ stockReplyMs: 30_000, reservationTtlSeconds: 600 });

const context: CheckoutContext = {
  orderId: '00000000-0000-4000-8000-000000000001',
  customerId: '00000000-0000-4000-8000-000000000002',
  region: 'HA_NOI',
  totalVnd: 45_000,
  paymentMethod: '4242424242424242',
  paymentKey: 'order:1:authorize',
  lines: [{ lineId: 'l1', sku: 'VEG-1', quantity: 2, allowSubstitution: true }],
  reservationIds: ['00000000-0000-4000-8000-0000000000aa'],
  reservationExpiresAt: new Date(Date.now() + 600_000).toISOString(),
  paymentId: '00000000-0000-4000-8000-0000000000bb',
};
const sagaId = '00000000-0000-4000-8000-0000000000cc';

describe('the checkout saga declaration', () => {
  it('reads top to bottom: reserve stock, authorize payment, confirm', () => {
    expect(saga.steps.map((s) => s.name)).toEqual(['reserveStock', 'authorizePayment', 'confirm']);
  });

  it('gives every step a compensation or says why it has none', () => {
    for (const step of saga.steps) {
      const c = step.compensation;
      expect('command' in c ? c.command.type : c.none.length > 10).toBeTruthy();
    }
  });

  it('sends commands to the executing domain’s commands topic, with data its contract accepts', () => {
    const built: { type: string; data: unknown }[] = [];
    for (const step of saga.steps) {
      const commands = step.kind === 'remote' ? [step.command, step.undoInFlight] : step.commands;
      for (const c of commands) if (c) built.push({ type: c.type, data: c.build(context, sagaId) });
      if ('command' in step.compensation)
        built.push({ type: step.compensation.command.type, data: step.compensation.command.build(context, sagaId) });
    }
    expect(built.length).toBeGreaterThanOrEqual(6);
    for (const { type, data } of built) {
      expect(isCommandType(type)).toBe(true);
      const def = commandRegistry[type as keyof typeof commandRegistry];
      expect(def.topic).toMatch(/^(inventory|payments)\.commands$/);
      expect(def.data.safeParse(data).success).toBe(true);
    }
  });

  it('reads replies from the executors’ events topics, each declared by one step only', () => {
    for (const type of repliesOf(saga)) {
      expect(isEventType(type)).toBe(true);
      expect(eventRegistry[type].topic).toMatch(/^(inventory|payments)\.events$/);
    }
    const outcomes = saga.steps.flatMap((s) => (s.kind === 'remote' ? [s.success.reply, s.failure.reply] : []));
    expect(new Set(outcomes).size).toBe(outcomes.length);
    expect(stepForReply(saga, 'PaymentDeclined')).toMatchObject({ index: 1, succeeded: false });
  });

  it('moves the order only along the lifecycle table', () => {
    let status = 'PLACED' as Parameters<typeof canTransition>[0];
    for (const step of saga.steps) {
      const targets = step.kind === 'remote' ? [...(step.enter ? [step.enter] : []), step.success.orderStatus] : [step.orderStatus];
      for (const to of targets) {
        expect(`${status} -> ${to}: ${canTransition(status, to, 'system')}`).toBe(`${status} -> ${to}: true`);
        status = to;
      }
      // Failing or timing out from here must be able to cancel the order.
      expect(canTransition(status, 'CANCELLED', 'system') || step.kind === 'local').toBe(true);
    }
    expect(status).toBe('CONFIRMED');
  });

  it('undoes a late success from the reply itself', () => {
    const reserve = saga.steps[0]!;
    if (reserve.kind !== 'remote') throw new Error('reserveStock is remote');
    const undo = reserve.success.undoLate.build({
      sagaId,
      orderId: context.orderId,
      expiresAt: new Date().toISOString(),
      reservations: [
        {
          reservationId: context.reservationIds![0],
          lineId: 'l1',
          sku: 'VEG-1',
          requestedSku: 'VEG-1',
          quantity: 2,
          warehouseId: context.orderId,
          substituted: false,
        },
      ],
    });
    expect(undo).toMatchObject({ reservationIds: context.reservationIds });
    expect(commandRegistry.ReleaseStock.data.safeParse(undo).success).toBe(true);
  });

  it('waits for payment only as long as the stock is held', () => {
    const pay = saga.steps[1]!;
    if (pay.kind !== 'remote') throw new Error('authorizePayment is remote');
    const now = new Date();
    const ms = pay.timeoutMs({ ...context, reservationExpiresAt: new Date(now.getTime() + 5000).toISOString() }, now);
    expect(ms).toBe(5000);
  });
});
