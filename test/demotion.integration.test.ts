import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { closeDb, sql } from './support/db';
import { errorCodes, eventually, gql, ok, type GraphQLResponse } from './support/graphql';
import { createVendor, login, loginAdmin, register, type Session } from './support/users';
import { createProduct, productInput, type CreatedProduct } from './support/catalog';
import { kafkaTopic } from './support/kafka-topics';

/**
 * Rights that can be taken away are never read from the token alone: an admin demoted
 * a moment ago still holds a valid ADMIN token for up to 15 minutes, and every admin
 * path in every subgraph must refuse it as soon as that subgraph knows. Accounts knows
 * at once (its users table); catalog knows when it has consumed UserRoleChanged.
 */

const kafka = new Kafka({
  clientId: 'basket-test-demotion',
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  logLevel: logLevel.NOTHING,
});
const producer = kafka.producer();
beforeAll(() => producer.connect());
afterAll(async () => {
  await producer.disconnect();
  await closeDb();
});

const CHANGE_ROLE = 'mutation($id: ID!, $r: Role!) { changeUserRole(userId: $id, role: $r) { id role } }';
/** How long the catalog may take to consume a role change before the test calls it broken. */
const CATALOG_DEADLINE_MS = 10_000;

/** The newest role change of a user, as accounts wrote it. */
async function lastRoleChange(userId: string) {
  const [row] = await sql(
    "select id, envelope from accounts.outbox where key = $1 and type = 'UserRoleChanged' order by seq desc limit 1",
    [userId],
  );
  return row!;
}

/** Waits until the catalog has consumed this event (its processed_events row commits with the effect). */
async function catalogConsumed(eventId: string) {
  await eventually(
    async () => (await sql("select 1 from catalog.processed_events where consumer = 'catalog' and event_id = $1", [eventId])).length === 1,
    CATALOG_DEADLINE_MS,
    `the catalog to consume ${eventId}`,
  );
}

async function setRole(root: Session, userId: string, role: string) {
  await ok(CHANGE_ROLE, { id: userId, r: role }, { token: root.accessToken });
  const change = await lastRoleChange(userId);
  expect(change.envelope.data.role).toBe(role);
  return change;
}

/** A fresh admin: registered, promoted by the seeded admin, signed in again for an ADMIN token, known to the catalog. */
async function freshAdmin(root: Session): Promise<Session> {
  const user = await register('Quản Trị Tạm', 'admin');
  const promotion = await setRole(root, user.userId, 'ADMIN');
  await catalogConsumed(promotion.id);
  return login(user.email, user.password);
}

interface World {
  root: Session;
  vendor: Session;
  customer: Session;
  formerVendor: Session;
  archived: CreatedProduct;
  active: CreatedProduct;
}

/** One admin path: what it does, and how its answer looks when refused. */
interface AdminPath {
  name: string;
  run(w: World, token: string): Promise<GraphQLResponse>;
  /** Refusal: an error code, or an answer that shows nothing. */
  refused: { code: string } | { data: (data: any) => unknown; expected: unknown };
}

const forbidden = { code: 'FORBIDDEN' };
const tag = () => randomUUID().slice(0, 8).toUpperCase();

