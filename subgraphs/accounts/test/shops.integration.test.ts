import { randomUUID } from 'node:crypto';
import { closeDb, sql } from '../../../test/support/db';
import { errorCodes, eventually, gql, ok } from '../../../test/support/graphql';
import { createVendor, loginAdmin, register } from '../../../test/support/users';
import { setShop } from '../../../test/support/catalog';

afterAll(closeDb);

const SET_SHOP = 'mutation($i: ShopInput!) { setShop(input: $i) { id name slug } }';
const VENDOR = 'query($id: ID, $s: String) { vendor(id: $id, slug: $s) { id name slug } }';
const tag = () => randomUUID().slice(0, 8);
const shopEvents = (userId: string) =>
  sql("select envelope from accounts.outbox where key = $1 and type = 'VendorShopChanged' order by seq", [userId]);

describe('a vendor gets a default shop on promotion', () => {
  it('named after the person when free, else with part of their id; never shared', async () => {
    const name = `Sạp Trái Cây ${tag()}`;
    const first = await createVendor(name);
    const second = await createVendor(name);
    const a = (await ok(VENDOR, { id: first.userId })).vendor;
    const b = (await ok(VENDOR, { id: second.userId })).vendor;
    expect(a.name).toBe(name);
    expect(b.name).toBe(`${name} ${second.userId.slice(0, 8)}`);
    expect(a.slug).not.toBe(b.slug);
    // The promotion fact names the shop, and the catalog's read model uses it.
    const [promotion] = await sql("select envelope from accounts.outbox where key = $1 and type = 'UserRoleChanged'", [second.userId]);
    expect(promotion!.envelope.data.shopName).toBe(b.name);
    expect((await sql('select name from catalog.vendors where id = $1', [second.userId]))[0]!.name).toBe(b.name);
  });
});

describe('setShop', () => {
  it('renames the shop, derives the slug, publishes VendorShopChanged and the catalog follows', async () => {
    const vendor = await createVendor('Bà Năm');
    const before = (await ok(VENDOR, { id: vendor.userId })).vendor.name;
    const name = `Tiệm Bánh Đà Lạt ${tag()}`;
    const shop = await setShop(vendor, `  ${name.replace(' ', '   ')} `);
    expect(shop).toEqual({ id: vendor.userId, name, slug: `tiem-banh-da-lat-${name.split(' ').at(-1)}` });
    expect((await ok(VENDOR, { s: shop.slug })).vendor).toEqual(shop);
    // The person keeps their own name; only the shop changed.
    expect((await ok('{ me { name } }', {}, { token: vendor.accessToken })).me.name).toBe('Bà Năm');
    const events = (await shopEvents(vendor.userId)).map((e) => e.envelope.data);
    expect(events).toEqual([{ userId: vendor.userId, shopName: name, slug: shop.slug, previousShopName: before }]);
    await eventually(
      async () => (await sql('select name from catalog.vendors where id = $1', [vendor.userId]))[0]!.name === name,
      10_000,
      'the catalog to rename the vendor',
    );
    // Setting the same name again is a no-op: no second event.
    await setShop(vendor, name);
    expect(await shopEvents(vendor.userId)).toHaveLength(1);
  });

  it('refuses a name or slug another shop has with CONFLICT, ignoring case and accents', async () => {
    const owner = await createVendor('Chủ Cũ');
    const rival = await createVendor('Người Mới');
    const name = `Chợ Quê ${tag()}`;
    await setShop(owner, name);
    const rivalBefore = (await ok(VENDOR, { id: rival.userId })).vendor;
    for (const clash of [
      name,
      name.toUpperCase(),
      name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace('Ch', 'ch'),
    ]) {
      expect(errorCodes(await gql(SET_SHOP, { i: { name: clash } }, { token: rival.accessToken }))).toEqual(['CONFLICT']);
    }
    expect((await ok(VENDOR, { id: rival.userId })).vendor).toEqual(rivalBefore);
    expect(await shopEvents(rival.userId)).toHaveLength(0);
  });

  it('lets exactly one of several vendors racing for one name have it', async () => {
    const vendors = await Promise.all([1, 2, 3, 4].map((i) => createVendor(`Đua ${i}`)));
    const name = `Cửa Hàng Đua ${tag()}`;
    const results = await Promise.all(vendors.map((v) => gql(SET_SHOP, { i: { name } }, { token: v.accessToken })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap(errorCodes).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    expect(await sql('select user_id from accounts.shops where lower(name) = lower($1)', [name])).toHaveLength(1);
  });

  it('is for vendors only: a customer and a demoted vendor with a still-valid token get FORBIDDEN', async () => {
    const customer = await register();
    expect(errorCodes(await gql(SET_SHOP, { i: { name: `Không Được ${tag()}` } }, { token: customer.accessToken }))).toEqual(['FORBIDDEN']);
    const vendor = await createVendor('Sắp Nghỉ');
    const admin = await loginAdmin();
    await ok(
      'mutation($id: ID!) { changeUserRole(userId: $id, role: CUSTOMER) { id } }',
      { id: vendor.userId },
      { token: admin.accessToken },
    );
    const name = `Đã Nghỉ ${tag()}`;
    expect(errorCodes(await gql(SET_SHOP, { i: { name } }, { token: vendor.accessToken }))).toEqual(['FORBIDDEN']);
    expect(await sql('select 1 from accounts.shops where name = $1', [name])).toHaveLength(0);
    // A former vendor keeps the shop (for a comeback) but is no longer a public vendor.
    expect((await ok(VENDOR, { id: vendor.userId })).vendor).toBeNull();
    expect((await ok(VENDOR, { id: vendor.userId }, { token: vendor.accessToken })).vendor.id).toBe(vendor.userId);
  });

  it('validates the name and writes nothing', async () => {
    const vendor = await createVendor('Kiểm Tra');
    const before = await sql('select name, slug from accounts.shops where user_id = $1', [vendor.userId]);
    for (const name of ['', ' x ', '★★★', 'a'.repeat(81)]) {
      const res = await gql(SET_SHOP, { i: { name } }, { token: vendor.accessToken });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(new Set((res.errors![0]!.extensions!.problems as { path: string }[]).map((p) => p.path))).toEqual(new Set(['name']));
    }
    expect(await sql('select name, slug from accounts.shops where user_id = $1', [vendor.userId])).toEqual(before);
  });
});
