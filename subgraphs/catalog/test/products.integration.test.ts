import { randomUUID } from 'node:crypto';
import { closeDb, sql } from '../../../test/support/db';
import { errorCodes, eventually, gql, metric, ok, subgraphUrl } from '../../../test/support/graphql';
import { asRouter } from '../../../test/support/router-credential';
import { createVendor, loginAdmin, register, type Session } from '../../../test/support/users';
import { setShop } from '../../../test/support/catalog';

afterAll(closeDb);

const CREATE = 'mutation($i: CreateProductInput!) { createProduct(input: $i) { id slug status vendor { id } variants { sku priceVnd } } }';

let vendor: Session;
let categoryId: string;
let shopName: string;

beforeAll(async () => {
  vendor = await createVendor('Vựa Rau Củ Chi');
  // Shop names are unique across runs too: each run names its own shop.
  shopName = (await setShop(vendor, `Vựa Rau Củ Chi ${randomUUID().slice(0, 8)}`)).name;
  const cats = await ok('{ categories { id slug children { id slug } } }');
  categoryId = cats.categories[0].children[0].id;
});

/** A product input unique to this test (SKU and slug from a random suffix). */
function productInput(overrides: Record<string, unknown> = {}) {
  const tag = randomUUID().slice(0, 8).toUpperCase();
  return {
    categoryId,
    nameVi: `Rau muống Củ Chi ${tag}`,
    nameEn: `Củ Chi water spinach ${tag}`,
    descriptionVi: 'Rau muống tươi hái trong ngày.',
    descriptionEn: 'Water spinach picked the same morning.',
    perishable: true,
    shelfLifeDays: 3,
    variants: [
      { sku: `TEST-RAU-${tag}-500G`, unitVi: 'bó 500 g', unitEn: '500 g bunch', priceVnd: 15000 },
      { sku: `TEST-RAU-${tag}-1KG`, unitVi: '1 kg', priceVnd: 28000 },
    ],
    ...overrides,
  };
}

describe('a vendor creates a product', () => {
  it('shows it in the public listing in Vietnamese and in English', async () => {
    const input = productInput();
    const created = (await ok(CREATE, { i: input }, { token: vendor.accessToken })).createProduct;
    expect(created).toMatchObject({ status: 'ACTIVE', vendor: { id: vendor.userId } });

    const listing = `query($f: ProductFilter) { products(first: 5, filter: $f) { edges { node {
      id name nameVi: name(locale: VI) nameEn: name(locale: EN) description variants { unit } vendor { name } } } } }`;
    const filter = { f: { vendorId: vendor.userId, search: input.nameVi.split(' ').at(-1) } };
    const vi = (await ok(listing, filter, { headers: { 'accept-language': 'vi-VN,vi;q=0.9' } })).products.edges;
    expect(vi.map((e: any) => e.node.id)).toEqual([created.id]);
    expect(vi[0].node).toMatchObject({ name: input.nameVi, description: input.descriptionVi, vendor: { name: shopName } });
    expect(vi[0].node.variants.map((v: any) => v.unit)).toEqual(['bó 500 g', '1 kg']);

    const en = (await ok(listing, filter, { headers: { 'accept-language': 'en-US,en;q=0.8' } })).products.edges[0].node;
    expect(en).toMatchObject({ name: input.nameEn, description: input.descriptionEn, nameVi: input.nameVi, nameEn: input.nameEn });
    // The 1 kg variant has no English unit: it falls back to Vietnamese.
    expect(en.variants.map((v: any) => v.unit)).toEqual(['500 g bunch', '1 kg']);
  });

  it('records ProductCreated in the outbox and the relay publishes it', async () => {
    const created = (await ok(CREATE, { i: productInput() }, { token: vendor.accessToken })).createProduct;
    const row = await eventually(
      async () => {
        const [r] = await sql("select envelope, published_at from catalog.outbox where key = $1 and type = 'ProductCreated'", [created.id]);
        return r?.published_at ? r : undefined;
      },
      10_000,
      'the relay to publish ProductCreated',
    );
    expect(row.envelope.data).toMatchObject({ productId: created.id, vendorId: vendor.userId, variants: expect.any(Array) });
  });

  it('lets the owner change a price and publishes VariantPriceChanged', async () => {
    const created = (await ok(CREATE, { i: productInput() }, { token: vendor.accessToken })).createProduct;
    const sku = created.variants[0].sku;
    const res = await ok(
      'mutation($s: String!) { setVariantPrice(sku: $s, priceVnd: 17500) { sku priceVnd } }',
      { s: sku },
      { token: vendor.accessToken },
    );
    expect(res.setVariantPrice).toEqual({ sku, priceVnd: 17500 });
    const events = await sql("select envelope from catalog.outbox where key = $1 and type = 'VariantPriceChanged'", [created.id]);
    expect(events.map((e) => e.envelope.data)).toEqual([{ productId: created.id, sku, previousPriceVnd: 15000, priceVnd: 17500 }]);
  });

  it('archives a product: gone from the listing, still visible to its vendor', async () => {
    const created = (await ok(CREATE, { i: productInput() }, { token: vendor.accessToken })).createProduct;
    await ok('mutation($id: ID!) { archiveProduct(id: $id) { status } }', { id: created.id }, { token: vendor.accessToken });
    const listed = (
      await ok('query($v: ID) { products(first: 100, filter: { vendorId: $v }) { edges { node { id } } } }', { v: vendor.userId })
    ).products.edges;
    expect(listed.map((e: any) => e.node.id)).not.toContain(created.id);
    expect((await ok('query($id: ID) { product(id: $id) { id } }', { id: created.id })).product).toBeNull();
    expect(
      (await ok('query($id: ID) { product(id: $id) { status } }', { id: created.id }, { token: vendor.accessToken })).product.status,
    ).toBe('ARCHIVED');
  });
});