/** Every admin-only query and mutation, and every place admins see more than others, in accounts and catalog. */
const paths: AdminPath[] = [
  // accounts
  { name: 'accounts: users', run: (_, t) => gql('{ users(first: 1) { edges { node { id } } } }', {}, { token: t }), refused: forbidden },
  {
    name: 'accounts: user(id) of someone else',
    run: (w, t) => gql('query($id: ID!) { user(id: $id) { id email } }', { id: w.customer.userId }, { token: t }),
    refused: forbidden,
  },
  {
    name: "accounts: a former vendor's Vendor (self or admin only)",
    run: (w, t) => gql('query($id: ID) { vendor(id: $id) { id } }', { id: w.formerVendor.userId }, { token: t }),
    refused: { data: (d) => d.vendor, expected: null },
  },
  // Setting the role it already has: allowed, it changes nothing; refused, it must not get that far.
  {
    name: 'accounts: changeUserRole',
    run: (w, t) => gql(CHANGE_ROLE, { id: w.customer.userId, r: 'CUSTOMER' }, { token: t }),
    refused: forbidden,
  },
  // catalog
  {
    name: 'catalog: createProduct for a vendor',
    run: async (w, t) =>
      gql(
        'mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }',
        { i: await productInput({ vendorId: w.vendor.userId }) },
        { token: t },
      ),
    refused: forbidden,
  },
  {
    name: 'catalog: updateProduct',
    run: (w, t) =>
      gql(
        'mutation($id: ID!) { updateProduct(id: $id, input: { descriptionVi: "Sửa bởi quản trị." }) { id } }',
        { id: w.active.id },
        { token: t },
      ),
    refused: forbidden,
  },
  {
    name: 'catalog: setVariantPrice',
    run: (w, t) =>
      gql('mutation($s: String!) { setVariantPrice(sku: $s, priceVnd: 11111) { sku } }', { s: w.active.variants[0]!.sku }, { token: t }),
    refused: forbidden,
  },
  {
    name: 'catalog: addVariant',
    run: (w, t) =>
      gql(
        'mutation($p: ID!, $i: VariantInput!) { addVariant(productId: $p, input: $i) { sku } }',
        { p: w.active.id, i: { sku: `TEST-DEM-${tag()}`, unitVi: '5 kg', priceVnd: 99000 } },
        { token: t },
      ),
    refused: forbidden,
  },
  {
    name: 'catalog: removeVariant',
    run: (w, t) => gql('mutation($s: String!) { removeVariant(sku: $s) { id } }', { s: w.active.variants[1]!.sku }, { token: t }),
    refused: forbidden,
  },
  {
    name: 'catalog: an archived product by id',
    run: (w, t) => gql('query($id: ID) { product(id: $id) { id status } }', { id: w.archived.id }, { token: t }),
    refused: { data: (d) => d.product, expected: null },
  },
  {
    name: 'catalog: an archived product by slug',
    run: (w, t) => gql('query($s: String) { product(slug: $s) { id } }', { s: w.archived.slug }, { token: t }),
    refused: { data: (d) => d.product, expected: null },
  },
  {
    name: "catalog: an archived product's variant",
    run: (w, t) => gql('query($s: String!) { variant(sku: $s) { sku } }', { s: w.archived.variants[0]!.sku }, { token: t }),
    refused: { data: (d) => d.variant, expected: null },
  },
  // Status changes last: allowed, they flip the fixture the visibility paths above rely on.
  {
    name: 'catalog: archiveProduct',
    run: (w, t) => gql('mutation($id: ID!) { archiveProduct(id: $id) { id } }', { id: w.active.id }, { token: t }),
    refused: forbidden,
  },
  {
    name: 'catalog: unarchiveProduct',
    run: (w, t) => gql('mutation($id: ID!) { unarchiveProduct(id: $id) { id } }', { id: w.archived.id }, { token: t }),
    refused: forbidden,
  },
];

const outcome = (path: AdminPath, res: GraphQLResponse) =>
  'code' in path.refused || res.errors ? errorCodes(res) : path.refused.data(res.data);
const refusal = (path: AdminPath) => ('code' in path.refused ? [path.refused.code] : path.refused.expected);

/** A vendor's two products, one archived, for one phase of the test. */
async function products(vendor: Session) {
  const archived = await createProduct(vendor);
  await ok('mutation($id: ID!) { archiveProduct(id: $id) { id } }', { id: archived.id }, { token: vendor.accessToken });
  return { archived, active: await createProduct(vendor) };
}

