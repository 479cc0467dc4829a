import { canMove, LIVE_STATUSES, PAYMENT_STATUSES, providerIdempotencyKey, type PaymentStatus } from '../src/domain/payment-status';
import { paymentsPolicy } from '../src/policy';

describe('payment lifecycle', () => {
  it('reaches every status from pending, and nothing leaves a final one', () => {
    const seen = new Set<PaymentStatus>(['pending']);
    for (let grew = true; grew;) {
      grew = false;
      for (const from of [...seen])
        for (const to of PAYMENT_STATUSES)
          if (canMove(from, to) && !seen.has(to)) {
            seen.add(to);
            grew = true;
          }
    }
    expect([...seen].sort()).toEqual([...PAYMENT_STATUSES].sort());
    for (const final of ['declined', 'voided', 'refunded'] as const)
      expect(PAYMENT_STATUSES.filter((to) => canMove(final, to))).toEqual([]);
  });

  it('lets no late answer undo a settled payment', () => {
    expect(canMove('voided', 'authorized')).toBe(false);
    expect(canMove('captured', 'voided')).toBe(false);
    expect(canMove('declined', 'authorized')).toBe(false);
    expect(canMove('pending', 'authorized')).toBe(true);
  });

  it('counts as live only the statuses that hold or took money', () => {
    expect([...LIVE_STATUSES].sort()).toEqual(['authorized', 'captured', 'pending', 'refunded']);
  });

  it('derives the provider key from the operation, the subject and the sender’s key', () => {
    expect(providerIdempotencyKey('authorize', 'order-1', 'k')).toBe(providerIdempotencyKey('authorize', 'order-1', 'k'));
    expect(providerIdempotencyKey('authorize', 'order-1', 'k')).not.toBe(providerIdempotencyKey('refund', 'order-1', 'k'));
    expect(providerIdempotencyKey('authorize', 'order-1', 'x'.repeat(300)).length).toBeLessThanOrEqual(255);
  });
});

describe('payments policy', () => {
  const customer = { userId: 'c1', role: 'CUSTOMER' as const };
  it('lets the order’s customer and admins read a payment, and nobody else', async () => {
    const payment = { customerId: 'c1' };
    expect(await paymentsPolicy.can(customer, 'payment:read', payment)).toBe(true);
    expect(await paymentsPolicy.can({ userId: 'a1', role: 'ADMIN' }, 'payment:read', payment)).toBe(true);
    expect(await paymentsPolicy.can({ userId: 'c2', role: 'CUSTOMER' }, 'payment:read', payment)).toBe(false);
    expect(await paymentsPolicy.can({ userId: 'v1', role: 'VENDOR' }, 'payment:read', payment)).toBe(false);
    await expect(paymentsPolicy.assertCan(null, 'payment:read', payment)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    await expect(paymentsPolicy.assertCan({ userId: 'c2', role: 'CUSTOMER' }, 'payment:read', payment)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
  });
});
