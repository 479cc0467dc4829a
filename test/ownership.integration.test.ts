import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { closeDb, sql } from './support/db';
import { errorCodes, gql, ok } from './support/graphql';
import { createVendor, register, type Session } from './support/users';
import { createProduct, productInput } from './support/catalog';
import {
  adjustStockTarget,
  confirmedOrderTarget,
  confirmedPartTarget,
  deliveredOrderTarget,
  filledCartTarget,
  nearExpiryTarget,
  receiveBatchTarget,
  returnRequestedTarget,
  skuTarget,
} from './support/commerce-targets';

/**
 * Every mutation of every subgraph, called by someone it does not belong to: a rival
 * (another vendor or another customer, as fits) and a customer where it needs a vendor
 * or an admin. Each must answer with its documented code and leave the target rows
 * and the subgraph's outbox as they were. The mutation list comes from the composed
 * supergraph, so a mutation without an entry here (a new subgraph's, say) fails the test.
 *
 * Other suites write to the same database at the same time: the outbox is compared
 * per aggregate (the target's key, or rows naming its vendor), not as a whole table.
 */

afterAll(closeDb);

interface People {
  /** A vendor with products, and a customer with an address: the owners. */
  vendor: Session;
  customer: Session;
  /** Someone else of the same kind. */
  rivalVendor: Session;
  rivalCustomer: Session;
}

type Caller = keyof People;

interface Target {
  variables: Record<string, unknown>;
  /** The rows the mutation would change and the subgraph's events about them. */
  watch(): Promise<unknown>;
}

interface Checked {
  subgraph: 'accounts' | 'catalog' | 'inventory' | 'orders';
  mutation: string;
  target(p: People): Promise<Target>;
  /** Who tries it, and the code they must get. */
  callers: Partial<Record<Caller, 'FORBIDDEN' | 'NOT_FOUND'>>;
  /** Why a code other than FORBIDDEN, or why no rival is tried. */
  note?: string;
  /** Who may do it, when not the subgraph's usual owner (catalog, inventory and setShop: the vendor; otherwise the customer). */
  owner?: Caller;
}

interface Exempt {
  exempt: string;
}

const ADDRESS = {
  label: 'Nhà',
  recipientName: 'Lê Thị Hoa',
  phone: '0987654321',
  line1: '12 Lý Thường Kiệt',
  ward: 'Hàng Bài',
  district: 'Hoàn Kiếm',
  city: 'Hà Nội',
};
const tag = () => randomUUID().slice(0, 8).toUpperCase();

const userRows = (userId: string) => async () => ({
  user: await sql('select * from accounts.users where id = $1', [userId]),
  addresses: await sql('select * from accounts.addresses where user_id = $1 order by id', [userId]),
  shop: await sql('select * from accounts.shops where user_id = $1', [userId]),
  outbox: await sql('select id from accounts.outbox where key = $1 order by seq', [userId]),
});

const productRows = (productId: string) => async () => ({
  product: await sql('select * from catalog.products where id = $1', [productId]),
  variants: await sql('select * from catalog.variants where product_id = $1 order by sku', [productId]),
  outbox: await sql('select id from catalog.outbox where key = $1 order by seq', [productId]),
});

/** A target address of the customer: the same for every address mutation. */
async function customersAddress(p: People): Promise<Target> {
  const address = (
    await ok('mutation($i: AddressInput!) { addAddress(input: $i) { id } }', { i: ADDRESS }, { token: p.customer.accessToken })
  ).addAddress;
  await ok(
    'mutation($i: AddressInput!) { addAddress(input: $i) { id } }',
    { i: { ...ADDRESS, label: 'Công ty' } },
    { token: p.customer.accessToken },
  );
  return { variables: { id: address.id, input: { ...ADDRESS, label: 'Chiếm' } }, watch: userRows(p.customer.userId) };
}

/** A target product of the vendor, with two variants (so removing one would be allowed to its owner). */
async function vendorsProduct(p: People, archived = false): Promise<{ id: string; skus: string[]; watch: () => Promise<unknown> }> {
  const product = await createProduct(p.vendor);
  if (archived) await ok('mutation($id: ID!) { archiveProduct(id: $id) { id } }', { id: product.id }, { token: p.vendor.accessToken });
  return { id: product.id, skus: product.variants.map((v) => v.sku), watch: productRows(product.id) };
}

