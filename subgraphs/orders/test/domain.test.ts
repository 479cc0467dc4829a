import fs from 'node:fs';
import path from 'node:path';
import { buildASTSchema, parse, type GraphQLEnumType } from 'graphql';
import { eventRegistry } from '@basket/schema';
import { OrderPartStatusName, OrderStatusName } from '@basket/schema/events/orders';
import {
  ORDER_STATUSES,
  TERMINAL_STATUSES,
  actorsFor,
  customerMayCancel,
  nextStatuses,
  reachableFrom,
  statusCheckSql,
} from '../src/domain/order-lifecycle';
import { PART_STATUSES, nextPartStatus, orderStatusFromParts, partTransitions } from '../src/domain/order-parts';
import { DELIVERY_FEE_VND, FREE_DELIVERY_FROM_VND, priceChanged, quoteCart, splitByVendor } from '../src/domain/cart-quote';
import { ordersPolicy } from '../src/policy';
import { failureFromCause } from '../src/domain/checkout-failure';

const root = path.join(__dirname, '..');
const sdl = fs.readFileSync(path.join(root, 'schema.graphql'), 'utf8');
const enumValues = (name: string) => {
  // Federation directives are not needed to read enums: drop the @link line and directive uses.
  const plain = sdl.replace(/^extend schema.*$/m, '').replace(/@(key|shareable|listSize|cost)\([^)]*\)/g, '');
  const type = buildASTSchema(parse(plain), { assumeValidSDL: true }).getType(name) as GraphQLEnumType;
  return type.getValues().map((v) => v.name);
};
const migrations = fs
  .readdirSync(path.join(root, 'src/db/migrations'))
  .filter((f) => f.endsWith('.sql'))
  .map((f) => fs.readFileSync(path.join(root, 'src/db/migrations', f), 'utf8'))
  .join('\n');

describe('order lifecycle table', () => {
  it('reaches every status from PLACED', () => {
    expect([...reachableFrom('PLACED')].sort()).toEqual([...ORDER_STATUSES].sort());
  });

  it('lets every non-terminal status still end in a terminal one', () => {
    for (const status of ORDER_STATUSES) {
      const ends = [...reachableFrom(status)].filter((s) => TERMINAL_STATUSES.includes(s));
      expect({ status, canEnd: ends.length > 0 }).toEqual({ status, canEnd: true });
    }
    expect([...TERMINAL_STATUSES].sort()).toEqual(['CANCELLED', 'REFUNDED']);
  });

  it('names only known statuses and gives every step at least one actor', () => {
    for (const from of ORDER_STATUSES) {
      for (const to of nextStatuses(from)) {
        expect(ORDER_STATUSES).toContain(to);
        expect(actorsFor(from, to).length).toBeGreaterThan(0);
      }
    }
  });

  it('lets the customer cancel until packing starts, and not after', () => {
    const before = ['PLACED', 'STOCK_RESERVED', 'AWAITING_PAYMENT', 'PAID', 'CONFIRMED'];
    expect(ORDER_STATUSES.filter(customerMayCancel)).toEqual(before);
    expect(actorsFor('PACKING', 'CANCELLED')).toEqual(['admin']);
    expect(actorsFor('DELIVERED', 'CANCELLED')).toEqual([]);
  });

  it('is the GraphQL enum, the facts’ enum and the database check, value for value', () => {
    expect(enumValues('OrderStatus')).toEqual([...ORDER_STATUSES]);
    expect(OrderStatusName.options).toEqual([...ORDER_STATUSES]);
    expect(migrations).toContain(statusCheckSql('status', ORDER_STATUSES));
  });
});

describe('order parts', () => {
  it('is the GraphQL enum, the facts’ enum and the database check', () => {
    expect(enumValues('OrderPartStatus')).toEqual([...PART_STATUSES]);
    expect(OrderPartStatusName.options).toEqual([...PART_STATUSES]);
    expect(migrations).toContain(statusCheckSql('status', PART_STATUSES));
  });

  it('moves forward one step at a time for vendors', () => {
    expect(nextPartStatus('CONFIRMED')).toBe('PACKING');
    expect(nextPartStatus('PACKING')).toBe('OUT_FOR_DELIVERY');
    expect(nextPartStatus('OUT_FOR_DELIVERY')).toBe('DELIVERED');
    expect(nextPartStatus('DELIVERED')).toBeNull();
    expect(partTransitions.PENDING).not.toHaveProperty('PACKING');
  });

  it('derives the order’s status from its parts', () => {
    expect(orderStatusFromParts(['CONFIRMED', 'CONFIRMED'])).toBe('CONFIRMED');
    expect(orderStatusFromParts(['PACKING', 'CONFIRMED'])).toBe('PACKING');
    expect(orderStatusFromParts(['DELIVERED', 'CONFIRMED'])).toBe('PACKING');
    expect(orderStatusFromParts(['OUT_FOR_DELIVERY', 'DELIVERED'])).toBe('OUT_FOR_DELIVERY');
    expect(orderStatusFromParts(['DELIVERED', 'DELIVERED'])).toBe('DELIVERED');
  });

  it('derives along the order table: each single part step is at most one order step', () => {
    const ranks = ['CONFIRMED', 'PACKING', 'OUT_FOR_DELIVERY', 'DELIVERED'] as const;
    for (const a of ranks) {
      for (const b of ranks) {
        const next = nextPartStatus(a);
        if (!next) continue;
        const before = orderStatusFromParts([a, b]);
        const after = orderStatusFromParts([next, b]);
        expect(before === after || actorsFor(before, after).includes('system')).toBe(true);
      }
    }
  });
});

