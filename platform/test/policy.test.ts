import { definePolicy } from '../src/auth/policy';
import type { Viewer } from '../src/auth/tokens';

interface Order {
  customerId: string;
  status: 'PLACED' | 'PACKING';
}

const policy = definePolicy({
  'order:place': (viewer) => viewer.role === 'CUSTOMER',
  'order:cancel': (viewer, order: Order) =>
    viewer.role === 'ADMIN' || (viewer.userId === order.customerId && (order.status === 'PLACED' || 'Too late to cancel')),
  'order:audit': async (viewer) => viewer.role === 'ADMIN' || 'Only admins audit orders',
});

const customer: Viewer = { userId: 'c1', role: 'CUSTOMER' };
const other: Viewer = { userId: 'c2', role: 'CUSTOMER' };
const admin: Viewer = { userId: 'a1', role: 'ADMIN' };
const placed: Order = { customerId: 'c1', status: 'PLACED' };
const packing: Order = { customerId: 'c1', status: 'PACKING' };

// Type-level, checked by `npm run typecheck`: each line fails to compile without its directive.
export function policiesAreTyped(): void {
  // @ts-expect-error an action the policy does not declare
  void policy.can(customer, 'order:refund');
  // @ts-expect-error order:cancel needs the order
  void policy.can(customer, 'order:cancel');
  // @ts-expect-error order:place takes no subject
  void policy.can(customer, 'order:place', placed);
  // @ts-expect-error the subject has the rule's type
  void policy.assertCan(customer, 'order:cancel', { id: 'x' });
}

describe('definePolicy', () => {
  it('answers can() per named action and subject', async () => {
    expect(await policy.can(customer, 'order:place')).toBe(true);
    expect(await policy.can(admin, 'order:place')).toBe(false);
    expect(await policy.can(customer, 'order:cancel', placed)).toBe(true);
    expect(await policy.can(other, 'order:cancel', placed)).toBe(false);
    expect(await policy.can(customer, 'order:cancel', packing)).toBe(false);
    expect(await policy.can(admin, 'order:cancel', packing)).toBe(true);
    expect(await policy.can(null, 'order:place')).toBe(false);
  });

  it('assertCan: UNAUTHENTICATED without a viewer, FORBIDDEN with the rule’s reason, the viewer when allowed', async () => {
    await expect(policy.assertCan(null, 'order:cancel', placed)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(policy.assertCan(other, 'order:cancel', placed)).rejects.toMatchObject({
      message: 'Not allowed: order:cancel',
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(policy.assertCan(customer, 'order:cancel', packing)).rejects.toMatchObject({
      message: 'Too late to cancel',
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(policy.assertCan(customer, 'order:audit')).rejects.toMatchObject({ message: 'Only admins audit orders' });
    expect(await policy.assertCan(admin, 'order:audit')).toBe(admin);
  });

  it('lists its actions', () => {
    expect(policy.actions).toEqual(['order:place', 'order:cancel', 'order:audit']);
  });
});