const vendorOnly = { rivalVendor: 'FORBIDDEN', customer: 'FORBIDDEN' } as const;
const NOT_FOUND_NOTE = "another user's address reads as not found: the answer does not reveal that it exists";
/** Orders answers NOT_FOUND for an order (or part) the caller may not read, on purpose. */
const notTheirs = { rivalCustomer: 'NOT_FOUND', rivalVendor: 'NOT_FOUND' } as const;
const ORDER_NOT_FOUND_NOTE =
  'an order the caller may not read (another customer’s; a vendor never reads the order itself) is not found: the answer does not reveal that it exists';
const CART_EXEMPT = 'acts only on the caller’s own cart (or the guest cart whose token, the credential, it is given): it takes no cart id';

const table: Record<string, Checked | Exempt> = {
  // accounts
  register: { exempt: 'public sign-up: creates a new account and acts on nobody else’s data' },
  login: { exempt: 'proves identity with email and password; acts on no existing data' },
  refreshToken: { exempt: 'the refresh token is the credential itself: holding it is the ownership check' },
  logout: { exempt: 'the refresh token is the credential itself: holding it is the ownership check' },
  updateProfile: { exempt: 'acts only on the caller’s own user row: it takes no id to aim at anyone else' },
  addAddress: { exempt: 'adds to the caller’s own address book: it takes no user id' },
  updateAddress: {
    subgraph: 'accounts',
    mutation: 'mutation($id: ID!, $input: AddressInput!) { updateAddress(id: $id, input: $input) { id } }',
    target: customersAddress,
    callers: { rivalCustomer: 'NOT_FOUND', rivalVendor: 'NOT_FOUND' },
    note: NOT_FOUND_NOTE,
  },
  deleteAddress: {
    subgraph: 'accounts',
    mutation: 'mutation($id: ID!) { deleteAddress(id: $id) }',
    target: customersAddress,
    callers: { rivalCustomer: 'NOT_FOUND', rivalVendor: 'NOT_FOUND' },
    note: NOT_FOUND_NOTE,
  },
  setDefaultAddress: {
    subgraph: 'accounts',
    mutation: 'mutation($id: ID!) { setDefaultAddress(id: $id) { id } }',
    target: customersAddress,
    callers: { rivalCustomer: 'NOT_FOUND', rivalVendor: 'NOT_FOUND' },
    note: NOT_FOUND_NOTE,
  },
  changeUserRole: {
    subgraph: 'accounts',
    mutation: 'mutation($userId: ID!, $role: Role!) { changeUserRole(userId: $userId, role: $role) { id } }',
    target: async (p) => ({ variables: { userId: p.customer.userId, role: 'ADMIN' }, watch: userRows(p.customer.userId) }),
    callers: { customer: 'FORBIDDEN', rivalCustomer: 'FORBIDDEN', vendor: 'FORBIDDEN' },
  },
  setShop: {
    subgraph: 'accounts',
    mutation: 'mutation($input: ShopInput!) { setShop(input: $input) { id } }',
    // The vendor's shop must not change, and the customer must not get one.
    target: async (p) => ({
      variables: { input: { name: `Cướp Tên ${tag()}` } },
      watch: async () => [await userRows(p.vendor.userId)(), await userRows(p.customer.userId)()],
    }),
    callers: { customer: 'FORBIDDEN' },
    note: 'acts on the caller’s own shop only (no id to aim at a rival’s); a customer has no shop',
  },
  // catalog
  createProduct: {
    subgraph: 'catalog',
    mutation: 'mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }',
    target: async (p) => ({
      variables: { i: await productInput({ vendorId: p.vendor.userId }) },
      watch: async () => ({
        products: await sql('select id from catalog.products where vendor_id = $1 order by id', [p.vendor.userId]),
        outbox: await sql("select id from catalog.outbox where envelope->'data'->>'vendorId' = $1 order by seq", [p.vendor.userId]),
      }),
    }),
    callers: vendorOnly,
  },
  updateProduct: {
    subgraph: 'catalog',
    mutation: 'mutation($id: ID!) { updateProduct(id: $id, input: { nameVi: "Tên bị đổi" }) { id } }',
    target: async (p) => {
      const t = await vendorsProduct(p);
      return { variables: { id: t.id }, watch: t.watch };
    },
    callers: vendorOnly,
  },
  archiveProduct: {
    subgraph: 'catalog',
    mutation: 'mutation($id: ID!) { archiveProduct(id: $id) { id } }',
    target: async (p) => {
      const t = await vendorsProduct(p);
      return { variables: { id: t.id }, watch: t.watch };
    },
    callers: vendorOnly,
  },
  unarchiveProduct: {
    subgraph: 'catalog',
    mutation: 'mutation($id: ID!) { unarchiveProduct(id: $id) { id } }',
    target: async (p) => {
      const t = await vendorsProduct(p, true);
      return { variables: { id: t.id }, watch: t.watch };
    },
    callers: vendorOnly,
  },
  setVariantPrice: {
    subgraph: 'catalog',
    mutation: 'mutation($sku: String!) { setVariantPrice(sku: $sku, priceVnd: 1) { sku } }',
    target: async (p) => {
      const t = await vendorsProduct(p);
      return { variables: { sku: t.skus[0] }, watch: t.watch };
    },
    callers: vendorOnly,
  },
  addVariant: {
    subgraph: 'catalog',
    mutation: 'mutation($id: ID!, $i: VariantInput!) { addVariant(productId: $id, input: $i) { sku } }',
    target: async (p) => {
      const t = await vendorsProduct(p);
      return { variables: { id: t.id, i: { sku: `TEST-OWN-${tag()}`, unitVi: '2 kg', priceVnd: 1000 } }, watch: t.watch };
    },
    callers: vendorOnly,
  },
  removeVariant: {
    subgraph: 'catalog',
    mutation: 'mutation($sku: String!) { removeVariant(sku: $sku) { id } }',
    target: async (p) => {
      const t = await vendorsProduct(p);
      return { variables: { sku: t.skus[0] }, watch: t.watch };
    },
    callers: vendorOnly,
  },
  // inventory: the SKU's vendor (from catalog's facts) or an admin
  receiveBatch: {
    subgraph: 'inventory',
    mutation: 'mutation($i: ReceiveBatchInput!) { receiveBatch(input: $i) { id } }',
    target: receiveBatchTarget,
    callers: vendorOnly,
  },
  adjustStock: {
    subgraph: 'inventory',
    mutation: 'mutation($i: AdjustStockInput!) { adjustStock(input: $i) { __typename } }',
    target: adjustStockTarget,
    callers: vendorOnly,
  },
  setLowStockThreshold: {
    subgraph: 'inventory',
    mutation: 'mutation($sku: String!) { setLowStockThreshold(sku: $sku, threshold: 40) { sku } }',
    target: skuTarget,
    callers: vendorOnly,
  },
  setNearExpiryThreshold: {
    subgraph: 'inventory',
    mutation: 'mutation($i: NearExpiryThresholdInput!) { setNearExpiryThreshold(input: $i) { sku days } }',
    target: nearExpiryTarget,
    callers: vendorOnly,
  },
  setSubstitutes: {
    subgraph: 'inventory',
    mutation: 'mutation($sku: String!, $alternatives: [String!]!) { setSubstitutes(sku: $sku, alternatives: $alternatives) { sku } }',
    target: skuTarget,
    callers: vendorOnly,
  },
  // orders: customers own their carts and orders, vendors their order parts
  createCart: { exempt: 'starts a new guest cart (or returns the caller’s own): acts on nobody else’s data' },
  addToCart: { exempt: CART_EXEMPT },
  updateCartLine: { exempt: CART_EXEMPT },
  removeCartLine: { exempt: CART_EXEMPT },
  placeOrder: {
    subgraph: 'orders',
    mutation: 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { __typename } }',
    target: filledCartTarget,
    callers: notTheirs,
    note: 'another customer’s cart is not found: the answer does not reveal that it exists (vendors may shop too, so the rival vendor meets the same)',
  },
  cancelOrder: {
    subgraph: 'orders',
    mutation: 'mutation($id: ID!) { cancelOrder(id: $id, reason: "Không phải của tôi") { status } }',
    target: confirmedOrderTarget,
    callers: { ...notTheirs, vendor: 'NOT_FOUND' },
    note: ORDER_NOT_FOUND_NOTE,
  },
  requestReturn: {
    subgraph: 'orders',
    mutation: 'mutation($id: ID!) { requestReturn(id: $id, reason: "Không phải của tôi") { status } }',
    target: deliveredOrderTarget,
    callers: { ...notTheirs, vendor: 'NOT_FOUND' },
    note: ORDER_NOT_FOUND_NOTE,
  },
  resolveReturn: {
    subgraph: 'orders',
    mutation: 'mutation($id: ID!) { resolveReturn(id: $id, accept: true) { status } }',
    target: returnRequestedTarget,
    callers: { ...notTheirs, customer: 'NOT_FOUND' },
    note: 'only a vendor with a part in the order (or an admin) decides; to anyone else the order is not found',
    owner: 'vendor',
  },
  advanceOrderPart: {
    subgraph: 'orders',
    mutation: 'mutation($p: ID!, $s: OrderPartStatus!) { advanceOrderPart(partId: $p, status: $s) { status } }',
    target: confirmedPartTarget,
    callers: { rivalVendor: 'NOT_FOUND', customer: 'NOT_FOUND' },
    note: 'another vendor’s part (and any part, to a customer) is not found: the answer does not reveal that it exists',
    owner: 'vendor',
  },
};