/** Everything the refused paths could have changed, with the events they would have written. */
async function snapshot(w: World) {
  const ids = [w.active.id, w.archived.id];
  return {
    products: await sql('select * from catalog.products where id = any($1) order by id', [ids]),
    variants: await sql('select * from catalog.variants where product_id = any($1) order by sku', [ids]),
    vendorProducts: await sql('select count(*)::int as n from catalog.products where vendor_id = $1', [w.vendor.userId]),
    catalogEvents: await sql("select id from catalog.outbox where key = any($1) or envelope->'data'->>'vendorId' = $2 order by seq", [
      ids,
      w.vendor.userId,
    ]),
    customer: await sql('select * from accounts.users where id = $1', [w.customer.userId]),
    accountsEvents: await sql('select id from accounts.outbox where key = $1', [w.customer.userId]),
  };
}

describe('a demoted admin', () => {
  it('is refused on every admin path of every subgraph with the old, still-valid token', async () => {
    const root = await loginAdmin();
    const vendor = await createVendor('Sạp Được Quản Lý');
    const formerVendor = await createVendor('Sạp Đã Đóng');
    await catalogConsumed((await setRole(root, formerVendor.userId, 'CUSTOMER')).id);
    const base = { root, vendor, formerVendor, customer: await register('Khách Quen') };
    const admin = await freshAdmin(root);

    // While an admin, every path works, so the refusals below are not a broken fixture.
    const allowed: World = { ...base, ...(await products(vendor)) };
    for (const path of paths) {
      const res = await path.run(allowed, admin.accessToken);
      expect([path.name, res.errors ?? null]).toEqual([path.name, null]);
      expect([path.name, outcome(path, res)]).not.toEqual([path.name, refusal(path)]);
    }

    const w: World = { ...base, ...(await products(vendor)) };
    const demotion = await setRole(root, admin.userId, 'CUSTOMER');
    const before = await snapshot(w);
    // Accounts reads roles from its own table: refused at once, no waiting.
    for (const path of paths.filter((p) => p.name.startsWith('accounts'))) {
      expect([path.name, outcome(path, await path.run(w, admin.accessToken))]).toEqual([path.name, refusal(path)]);
    }
    // Catalog learns over Kafka: refused as soon as it has consumed the demotion.
    await catalogConsumed(demotion.id);
    for (const path of paths.filter((p) => p.name.startsWith('catalog'))) {
      expect([path.name, outcome(path, await path.run(w, admin.accessToken))]).toEqual([path.name, refusal(path)]);
    }
    expect(await snapshot(w)).toEqual(before);
  });

  it('stays refused when an older promotion arrives again after the demotion', async () => {
    const root = await loginAdmin();
    const vendor = await createVendor('Sạp Kiểm Tra Lại');
    const w: World = { root, vendor, formerVendor: vendor, customer: vendor, ...(await products(vendor)) };
    const admin = await freshAdmin(root);
    const promotion = await lastRoleChange(admin.userId);
    const demotion = await setRole(root, admin.userId, 'CUSTOMER');
    await catalogConsumed(demotion.id);

    // The promotion exactly as Kafka redelivers it, then as a parked copy re-driven under
    // a new id: processed_events stops the first, the read model's as_of the second.
    const redriven = { ...promotion.envelope, id: randomUUID() };
    await producer.send({
      topic: kafkaTopic('accounts.events'),
      messages: [promotion.envelope, redriven].map((e) => ({ key: admin.userId, value: JSON.stringify(e) })),
    });
    await catalogConsumed(redriven.id);
    const price = paths.find((p) => p.name === 'catalog: setVariantPrice')!;
    const archived = paths.find((p) => p.name === 'catalog: an archived product by id')!;
    for (const path of [price, archived]) {
      expect([path.name, outcome(path, await path.run(w, admin.accessToken))]).toEqual([path.name, refusal(path)]);
    }
    expect((await sql('select active from catalog.admins where id = $1', [admin.userId]))[0]!.active).toBe(false);
  });
});
