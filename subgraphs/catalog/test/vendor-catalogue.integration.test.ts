import { randomUUID } from 'node:crypto';
import { closeDb, sql } from '../../../test/support/db';
import { errorCodes, gql, ok } from '../../../test/support/graphql';
import { createVendor, loginAdmin, register, type Session } from '../../../test/support/users';
import { createProduct, freshEan13 } from '../../../test/support/catalog';

afterAll(closeDb);

const MINE =
  'query($s: ProductStatus, $f: Int, $a: String) { myProducts(status: $s, first: $f, after: $a) { edges { node { id status } } pageInfo { hasNextPage endCursor } } }';
const ARCHIVE = 'mutation($id: ID!) { archiveProduct(id: $id) { id status } }';
const UNARCHIVE = 'mutation($id: ID!) { unarchiveProduct(id: $id) { id status } }';
const ADD =
  'mutation($p: ID!, $i: VariantInput!) { addVariant(productId: $p, input: $i) { sku priceVnd barcode product { id variants { sku } } } }';
const REMOVE = 'mutation($s: String!) { removeVariant(sku: $s) { id variants { sku } } }';
const outbox = (productId: string, type: string) =>
  sql('select envelope from catalog.outbox where key = $1 and type = $2 order by seq', [productId, type]);

let vendor: Session;
beforeAll(async () => {
  vendor = await createVendor('Nông Trại Xanh');
});