/** Mutation fields of the composed supergraph: what every subgraph offers. */
function supergraphMutations(): string[] {
  const sdl = fs.readFileSync(path.join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8');
  const mutation = parse(sdl).definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation',
  );
  return (mutation?.fields ?? []).map((f) => f.name.value).sort();
}

describe('ownership of every mutation', () => {
  let people: People;

  beforeAll(async () => {
    const [vendor, rivalVendor] = [await createVendor('Chủ Hàng'), await createVendor('Đối Thủ')];
    people = { vendor, rivalVendor, customer: await register('Chủ Nhà'), rivalCustomer: await register('Hàng Xóm') };
  });

  it('has an entry for every mutation in the supergraph, and none for a mutation that is gone', () => {
    const mutations = supergraphMutations();
    expect(mutations.length).toBeGreaterThan(10);
    expect(mutations.filter((m) => !(m in table))).toEqual([]);
    expect(Object.keys(table).filter((m) => !mutations.includes(m))).toEqual([]);
    for (const [name, entry] of Object.entries(table)) {
      if ('exempt' in entry) expect([name, entry.exempt.length]).toEqual([name, expect.any(Number)]);
      else expect([name, Object.keys(entry.callers).length]).not.toEqual([name, 0]);
    }
  });

  const checked = Object.entries(table).flatMap(([name, entry]) =>
    'exempt' in entry ? [] : Object.entries(entry.callers).map(([caller, code]) => [name, caller, code, entry] as const),
  );

  it.each(checked)('%s by the %s: %s, nothing written', async (name, caller, code, entry) => {
    const target = await entry.target(people);
    const before = await target.watch();
    const res = await gql(entry.mutation, target.variables, { token: people[caller as Caller].accessToken });
    expect([name, caller, errorCodes(res)]).toEqual([name, caller, [code]]);
    expect(await target.watch()).toEqual(before);
  });

  it('lets the owners themselves do the same (the table is not refusing everyone)', async () => {
    for (const [name, entry] of Object.entries(table)) {
      if ('exempt' in entry || name === 'changeUserRole') continue; // admin-only: the demotion test runs it as an admin
      const target = await entry.target(people);
      const owner =
        people[entry.owner ?? (['catalog', 'inventory'].includes(entry.subgraph) || name === 'setShop' ? 'vendor' : 'customer')];
      const res = await gql(entry.mutation, target.variables, { token: owner.accessToken });
      expect([name, res.errors ?? null]).toEqual([name, null]);
    }
  });
});