describe('cart quote', () => {
  it('charges today’s price, leaves unavailable lines out and shows a price change', () => {
    const lines = [
      { quantity: 2, priceAtAddVnd: 10_000, currentPriceVnd: 12_000 },
      { quantity: 1, priceAtAddVnd: 50_000, currentPriceVnd: null },
    ];
    expect(quoteCart(lines)).toEqual({
      subtotalVnd: 24_000,
      discountVnd: 0,
      deliveryFeeVnd: DELIVERY_FEE_VND,
      totalVnd: 24_000 + DELIVERY_FEE_VND,
      currency: 'VND',
    });
    expect(lines.map(priceChanged)).toEqual([true, false]);
  });

  it('delivers free from the threshold, and an empty cart costs nothing', () => {
    expect(
      quoteCart([{ quantity: 1, priceAtAddVnd: FREE_DELIVERY_FROM_VND, currentPriceVnd: FREE_DELIVERY_FROM_VND }]).deliveryFeeVnd,
    ).toBe(0);
    expect(quoteCart([]).totalVnd).toBe(0);
  });

  it('splits lines into one part per vendor', () => {
    const parts = splitByVendor([
      { vendorId: 'b', sku: '1' },
      { vendorId: 'a', sku: '2' },
      { vendorId: 'b', sku: '3' },
    ]);
    expect([...parts.keys()]).toEqual(['a', 'b']);
    expect(parts.get('b')!.map((l) => l.sku)).toEqual(['1', '3']);
  });
});

describe('policy', () => {
  const customer = { userId: 'c1', role: 'CUSTOMER' as const };
  const vendor = { userId: 'v1', role: 'VENDOR' as const };
  const admin = { userId: 'a1', role: 'ADMIN' as const };
  const { can } = ordersPolicy;

  it('lets customers act on their own orders only', async () => {
    expect(await can(customer, 'order:read', { customerId: 'c1' })).toBe(true);
    expect(await can(customer, 'order:cancel', { customerId: 'c2' })).toBe(false);
    expect(await can(null, 'order:read', { customerId: 'c1' })).toBe(false);
  });

  it('lets vendors see and advance their own parts only', async () => {
    expect(await can(vendor, 'part:advance', { vendorId: 'v1' })).toBe(true);
    expect(await can(vendor, 'part:read', { vendorId: 'v2' })).toBe(false);
    expect(await can(customer, 'part:read', { vendorId: 'c1' })).toBe(false);
    expect(await can(vendor, 'order:read', { customerId: 'c1' })).toBe(false);
    expect(await can(customer, 'parts:list')).toBe(false);
  });

  it('lets admins act on any order, but not use others’ carts or return for customers', async () => {
    expect(await can(admin, 'order:cancel', { customerId: 'c1' })).toBe(true);
    expect(await can(admin, 'part:advance', { vendorId: 'v1' })).toBe(true);
    expect(await can(admin, 'cart:use', { customerId: 'c1' })).toBe(false);
    expect(await can(admin, 'cart:use', { customerId: 'a1' })).toBe(true);
    expect(await can(admin, 'order:requestReturn', { customerId: 'c1' })).toBe(false);
  });
});

describe('checkout failures', () => {
  it('carry the details the schema shows', () => {
    expect(
      failureFromCause({
        reply: 'StockReservationFailed',
        data: { reason: 'x', shortages: [{ lineId: 'l', sku: 'S', requested: 3, available: 1 }] },
      }),
    ).toEqual({
      kind: 'OUT_OF_STOCK',
      shortages: [{ sku: 'S', requested: 3, available: 1 }],
    });
    expect(
      failureFromCause({ reply: 'PaymentDeclined', data: { reason: 'Your card was declined.', declineCode: 'generic_decline' } }),
    ).toEqual({
      kind: 'PAYMENT_DECLINED',
      reason: 'Your card was declined.',
      declineCode: 'generic_decline',
    });
    expect(failureFromCause({ timedOut: 'authorizePayment' })).toEqual({ kind: 'TIMED_OUT', step: 'authorizePayment' });
  });
});

describe('messages', () => {
  it('orders’ facts are on orders.events', () => {
    for (const type of ['OrderPlaced', 'OrderStatusChanged', 'OrderPartStatusChanged', 'OrderConfirmed', 'OrderCancelled'] as const) {
      expect(eventRegistry[type].topic).toBe('orders.events');
    }
  });
});
