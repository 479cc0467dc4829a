import { closeDb } from '../../../test/support/db';
import { eventually, gql, ok } from '../../../test/support/graphql';
import { createVendor, loginAdmin, register, type Session } from '../../../test/support/users';
import { buy, CARDS, settledOrder, stockedSku } from '../../../test/support/commerce';

/**
 * Order.payments through the router on the stack (orders' checkout saga over Kafka, the
 * simulated provider): what a shopper sees of the money after paying, being declined and
 * cancelling a paid order, and that nobody else sees it.
 */
jest.setTimeout(120_000);

const PAYMENTS = `query($id: ID!) { order(id: $id) { id status totalVnd payments {
  status amountVnd currency provider method declineCode refundedVnd refunds { amountVnd reason status } } } }`;

let shopper: Session;
let sku: string;

beforeAll(async () => {
  let vendor: Session;
  [vendor, shopper] = await Promise.all([createVendor('Vựa Trái Cây Lái Thiêu'), register('Chị Hoa')]);
  // Slow only the first time: inventory and orders catch up on catalog's history to learn the SKU.
  ({ sku } = await stockedSku(vendor, 10));
  // The first checkout after a cold start can time out while the stack's consumers catch
  // up on the topics' history; settle one, whatever its outcome, before asserting.
  await settledOrder(shopper, await buy(shopper, sku, 1), 180_000);
}, 400_000);
afterAll(closeDb);

/** Polls the order's payments (as its customer) until the first one is in this status. */
async function paymentsWhen(orderId: string, status: string) {
  return eventually(
    async () => {
      const order = (await ok(PAYMENTS, { id: orderId }, { token: shopper.accessToken })).order;
      return order.payments[0]?.status === status ? order : undefined;
    },
    60_000,
    `order ${orderId}'s payment to be ${status}`,
  );
}

it('shows the shopper a captured payment once the order is confirmed, and its refund after a cancellation', async () => {
  const orderId = await buy(shopper, sku, 1, { card: CARDS.ok });
  expect((await settledOrder(shopper, orderId)).status).toBe('CONFIRMED');
  const paid = await paymentsWhen(orderId, 'CAPTURED');
  expect(paid.payments).toEqual([
    {
      status: 'CAPTURED',
      amountVnd: paid.totalVnd,
      currency: 'VND',
      provider: 'SIMULATED',
      method: 'Test card •••• 4242',
      declineCode: null,
      refundedVnd: 0,
      refunds: [],
    },
  ]);

  await ok('mutation($id: ID!) { cancelOrder(id: $id, reason: "Đặt nhầm") { id } }', { id: orderId }, { token: shopper.accessToken });
  const refunded = await paymentsWhen(orderId, 'REFUNDED');
  expect(refunded.payments[0]).toMatchObject({ refundedVnd: paid.totalVnd, refunds: [{ amountVnd: paid.totalVnd, status: 'SUCCEEDED' }] });
});

it('shows a declined card with its decline code', async () => {
  const orderId = await buy(shopper, sku, 1, { card: CARDS.declined });
  expect((await settledOrder(shopper, orderId)).status).toBe('CANCELLED');
  const declined = await paymentsWhen(orderId, 'DECLINED');
  expect(declined.payments).toEqual([
    expect.objectContaining({ declineCode: 'generic_decline', method: 'Test card •••• 0002', refundedVnd: 0 }),
  ]);
});

it('shows nobody else the order or its payments; admins see them', async () => {
  const orderId = await buy(shopper, sku, 1, { card: CARDS.ok });
  await paymentsWhen(orderId, 'CAPTURED');
  const rival = await register('Anh Tuấn');
  // Orders answers another customer's order as absent: nothing of it, payments included, comes back.
  const asRival = await gql(PAYMENTS, { id: orderId }, { token: rival.accessToken });
  expect(asRival.data?.order ?? null).toBeNull();
  expect(JSON.stringify(asRival)).not.toContain('CAPTURED');
  const anonymous = await gql(PAYMENTS, { id: orderId });
  expect(anonymous.data?.order ?? null).toBeNull();
  expect(JSON.stringify(anonymous)).not.toContain('CAPTURED');
  const admin = await loginAdmin();
  expect(
    (await ok(PAYMENTS, { id: orderId }, { token: admin.accessToken })).order.payments.map((p: { status: string }) => p.status),
  ).toEqual(['CAPTURED']);
});
