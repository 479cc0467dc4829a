import { closeDb, sql } from '../../../test/support/db';
import { errorCodes, gql, ok, subgraphUrl } from '../../../test/support/graphql';
import { asRouter } from '../../../test/support/router-credential';
import { login, loginAdmin, register } from '../../../test/support/users';

afterAll(closeDb);

const ADDRESS = {
  label: 'Nhà',
  recipientName: 'Lê Thị Hoa',
  phone: '0987654321',
  line1: '12 Lý Thường Kiệt',
  ward: 'Phường Hàng Bài',
  district: 'Hoàn Kiếm',
  city: 'Hà Nội',
};
const ADD = 'mutation($i: AddressInput!) { addAddress(input: $i) { id isDefault } }';

describe('profile and addresses', () => {
  it('updates the profile and validates the phone number', async () => {
    const user = await register();
    const data = await ok(
      'mutation { updateProfile(input: { name: "Phạm Minh", phone: "0398765432" }) { name phone } }',
      {},
      { token: user.accessToken },
    );
    expect(data.updateProfile).toEqual({ name: 'Phạm Minh', phone: '0398765432' });
    const bad = await gql('mutation { updateProfile(input: { phone: "0123" }) { name } }', {}, { token: user.accessToken });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect((await sql('select phone from accounts.users where id = $1', [user.userId]))[0]!.phone).toBe('0398765432');
  });

  it('keeps exactly one default address through add, set-default and delete', async () => {
    const user = await register();
    const opts = { token: user.accessToken };
    const home = (await ok(ADD, { i: ADDRESS }, opts)).addAddress;
    expect(home.isDefault).toBe(true); // the first address is always default
    const office = (await ok(ADD, { i: { ...ADDRESS, label: 'Công ty' } }, opts)).addAddress;
    expect(office.isDefault).toBe(false);
    await ok('mutation($id: ID!) { setDefaultAddress(id: $id) { id } }', { id: office.id }, opts);
    let list = (await ok('{ me { addresses { id isDefault } } }', {}, opts)).me.addresses;
    expect(list).toEqual([
      { id: office.id, isDefault: true },
      { id: home.id, isDefault: false },
    ]);
    await ok('mutation($id: ID!) { deleteAddress(id: $id) }', { id: office.id }, opts);
    list = (await ok('{ me { addresses { id isDefault } } }', {}, opts)).me.addresses;
    expect(list).toEqual([{ id: home.id, isDefault: true }]);
  });

  it('keeps exactly one default when set-default and delete race on the same address', async () => {
    const user = await register();
    const opts = { token: user.accessToken };
    for (let round = 0; round < 5; round++) {
      await ok(ADD, { i: { ...ADDRESS, label: `Nhà ${round}` } }, opts);
      const extra = (await ok(ADD, { i: { ...ADDRESS, label: `Phụ ${round}` } }, opts)).addAddress;
      await Promise.all([
        gql('mutation($id: ID!) { setDefaultAddress(id: $id) { id } }', { id: extra.id }, opts),
        gql('mutation($id: ID!) { deleteAddress(id: $id) }', { id: extra.id }, opts),
      ]);
      const rows = await sql('select is_default from accounts.addresses where user_id = $1', [user.userId]);
      expect(rows.filter((r) => r.is_default)).toHaveLength(1);
    }
  });

  it("hides another user's address (NOT_FOUND) and changes nothing", async () => {
    const owner = await register();
    const other = await register();
    const address = (await ok(ADD, { i: ADDRESS }, { token: owner.accessToken })).addAddress;
    const res = await gql('mutation($id: ID!) { deleteAddress(id: $id) }', { id: address.id }, { token: other.accessToken });
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
    expect(await sql('select id from accounts.addresses where id = $1', [address.id])).toHaveLength(1);
  });

  it('requires a signed-in user for address changes', async () => {
    expect(errorCodes(await gql(ADD, { i: ADDRESS }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('admin', () => {
  it('lists users for admins only, with cursor pagination', async () => {
    const customer = await register();
    const denied = await gql('{ users(first: 2) { edges { node { id } } } }', {}, { token: customer.accessToken });
    expect(errorCodes(denied)).toEqual(['FORBIDDEN']);
    const admin = await loginAdmin();
    const page1 = (
      await ok('{ users(first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', {}, { token: admin.accessToken })
    ).users;
    expect(page1.edges).toHaveLength(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (
      await ok(
        'query($a: String) { users(first: 2, after: $a) { edges { node { id } } } }',
        { a: page1.pageInfo.endCursor },
        { token: admin.accessToken },
      )
    ).users;
    const ids = [...page1.edges, ...page2.edges].map((e: { node: { id: string } }) => e.node.id);
    expect(new Set(ids).size).toBe(4);
  });

  it('lets only admins change roles, and records the change as a UserRoleChanged event', async () => {
    const user = await register();
    const customer = await register();
    const mutation = 'mutation($id: ID!, $r: Role!) { changeUserRole(userId: $id, role: $r) { id role } }';
    expect(errorCodes(await gql(mutation, { id: user.userId, r: 'ADMIN' }, { token: customer.accessToken }))).toEqual(['FORBIDDEN']);
    expect((await sql('select role from accounts.users where id = $1', [user.userId]))[0]!.role).toBe('CUSTOMER');

    const admin = await loginAdmin();
    expect((await ok(mutation, { id: user.userId, r: 'VENDOR' }, { token: admin.accessToken })).changeUserRole.role).toBe('VENDOR');
    const events = await sql("select envelope from accounts.outbox where key = $1 and type = 'UserRoleChanged'", [user.userId]);
    expect(events).toHaveLength(1);
    expect(events[0]!.envelope).toMatchObject({
      type: 'UserRoleChanged',
      version: 1,
      aggregateId: user.userId,
      data: { previousRole: 'CUSTOMER', role: 'VENDOR' },
    });
    // A bad role value never reaches the service; GraphQL rejects it as bad input.
    expect(errorCodes(await gql(mutation, { id: user.userId, r: 'OWNER' }, { token: admin.accessToken }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('privacy and current roles', () => {
  const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id name } ... on Vendor { id name } } }';

  it('resolves a customer as a User by name only, and not as a Vendor, for anyone but self and admins', async () => {
    const customer = await register('Khách Kín Đáo');
    const other = await register();
    const url = subgraphUrl('accounts');
    const asOther = { url, headers: await asRouter('accounts', { token: other.accessToken }) };
    const reps = {
      r: [
        { __typename: 'User', id: customer.userId },
        { __typename: 'Vendor', id: customer.userId },
      ],
    };
    expect((await ok(ENTITIES, reps, asOther))._entities).toEqual([{ id: customer.userId, name: 'Khách Kín Đáo' }, null]);
    const role = await gql(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { role email } } }',
      { r: [reps.r[0]] },
      asOther,
    );
    expect(errorCodes(role)).toContain('FORBIDDEN');
    expect(role.data?._entities).toEqual([null]);
    expect((await ok(ENTITIES, reps, { url, headers: await asRouter('accounts', { token: customer.accessToken }) }))._entities[1]).toEqual({
      id: customer.userId,
      name: 'Khách Kín Đáo',
    });
  });

  it('answers malformed entity keys with null, not a database error', async () => {
    const res = await ok(
      ENTITIES,
      { r: [{ __typename: 'User', id: 'not-a-uuid' }] },
      { url: subgraphUrl('accounts'), headers: await asRouter('accounts') },
    );
    expect(res._entities).toEqual([null]);
  });

  it('takes admin rights away from a demoted admin at once, despite their ADMIN token', async () => {
    const deputy = await register('Phó Quản Trị');
    const admin = await loginAdmin();
    await ok('mutation($id: ID!) { changeUserRole(userId: $id, role: ADMIN) { id } }', { id: deputy.userId }, { token: admin.accessToken });
    const deputyAdmin = await login(deputy.email, deputy.password);
    expect((await ok('{ users(first: 1) { edges { node { id } } } }', {}, { token: deputyAdmin.accessToken })).users.edges).toHaveLength(1);
    await ok(
      'mutation($id: ID!) { changeUserRole(userId: $id, role: CUSTOMER) { id } }',
      { id: deputy.userId },
      { token: admin.accessToken },
    );
    expect(errorCodes(await gql('{ users(first: 1) { edges { node { id } } } }', {}, { token: deputyAdmin.accessToken }))).toEqual([
      'FORBIDDEN',
    ]);
    const victim = await register();
    const promote = await gql(
      'mutation($id: ID!) { changeUserRole(userId: $id, role: ADMIN) { id } }',
      { id: victim.userId },
      { token: deputyAdmin.accessToken },
    );
    expect(errorCodes(promote)).toEqual(['FORBIDDEN']);
    expect((await sql('select role from accounts.users where id = $1', [victim.userId]))[0]!.role).toBe('CUSTOMER');
  });
});
