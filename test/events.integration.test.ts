import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { closeDb, sql } from './support/db';
import { errorCodes, eventually, gql, metric, ok } from './support/graphql';
import { createVendor, loginAdmin, register } from './support/users';
import { kafkaTopic } from './support/kafka-topics';

const kafka = new Kafka({
  clientId: 'basket-test-producer',
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  logLevel: logLevel.NOTHING,
});
const producer = kafka.producer();

beforeAll(() => producer.connect());
afterAll(async () => {
  await producer.disconnect();
  await closeDb();
});

const isVendor = async (userId: string) => (await ok('{ vendors { id } }')).vendors.some((v: { id: string }) => v.id === userId);
const CHANGE_ROLE = 'mutation($id: ID!, $r: Role!) { changeUserRole(userId: $id, role: $r) { role } }';

describe('accounts -> catalog over Kafka', () => {
  it('a demotion reaches the catalog, which then refuses the still-valid VENDOR token', async () => {
    const vendor = await createVendor('Sạp Cô Ba');
    const admin = await loginAdmin();
    await ok(CHANGE_ROLE, { id: vendor.userId, r: 'CUSTOMER' }, { token: admin.accessToken });
    await eventually(async () => !(await isVendor(vendor.userId)), 20_000, 'the catalog to deactivate the vendor');
    const [category] = (await ok('{ categories { id } }')).categories;
    const res = await gql(
      'mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }',
      {
        i: {
          categoryId: category.id,
          nameVi: 'Cà chua',
          descriptionVi: 'Cà chua Đà Lạt',
          variants: [{ sku: `TEST-CC-${randomUUID().slice(0, 8)}`, unitVi: '1 kg', priceVnd: 30000 }],
        },
      },
      { token: vendor.accessToken },
    );
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
  });

  it('redelivering an already-processed event changes nothing', async () => {
    const vendor = await createVendor('Tiệm Khô Bà Tư');
    const admin = await loginAdmin();
    const [promotion] = await sql("select envelope from accounts.outbox where key = $1 and type = 'UserRoleChanged'", [vendor.userId]);
    await ok(CHANGE_ROLE, { id: vendor.userId, r: 'CUSTOMER' }, { token: admin.accessToken });
    await eventually(async () => !(await isVendor(vendor.userId)), 20_000, 'the demotion to arrive');
    const before = await sql('select name, active, updated_at from catalog.vendors where id = $1', [vendor.userId]);
    const duplicates = () =>
      metric('catalog', 'basket_events_consumed_total', { service: 'catalog', type: 'UserRoleChanged', outcome: 'duplicate' });
    const seen = await duplicates();

    // The old promotion again, exactly as Kafka would redeliver it after a crash before the offset commit.
    await producer.send({
      topic: kafkaTopic('accounts.events'),
      messages: [{ key: vendor.userId, value: JSON.stringify(promotion!.envelope) }],
    });
    await eventually(async () => (await duplicates()) > seen, 20_000, 'the consumer to see the duplicate');

    expect(await sql('select name, active, updated_at from catalog.vendors where id = $1', [vendor.userId])).toEqual(before);
    expect(await isVendor(vendor.userId)).toBe(false);
    const processed = await sql('select count(*)::int as n from catalog.processed_events where event_id = $1', [promotion!.envelope.id]);
    expect(processed[0]!.n).toBe(1);
  });

  it('parks a poison message with its topic, partition and offset, and keeps consuming', async () => {
    const marker = `poison-${randomUUID()}`;
    // One poison message in every partition, so whatever partition the next real event
    // lands in sits behind one.
    const admin = kafka.admin();
    await admin.connect();
    const [meta] = (await admin.fetchTopicMetadata({ topics: [kafkaTopic('accounts.events')] })).topics;
    await admin.disconnect();
    const partitions = meta!.partitions.map((p) => p.partitionId);
    await producer.send({
      topic: kafkaTopic('accounts.events'),
      messages: partitions.map((partition) => ({
        partition,
        key: `poison-${partition}`,
        value: `{"not": "an envelope", "marker": "${marker}"}`,
      })),
    });
    const parked = await eventually(
      async () => {
        const [row] = await sql(
          'select topic, partition, "offset", error from catalog.dead_letters where consumer = \'catalog\' and payload like $1',
          [`%${marker}%`],
        );
        return row;
      },
      20_000,
      'the poison message to be parked',
    );
    expect(parked).toMatchObject({ topic: 'accounts.events', partition: expect.any(Number), offset: expect.stringMatching(/^\d+$/) });
    expect(parked.error).toMatch(/invalid envelope/);
    await eventually(
      async () =>
        (await sql('select distinct partition from catalog.dead_letters where payload like $1', [`%${marker}%`])).length ===
        partitions.length,
      20_000,
      'every partition to park its poison message',
    );
    // No partition is blocked: a later fact still arrives, whichever partition it is in.
    const next = await createVendor('Sau Độc Tố');
    expect(await isVendor(next.userId)).toBe(true);
  });

  it('a registered customer never appears as a vendor', async () => {
    const customer = await register('Khách Hàng');
    const [registered] = await sql("select id from accounts.outbox where key = $1 and type = 'UserRegistered'", [customer.userId]);
    await eventually(
      async () =>
        (await sql("select 1 from catalog.processed_events where consumer = 'catalog' and event_id = $1", [registered!.id])).length === 1,
      20_000,
      'the catalog to consume UserRegistered',
    );
    expect(await sql('select 1 from catalog.vendors where id = $1', [customer.userId])).toHaveLength(0);
    expect(await isVendor(customer.userId)).toBe(false);
  });
});