describe('authorization and validation', () => {
  it('refuses a customer with FORBIDDEN and writes nothing', async () => {
    const customer = await register();
    const input = productInput();
    const res = await gql(CREATE, { i: input }, { token: customer.accessToken });
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    expect(await sql('select 1 from catalog.variants where sku = $1', [input.variants[0]!.sku])).toHaveLength(0);
    expect(await sql('select 1 from catalog.products where name_vi = $1', [input.nameVi])).toHaveLength(0);
  });

  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    expect(errorCodes(await gql(CREATE, { i: productInput() }))).toEqual(['UNAUTHENTICATED']);
  });

  it('rejects bad input with BAD_USER_INPUT and writes nothing', async () => {
    // Every value here is one the database itself would store: only validation stops it.
    const tag = randomUUID().slice(0, 8).toUpperCase();
    const input = productInput({
      nameVi: `Tên ${tag}`,
      descriptionVi: ' ',
      perishable: false,
      shelfLifeDays: 30,
      variants: [
        { sku: `TEST-OK-${tag}`, unitVi: '1 kg', priceVnd: 2_000_000_000 },
        { sku: `TEST-OK-${tag}`, unitVi: '2 kg', priceVnd: 1000, barcode: '8930000000000' },
      ],
    });
    const res = await gql(CREATE, { i: input }, { token: vendor.accessToken });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    const paths = (res.errors![0]!.extensions!.problems as { path: string }[]).map((p) => p.path).sort();
    expect(paths).toEqual(['descriptionVi', 'shelfLifeDays', 'variants', 'variants.0.priceVnd', 'variants.1.barcode']);
    expect(await sql('select 1 from catalog.variants where sku = $1', [`TEST-OK-${tag}`])).toHaveLength(0);
    expect(await sql('select 1 from catalog.products where name_vi = $1', [input.nameVi])).toHaveLength(0);
  });

  it('refuses a duplicate SKU with CONFLICT and keeps the first product intact', async () => {
    const first = productInput();
    await ok(CREATE, { i: first }, { token: vendor.accessToken });
    const copy = productInput({ variants: [first.variants[0]] });
    expect(errorCodes(await gql(CREATE, { i: copy }, { token: vendor.accessToken }))).toEqual(['CONFLICT']);
    expect(await sql('select 1 from catalog.products where name_vi = $1', [copy.nameVi])).toHaveLength(0);
  });

  it("refuses another vendor's update with FORBIDDEN; an admin may update", async () => {
    const created = (await ok(CREATE, { i: productInput() }, { token: vendor.accessToken })).createProduct;
    const rival = await createVendor('Đối Thủ Mart');
    const update = 'mutation($id: ID!, $n: String!) { updateProduct(id: $id, input: { nameVi: $n }) { name(locale: VI) } }';
    expect(errorCodes(await gql(update, { id: created.id, n: 'Tên giả' }, { token: rival.accessToken }))).toEqual(['FORBIDDEN']);
    expect((await sql('select name_vi from catalog.products where id = $1', [created.id]))[0]!.name_vi).not.toBe('Tên giả');
    const admin = await loginAdmin();
    expect((await ok(update, { id: created.id, n: 'Rau muống sạch' }, { token: admin.accessToken })).updateProduct.name).toBe(
      'Rau muống sạch',
    );
  });
});