describe('myProducts', () => {
  it("lists the vendor's own products, archived too, newest first, filtered by status and paginated", async () => {
    const a = await createProduct(vendor);
    const b = await createProduct(vendor);
    const c = await createProduct(vendor);
    await ok(ARCHIVE, { id: b.id }, { token: vendor.accessToken });
    const other = await createVendor('Hàng Bên Cạnh');
    const theirs = await createProduct(other);

    const all = (await ok(MINE, {}, { token: vendor.accessToken })).myProducts.edges.map((e: any) => e.node);
    expect(all).toEqual([
      { id: c.id, status: 'ACTIVE' },
      { id: b.id, status: 'ARCHIVED' },
      { id: a.id, status: 'ACTIVE' },
    ]);
    expect(all.map((p: any) => p.id)).not.toContain(theirs.id);
    expect((await ok(MINE, { s: 'ARCHIVED' }, { token: vendor.accessToken })).myProducts.edges.map((e: any) => e.node.id)).toEqual([b.id]);
    expect((await ok(MINE, { s: 'ACTIVE' }, { token: vendor.accessToken })).myProducts.edges.map((e: any) => e.node.id)).toEqual([
      c.id,
      a.id,
    ]);

    const page1 = (await ok(MINE, { f: 2 }, { token: vendor.accessToken })).myProducts;
    const page2 = (await ok(MINE, { f: 2, a: page1.pageInfo.endCursor }, { token: vendor.accessToken })).myProducts;
    expect([...page1.edges, ...page2.edges].map((e: any) => e.node.id)).toEqual([c.id, b.id, a.id]);
    expect([page1.pageInfo.hasNextPage, page2.pageInfo.hasNextPage]).toEqual([true, false]);
  });

  it('is empty for someone who never sold and needs a signed-in user', async () => {
    const customer = await register();
    expect((await ok(MINE, {}, { token: customer.accessToken })).myProducts.edges).toEqual([]);
    expect(errorCodes(await gql(MINE, {}))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('unarchiveProduct', () => {
  it('puts an archived product back on sale and publishes ProductUpdated', async () => {
    const p = await createProduct(vendor);
    await ok(ARCHIVE, { id: p.id }, { token: vendor.accessToken });
    expect((await ok(UNARCHIVE, { id: p.id }, { token: vendor.accessToken })).unarchiveProduct.status).toBe('ACTIVE');
    expect((await ok('query($id: ID) { product(id: $id) { status } }', { id: p.id })).product.status).toBe('ACTIVE');
    const events = (await outbox(p.id, 'ProductUpdated')).map((e) => e.envelope.data);
    expect(events).toEqual([
      { productId: p.id, vendorId: vendor.userId, status: 'ARCHIVED', changedFields: ['status'] },
      { productId: p.id, vendorId: vendor.userId, status: 'ACTIVE', changedFields: ['status'] },
    ]);
    // Already active: returned as it is, no event.
    await ok(UNARCHIVE, { id: p.id }, { token: vendor.accessToken });
    expect(await outbox(p.id, 'ProductUpdated')).toHaveLength(2);
  });
});

describe('variants', () => {
  it('adds a variant with VariantAdded, and removes one with VariantRemoved', async () => {
    const p = await createProduct(vendor);
    const sku = `TEST-ADD-${randomUUID().slice(0, 8).toUpperCase()}`;
    const barcode = freshEan13();
    const added = (
      await ok(ADD, { p: p.id, i: { sku: sku.toLowerCase(), unitVi: '2 kg', priceVnd: 65000, barcode } }, { token: vendor.accessToken })
    ).addVariant;
    expect(added).toMatchObject({ sku, priceVnd: 65000, barcode, product: { id: p.id } });
    expect(added.product.variants.map((v: any) => v.sku)).toEqual([...p.variants.map((v) => v.sku), sku]);
    expect((await outbox(p.id, 'VariantAdded')).map((e) => e.envelope.data)).toEqual([
      { productId: p.id, vendorId: vendor.userId, sku, unit: '2 kg', priceVnd: 65000, barcode },
    ]);

    const removed = (await ok(REMOVE, { s: p.variants[0]!.sku }, { token: vendor.accessToken })).removeVariant;
    expect(removed.variants.map((v: any) => v.sku)).toEqual([p.variants[1]!.sku, sku]);
    expect(await sql('select 1 from catalog.variants where sku = $1', [p.variants[0]!.sku])).toHaveLength(0);
    expect((await outbox(p.id, 'VariantRemoved')).map((e) => e.envelope.data)).toEqual([
      { productId: p.id, vendorId: vendor.userId, sku: p.variants[0]!.sku },
    ]);
  });

  it('refuses an SKU or barcode already in use with CONFLICT, naming only what the caller sent', async () => {
    const p = await createProduct(vendor);
    const other = await createVendor('Kho Khác');
    const theirs = await createProduct(other, {
      variants: [{ sku: `TEST-THEIRS-${randomUUID().slice(0, 8).toUpperCase()}`, unitVi: '1 kg', priceVnd: 1000, barcode: freshEan13() }],
    });
    const [theirRow] = await sql('select sku, barcode from catalog.variants where product_id = $1', [theirs.id]);
    const sameSku = await gql(ADD, { p: p.id, i: { sku: theirRow!.sku, unitVi: '5 kg', priceVnd: 9000 } }, { token: vendor.accessToken });
    expect(errorCodes(sameSku)).toEqual(['CONFLICT']);
    const mySku = `TEST-MINE-${randomUUID().slice(0, 8).toUpperCase()}`;
    const sameBarcode = await gql(
      ADD,
      { p: p.id, i: { sku: mySku, unitVi: '5 kg', priceVnd: 9000, barcode: theirRow!.barcode } },
      { token: vendor.accessToken },
    );
    expect(errorCodes(sameBarcode)).toEqual(['CONFLICT']);
    expect(sameBarcode.errors![0]!.message).not.toContain(theirRow!.sku);
    expect(await sql('select sku from catalog.variants where product_id = $1', [p.id])).toHaveLength(2);
    expect(await outbox(p.id, 'VariantAdded')).toHaveLength(0);
  });

  it('keeps at least one variant, also when two removals race', async () => {
    for (let round = 0; round < 5; round++) {
      const p = await createProduct(vendor);
      const results = await Promise.all(p.variants.map((v) => gql(REMOVE, { s: v.sku }, { token: vendor.accessToken })));
      expect(results.flatMap(errorCodes)).toEqual(['CONFLICT']);
      expect(await sql('select sku from catalog.variants where product_id = $1', [p.id])).toHaveLength(1);
      expect(await outbox(p.id, 'VariantRemoved')).toHaveLength(1);
    }
  });

  it('validates the variant and writes nothing', async () => {
    const p = await createProduct(vendor);
    const res = await gql(ADD, { p: p.id, i: { sku: 'x', unitVi: ' ', priceVnd: -1, barcode: '123' } }, { token: vendor.accessToken });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect((res.errors![0]!.extensions!.problems as { path: string }[]).map((x) => x.path).sort()).toEqual([
      'barcode',
      'priceVnd',
      'sku',
      'unitVi',
    ]);
    expect(await sql('select 1 from catalog.variants where product_id = $1', [p.id])).toHaveLength(2);
    expect(errorCodes(await gql(REMOVE, { s: 'NO-SUCH-SKU-AT-ALL' }, { token: vendor.accessToken }))).toEqual(['NOT_FOUND']);
  });

  it('lets an admin manage any vendor’s variants', async () => {
    const p = await createProduct(vendor);
    const admin = await loginAdmin();
    const sku = `TEST-ADM-${randomUUID().slice(0, 8).toUpperCase()}`;
    await ok(ADD, { p: p.id, i: { sku, unitVi: '3 kg', priceVnd: 90000 } }, { token: admin.accessToken });
    await ok(REMOVE, { s: sku }, { token: admin.accessToken });
    expect(await sql('select 1 from catalog.variants where product_id = $1', [p.id])).toHaveLength(2);
  });
});
