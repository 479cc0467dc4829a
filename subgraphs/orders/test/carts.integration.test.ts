import { randomUUID } from 'node:crypto';
import type { Viewer } from '@basket/platform';
import { eventually } from '../../../test/support/graphql';
import { startOrders, type OrdersInstance } from './support/orders-harness';

/**
 * Carts on real Postgres, priced from the read model catalog's facts feed over Kafka:
 * guest carts by token merged at sign-in, price changes shown, quotes in VND, bad input
 * rejected with nothing written.
 */
jest.setTimeout(90_000);

let orders: OrdersInstance;
const vendor = randomUUID();
const tag = randomUUID().slice(0, 6).toUpperCase();
const RAU = `CART-RAU-${tag}`;
const CA = `CART-CA-${tag}`;

beforeAll(async () => {
  orders = await startOrders('saga');
  await orders.stockShelf([
    { sku: RAU, vendorId: vendor, priceVnd: 18_000 },
    { sku: CA, vendorId: vendor, priceVnd: 95_000 },
  ]);
}, 300_000);

afterAll(async () => {
  await orders?.stop();
});

const customer = (): Viewer => ({ userId: randomUUID(), role: 'CUSTOMER' });

describe('carts', () => {
  it('gives a guest a cart and its token, and merges it into the customer’s cart at sign-in', async () => {
    const guest = orders.as(null);
    const first = await guest.services.carts.addToCart(guest, { input: { sku: RAU, quantity: 2 } });
    expect(first.guestToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const token = first.guestToken!;
    const again = await guest.services.carts.addToCart(guest, { input: { sku: CA, quantity: 1, guestToken: token } });
    expect(again).toMatchObject({ id: first.id, guestToken: null });
    expect(await guest.services.carts.cart(guest, {})).toBeNull();

    const viewer = customer();
    const me = orders.as(viewer);
    await me.services.carts.addToCart(me, { input: { sku: RAU, quantity: 1 } });
    const merged = await me.services.carts.cart(me, { guestToken: token });
    expect(merged!.lines.map((l) => [l.sku, l.quantity]).sort()).toEqual([
      [CA, 1],
      [RAU, 3],
    ]);
    expect(merged!.quote).toEqual({
      subtotalVnd: 3 * 18_000 + 95_000,
      discountVnd: 0,
      deliveryFeeVnd: 15_000,
      totalVnd: 3 * 18_000 + 95_000 + 15_000,
      currency: 'VND',
    });
    // The guest cart is closed: its token names nothing any more, and merging twice adds nothing.
    await expect(guest.services.carts.cart(guest, { guestToken: token })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect((await me.services.carts.cart(me, { guestToken: token }))!.lines.find((l) => l.sku === RAU)!.quantity).toBe(3);
  });

  it('shows a price change after adding instead of hiding it', async () => {
    const me = orders.as(customer());
    await me.services.carts.addToCart(me, { input: { sku: CA, quantity: 1 } });
    await orders.reply('VariantPriceChanged', { productId: randomUUID(), sku: CA, previousPriceVnd: 95_000, priceVnd: 99_000 });
    const cart = await eventually(
      async () => {
        const c = await me.services.carts.cart(me, {});
        return c!.lines[0]!.priceChanged ? c : undefined;
      },
      30_000,
      'the new price to reach the cart',
    );
    expect(cart!.lines[0]).toMatchObject({ priceAtAddVnd: 95_000, currentPriceVnd: 99_000, priceChanged: true, lineTotalVnd: 99_000 });
    expect(cart!.quote.subtotalVnd).toBe(99_000);
  });

  it('refuses bad input and unknown SKUs, writing nothing', async () => {
    const viewer = customer();
    const me = orders.as(viewer);
    for (const input of [
      { sku: RAU, quantity: 0 },
      { sku: RAU, quantity: 100 },
      { sku: 'x', quantity: 1 },
      { sku: 'NO-SUCH-SKU', quantity: 1 },
    ]) {
      await expect(me.services.carts.addToCart(me, { input })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    }
    expect(await orders.sql('select 1 from orders.carts where customer_id = $1', [viewer.userId])).toEqual([]);
    await expect(me.services.carts.cart(me, { guestToken: 'forged' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('answers an empty cart and unavailable items with typed results, not errors', async () => {
    const viewer = customer();
    const me = orders.as(viewer);
    const sku = `CART-GONE-${randomUUID().slice(0, 6).toUpperCase()}`;
    await orders.stockShelf([{ sku, vendorId: vendor, priceVnd: 10_000 }]);
    const cart = await me.services.carts.addToCart(me, { input: { sku, quantity: 1 } });
    const input = {
      cartId: cart.id,
      deliveryAddress: {
        recipientName: 'An',
        phone: '0912345678',
        line1: '1 Lê Lợi',
        district: 'Quận 1',
        city: 'TP.HCM',
        region: 'HO_CHI_MINH',
      },
      paymentMethod: '4242424242424242',
      idempotencyKey: `gone-${randomUUID()}`,
    };
    await orders.reply('VariantRemoved', { productId: randomUUID(), vendorId: vendor, sku });
    await eventually(async () => !(await me.services.carts.cart(me, {}))!.lines[0]!.available, 30_000, 'the SKU to be gone');
    expect(await me.services.orders.placeOrder(me, { input })).toMatchObject({ __typename: 'UnavailableItems', skus: [sku] });
    await me.services.carts.removeCartLine(me, { sku });
    expect(await me.services.orders.placeOrder(me, { input: { ...input, idempotencyKey: `empty-${randomUUID()}` } })).toMatchObject({
      __typename: 'EmptyCart',
    });
    expect(await orders.sql('select 1 from orders.orders where customer_id = $1', [viewer.userId])).toEqual([]);
  });
});