describe('listing', () => {
  it('paginates with cursors without overlap, and filters by price range and category', async () => {
    const q =
      'query($a: String, $f: ProductFilter) { products(first: 7, after: $a, filter: $f) { edges { node { id minPriceVnd category { id parent { id } } } } pageInfo { hasNextPage endCursor } } }';
    const page1 = (await ok(q, {})).products;
    const page2 = (await ok(q, { a: page1.pageInfo.endCursor })).products;
    const ids = [...page1.edges, ...page2.edges].map((e: any) => e.node.id);
    expect(new Set(ids).size).toBe(14);

    // A product matches a price range when one of its variants lies inside it: both bounds count.
    const ranged = 'query($f: ProductFilter) { products(first: 100, filter: $f) { edges { node { id variants { priceVnd } } } } }';
    const inRange = (e: any) => e.node.variants.some((v: { priceVnd: number }) => v.priceVnd >= 10000 && v.priceVnd <= 20000);
    const cheap = (await ok(ranged, { f: { minPriceVnd: 10000, maxPriceVnd: 20000 } })).products.edges;
    expect(cheap.length).toBeGreaterThan(0);
    expect(cheap.filter((e: any) => !inRange(e))).toEqual([]);
    // Products on either side of the range, one straddling it with no variant inside, and one inside.
    const priced = async (...prices: number[]) => {
      const tag = randomUUID().slice(0, 8).toUpperCase();
      const variants = prices.map((priceVnd, i) => ({ sku: `TEST-RANGE-${tag}-${i}`, unitVi: `${i + 1} kg`, priceVnd }));
      return (await ok(CREATE, { i: productInput({ variants }) }, { token: vendor.accessToken })).createProduct.id as string;
    };
    const below = await priced(9999);
    const above = await priced(20001);
    const straddling = await priced(5000, 25000);
    const inside = await priced(5000, 20000);
    const atLow = await priced(10000);
    const mine = (await ok(ranged, { f: { vendorId: vendor.userId, minPriceVnd: 10000, maxPriceVnd: 20000 } })).products.edges.map(
      (e: any) => e.node.id,
    );
    expect(mine).toEqual(expect.arrayContaining([inside, atLow]));
    for (const outside of [below, above, straddling]) expect(mine).not.toContain(outside);
    const onlyMin = (await ok(ranged, { f: { vendorId: vendor.userId, minPriceVnd: 10000 } })).products.edges.map((e: any) => e.node.id);
    expect(onlyMin).toEqual(expect.arrayContaining([above, straddling, inside, atLow]));
    expect(onlyMin).not.toContain(below);
    const onlyMax = (await ok(ranged, { f: { vendorId: vendor.userId, maxPriceVnd: 20000 } })).products.edges.map((e: any) => e.node.id);
    expect(onlyMax).toEqual(expect.arrayContaining([below, straddling, inside, atLow]));
    expect(onlyMax).not.toContain(above);

    const top = (await ok('{ categories { id } }')).categories[0].id;
    const inTop = (await ok(q, { f: { categoryId: top } })).products.edges;
    expect(inTop.length).toBeGreaterThan(0);
    for (const e of inTop) expect([e.node.category.id, e.node.category.parent?.id]).toContain(top);

    const bad = await gql(q, { a: 'not-a-cursor' });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await gql(q, { f: { minPriceVnd: 5000, maxPriceVnd: 1000 } }))).toEqual(['BAD_USER_INPUT']);
  });

  it("resolves a page of products with their vendors' names in one batched _entities call to accounts", async () => {
    const before = {
      entities: await metric('accounts', 'basket_graphql_requests_total', { service: 'accounts', operation: '_entities' }),
      batches: await metric('accounts', 'basket_dataloader_batches_total', { service: 'accounts', loader: 'user' }),
    };
    const data = await ok('{ products(first: 40) { edges { node { id vendor { id name } } } } }');
    const vendorIds = new Set(data.products.edges.map((e: any) => e.node.vendor.id));
    expect(data.products.edges).toHaveLength(40);
    expect(data.products.edges.every((e: any) => typeof e.node.vendor.name === 'string' && e.node.vendor.name.length > 0)).toBe(true);
    expect(vendorIds.size).toBeGreaterThanOrEqual(2);
    const after = {
      entities: await metric('accounts', 'basket_graphql_requests_total', { service: 'accounts', operation: '_entities' }),
      batches: await metric('accounts', 'basket_dataloader_batches_total', { service: 'accounts', loader: 'user' }),
    };
    // 40 products, several vendors: one _entities request and one SQL batch, not one per product.
    expect(after.entities - before.entities).toBe(1);
    expect(after.batches - before.batches).toBe(1);
  });
});

