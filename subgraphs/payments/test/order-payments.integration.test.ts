import { randomUUID } from 'node:crypto';
import { createKafkaTransport, createLogger, type EventTransport } from '@basket/platform';
import { closeDb, sql } from '../../../test/support/db';
import { errorCodes, eventually, gql, subgraphUrl } from '../../../test/support/graphql';
import { asRouter } from '../../../test/support/router-credential';
import { loginAdmin, register, type Session } from '../../../test/support/users';
import { TEST_CARDS } from '../src/provider/simulated-provider';
import { commandSender, type SendCommand } from './support/commands';

/**
 * The stack's payments subgraph (simulated provider, as in embedded mode) on real
 * Postgres and Kafka: commands in over payments.commands, Order.payments out through
 * `_entities` as the router would ask for it, with each viewer's credential.
 */
let transport: EventTransport;
let send: SendCommand;
let owner: Session;
let rival: Session;
let admin: Session;

beforeAll(async () => {
  transport = createKafkaTransport({
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    clientId: `${process.env.KAFKA_CLIENT_ID ?? 'basket-test'}-payments-test`,
    logger: createLogger('payments-test', 'warn'),
    // The run's own topics (global setup), where the stack's payments listens.
    topicPrefix: process.env.KAFKA_TOPIC_PREFIX,
  });
  send = commandSender(transport);
  [owner, rival, admin] = await Promise.all([register('Chị Lan'), register('Anh Minh'), loginAdmin()]);
});
afterAll(async () => {
  await transport?.stop();
  await closeDb();
});

const ORDER_PAYMENTS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Order { id payments {
  id status amountVnd currency provider method declineReason declineCode refundedVnd refunds { id } order { id } } } } }`;

async function orderPayments(orderId: string, session?: Session) {
  return gql(
    ORDER_PAYMENTS,
    { reps: [{ __typename: 'Order', id: orderId }] },
    { url: subgraphUrl('payments'), headers: await asRouter('payments', { token: session?.accessToken }) },
  );
}

async function pay(card: string, status: string, customer = owner) {
  const orderId = randomUUID();
  const sagaId = randomUUID();
  await send('AuthorizePayment', {
    sagaId,
    orderId,
    customerId: customer.userId,
    amountVnd: 96_000,
    paymentMethod: card,
    idempotencyKey: `pay-${orderId}`,
  });
  const payment = await eventually(
    async () => {
      const [row] = await sql('select * from payments.payments where order_id = $1', [orderId]);
      return row?.status === status ? row : undefined;
    },
    30_000,
    `payment of ${orderId} to be ${status}`,
  );
  return { orderId, sagaId, payment };
}

const replyTypes = async (orderId: string) =>
  (await sql("select type from payments.outbox where envelope->'data'->>'orderId' = $1 order by seq", [orderId])).map((r) => r.type);

describe('the simulated provider behind AuthorizePayment', () => {
  it('authorizes 4242…, declines 4000…0002, and leaves the late card pending with no reply', async () => {
    const good = await pay(TEST_CARDS.succeeds, 'authorized');
    const bad = await pay(TEST_CARDS.declined, 'declined');
    const late = await pay(TEST_CARDS.late, 'pending');
    expect(await replyTypes(good.orderId)).toEqual(['PaymentAuthorized']);
    expect(await replyTypes(bad.orderId)).toEqual(['PaymentDeclined']);
    expect(bad.payment).toMatchObject({ decline_code: 'generic_decline', provider: 'simulated', method_label: 'Test card •••• 0002' });
    expect(await replyTypes(late.orderId)).toEqual([]);
  });
});

describe('Order.payments', () => {
  it('shows the order’s customer its payments, card number masked', async () => {
    const { orderId, payment } = await pay(TEST_CARDS.succeeds, 'authorized');
    const res = await orderPayments(orderId, owner);
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      {
        id: orderId,
        payments: [
          {
            id: payment.id,
            status: 'AUTHORIZED',
            amountVnd: 96_000,
            currency: 'VND',
            provider: 'SIMULATED',
            method: 'Test card •••• 4242',
            declineReason: null,
            declineCode: null,
            refundedVnd: 0,
            refunds: [],
            order: { id: orderId },
          },
        ],
      },
    ]);
    expect(JSON.stringify(res.data)).not.toContain(TEST_CARDS.succeeds);
  });

  it('refuses another customer (FORBIDDEN) and an anonymous caller (UNAUTHENTICATED); admins see it', async () => {
    const { orderId, payment } = await pay(TEST_CARDS.declined, 'declined');
    const asRival = await orderPayments(orderId, rival);
    expect(errorCodes(asRival)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(asRival.data ?? null)).not.toContain(payment.id);
    expect(errorCodes(await orderPayments(orderId))).toEqual(['UNAUTHENTICATED']);
    const asAdmin = await orderPayments(orderId, admin);
    expect(asAdmin.data?._entities[0].payments.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([
      [payment.id, 'DECLINED'],
    ]);
  });

  it('answers [] for an order payments knows nothing of', async () => {
    const res = await orderPayments(randomUUID(), owner);
    expect(res.data?._entities).toEqual([{ id: expect.any(String), payments: [] }]);
  });

  it('guards the Payment entity the same way', async () => {
    const { payment } = await pay(TEST_CARDS.succeeds, 'authorized');
    const query = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Payment { id status } } }';
    const reps = { reps: [{ __typename: 'Payment', id: payment.id }] };
    const ask = async (session: Session) =>
      gql(query, reps, { url: subgraphUrl('payments'), headers: await asRouter('payments', { token: session.accessToken }) });
    expect((await ask(owner)).data?._entities).toEqual([{ id: payment.id, status: 'AUTHORIZED' }]);
    expect(errorCodes(await ask(rival))).toEqual(['FORBIDDEN']);
  });
});