describe('tampered cursors', () => {
  const forge = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
  const cursors = [
    forge(['2026-01-01T00:00:00.000Z', 'not-a-uuid']),
    forge(['2026-01-01T00:00:00.000Z', `${randomUUID()}\u0000`]),
    forge(['+275760-09-13T00:00:00.000Z', randomUUID()]),
    forge(['2026-02-30T00:00:00.000Z', randomUUID()]),
    forge([{ $gt: 1 }, randomUUID()]),
    forge(['2026-01-01T00:00:00.000Z']),
    'A'.repeat(5000),
  ];

  it('answers every list with BAD_USER_INPUT, never a database error', async () => {
    const lists = [
      'query($a: String) { products(after: $a) { edges { cursor } } }',
      'query($a: String) { myProducts(after: $a) { edges { cursor } } }',
      'query($a: String, $v: ID!) { _: vendor(id: $v) { products(after: $a) { edges { cursor } } } }',
    ];
    const admin = await loginAdmin();
    for (const after of cursors) {
      for (const query of lists) {
        const res = await gql(query, { a: after, v: vendor.userId }, { token: vendor.accessToken });
        expect([query, errorCodes(res)]).toEqual([query, ['BAD_USER_INPUT']]);
      }
      const users = await gql('query($a: String) { users(after: $a) { edges { cursor } } }', { a: after }, { token: admin.accessToken });
      expect(errorCodes(users)).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('cursor pagination at the database clock resolution', () => {
  it('skips no product when several were created within the same millisecond', async () => {
    // Products of a vendor nobody else uses, inserted with sub-millisecond timestamps that a
    // JavaScript Date (and so a cursor) cannot tell apart.
    const vendorId = randomUUID();
    // Only active vendors' products are listed: the read model learns of this one as if from accounts.
    await sql('insert into catalog.vendors (id, name, active) values ($1, $2, true)', [vendorId, 'Đồng Hồ Shop']);
    const stamps = [
      '2020-01-01 00:00:00.123456+00',
      '2020-01-01 00:00:00.123789+00',
      '2020-01-01 00:00:00.123100+00',
      '2020-01-01 00:00:00.122999+00',
    ];
    const ids: string[] = [];
    for (const [i, stamp] of stamps.entries()) {
      const [row] = await sql(
        `insert into catalog.products (vendor_id, category_id, slug, name_vi, description_vi, created_at, updated_at)
         values ($1, $2, $3, $4, 'mô tả', $5, $5) returning id`,
        [vendorId, categoryId, `clock-${vendorId}-${i}`, `Đồng hồ ${i}`, stamp],
      );
      ids.push(row!.id);
      await sql('insert into catalog.variants (sku, product_id, unit_vi, price_vnd) values ($1, $2, $3, 1000)', [
        `CLOCK-${vendorId.slice(0, 8)}-${i}`,
        row!.id,
        '1 cái',
      ]);
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (
        await ok(
          'query($v: ID, $a: String) { products(first: 1, after: $a, filter: { vendorId: $v }) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
          { v: vendorId, a: after },
        )
      ).products;
      seen.push(...page.edges.map((e: any) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.sort()).toEqual([...ids].sort());
  });
});

describe('visibility is the same on every path', () => {
  const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id status } ... on Variant { sku } } }';

  it('hides an archived product from variant(sku) and from _entities, except to its vendor', async () => {
    const created = (await ok(CREATE, { i: productInput() }, { token: vendor.accessToken })).createProduct;
    const sku = created.variants[0].sku;
    await ok('mutation($id: ID!) { archiveProduct(id: $id) { id } }', { id: created.id }, { token: vendor.accessToken });
    expect((await ok('query($s: String!) { variant(sku: $s) { sku product { status } } }', { s: sku })).variant).toBeNull();
    expect(
      (await ok('query($s: String!) { variant(sku: $s) { product { status } } }', { s: sku }, { token: vendor.accessToken })).variant
        .product.status,
    ).toBe('ARCHIVED');
    // Reached directly, the subgraph applies the same rule to entity lookups.
    const reps = {
      r: [
        { __typename: 'Product', id: created.id },
        { __typename: 'Variant', sku },
      ],
    };
    expect((await ok(ENTITIES, reps, { url: subgraphUrl('catalog'), headers: await asRouter('catalog') }))._entities).toEqual([null, null]);
    expect(
      (await ok(ENTITIES, reps, { url: subgraphUrl('catalog'), headers: await asRouter('catalog', { token: vendor.accessToken }) }))
        ._entities,
    ).toEqual([{ id: created.id, status: 'ARCHIVED' }, { sku }]);
  });

  it('answers malformed entity keys with null, not a database error', async () => {
    const res = await ok(
      ENTITIES,
      { r: [{ __typename: 'Product', id: 'not-a-uuid' }] },
      { url: subgraphUrl('catalog'), headers: await asRouter('catalog') },
    );
    expect(res._entities).toEqual([null]);
  });

  it("takes a demoted vendor's products off sale and refuses their still-valid VENDOR token", async () => {
    const seller = await createVendor('Sạp Bị Khóa');
    const created = (await ok(CREATE, { i: productInput() }, { token: seller.accessToken })).createProduct;
    const admin = await loginAdmin();
    await ok(
      'mutation($id: ID!) { changeUserRole(userId: $id, role: CUSTOMER) { id } }',
      { id: seller.userId },
      { token: admin.accessToken },
    );
    await eventually(
      async () => (await ok('query($id: ID) { product(id: $id) { id } }', { id: created.id })).product === null,
      20_000,
      'the product to go off sale',
    );
    const listed = (await ok('query($v: ID) { products(filter: { vendorId: $v }) { edges { node { id } } } }', { v: seller.userId }))
      .products.edges;
    expect(listed).toEqual([]);
    const price = await gql(
      'mutation($s: String!) { setVariantPrice(sku: $s, priceVnd: 1000) { priceVnd } }',
      { s: created.variants[0].sku },
      { token: seller.accessToken },
    );
    expect(errorCodes(price)).toEqual(['FORBIDDEN']);
    expect((await sql('select price_vnd from catalog.variants where sku = $1', [created.variants[0].sku]))[0]!.price_vnd).toBe(15000);
  });
});

describe('query limits at the router', () => {
  it('rejects a query nested past the depth limit before running it', async () => {
    const deep =
      '{ categories { children { parent { children { parent { children { parent { children { parent { children { id } } } } } } } } } } }';
    const res = await gql(deep);
    expect(errorCodes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.errors![0]!.message).toMatch(/depth limit of 10 exceeded/);
  });

  it('rejects an operation repeating a field through many aliases', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: categories { id }`).join(' ');
    expect(errorCodes(await gql(`{ ${aliases} }`))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('concurrent creation', () => {
  it('lets exactly one of several racing creates with the same SKU win; the rest get CONFLICT', async () => {
    const input = productInput();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => gql(CREATE, { i: { ...input, nameVi: `${input.nameVi} ${i}` } }, { token: vendor.accessToken })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap(errorCodes).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT']);
    expect(await sql('select 1 from catalog.variants where sku = $1', [input.variants[0]!.sku])).toHaveLength(1);
  });

  it("reports a barcode clash without naming another vendor's SKU", async () => {
    const barcode = `893${String(Date.now()).slice(-9)}`;
    const ean = barcode + String((10 - ([...barcode].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0) % 10)) % 10);
    const variant = (sku: string) => ({ sku, unitVi: '1 kg', priceVnd: 50000, barcode: ean });
    const mySku = `TEST-EAN-${randomUUID().slice(0, 8).toUpperCase()}`;
    await ok(CREATE, { i: productInput({ variants: [variant(mySku)] }) }, { token: vendor.accessToken });
    const rival = await createVendor('Hàng Xóm');
    const res = await gql(CREATE, { i: productInput({ variants: [variant(`${mySku}-B`)] }) }, { token: rival.accessToken });
    expect(errorCodes(res)).toEqual(['CONFLICT']);
    expect(res.errors![0]!.message).toContain(ean);
    expect(res.errors![0]!.message).not.toContain(`${mySku},`);
    expect(res.errors![0]!.message.split(': ')[1]).toBe(ean);
  });
});
