import { SignJWT, importPKCS8 } from 'jose';
import { closeDb, sql } from '../../../test/support/db';
import { errorCodes, gql, ok, subgraphUrl, uniqueEmail } from '../../../test/support/graphql';
import { asRouter } from '../../../test/support/router-credential';
import { register } from '../../../test/support/users';

afterAll(closeDb);

const REFRESH = 'mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken user { id } } }';
const ME = '{ me { id email name role } }';

describe('register -> login -> me (through the router)', () => {
  it('signs a new customer in and shows them their own account', async () => {
    const email = uniqueEmail('flow');
    const reg = await ok('mutation($i: RegisterInput!) { register(input: $i) { accessToken user { id email role } } }', {
      i: { email: email.toUpperCase(), password: 'rau-muong-42', name: 'Trần Văn An', phone: '+84 912 345 678' },
    });
    expect(reg.register.user).toMatchObject({ email, role: 'CUSTOMER' });

    const login = await ok('mutation($i: LoginInput!) { login(input: $i) { accessToken user { id phone } } }', {
      i: { email, password: 'rau-muong-42' },
    });
    expect(login.login.user).toEqual({ id: reg.register.user.id, phone: '0912345678' });

    const me = await ok(ME, {}, { token: login.login.accessToken });
    expect(me.me).toEqual({ id: reg.register.user.id, email, name: 'Trần Văn An', role: 'CUSTOMER' });
  });

  it('answers me with null for an anonymous request', async () => {
    expect((await ok(ME)).me).toBeNull();
  });

  it('refuses a wrong password with UNAUTHENTICATED', async () => {
    const user = await register();
    const res = await gql('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', {
      i: { email: user.email, password: 'wrong-pass-9' },
    });
    expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a taken email with CONFLICT and keeps a single account', async () => {
    const user = await register();
    const res = await gql('mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', {
      i: { email: user.email, password: 'another-pass-2', name: 'Copy' },
    });
    expect(errorCodes(res)).toEqual(['CONFLICT']);
    expect(await sql('select id from accounts.users where email = $1', [user.email])).toHaveLength(1);
  });

  it('rejects bad input with BAD_USER_INPUT listing every problem, and writes nothing', async () => {
    const email = uniqueEmail('bad');
    const res = await gql('mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', {
      i: { email: `${email}`, password: 'short', name: '  ', phone: '12345' },
    });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    const paths = (res.errors![0]!.extensions!.problems as { path: string }[]).map((p) => p.path).sort();
    expect(paths).toEqual(['name', 'password', 'password', 'phone']);
    expect(await sql('select id from accounts.users where email = $1', [email])).toHaveLength(0);
  });

  it('stops a client after 10 failed logins for an email, without locking the user out elsewhere', async () => {
    const user = await register();
    const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }';
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 10; i++) codes.push(...errorCodes(await gql(LOGIN, { i: { email: user.email, password: 'guess-000' } })));
    expect(codes).toEqual(Array(10).fill('UNAUTHENTICATED'));
    // This client is now blocked, even with the right password (counted in Redis)...
    const blocked = await gql(LOGIN, { i: { email: user.email, password: user.password } });
    expect(errorCodes(blocked)).toEqual(['RATE_LIMITED']);
    expect(blocked.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    // ...while the user, from another address, still signs in. (The router signs the
    // client's address into its credential; a credential for another address stands in for a second client.)
    const elsewhere = await gql(
      LOGIN,
      { i: { email: user.email, password: user.password } },
      { url: subgraphUrl('accounts'), headers: await asRouter('accounts', { clientIp: '203.0.113.7' }) },
    );
    expect(elsewhere.errors).toBeUndefined();
  });

  it('ignores a client-supplied x-forwarded-for at the router', async () => {
    const user = await register();
    const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }';
    for (let i = 0; i < 10; i++) {
      await gql(LOGIN, { i: { email: user.email, password: 'guess-000' } }, { headers: { 'x-forwarded-for': `198.51.100.${i}` } });
    }
    expect(
      errorCodes(
        await gql(LOGIN, { i: { email: user.email, password: user.password } }, { headers: { 'x-forwarded-for': '198.51.100.99' } }),
      ),
    ).toEqual(['RATE_LIMITED']);
  });
});

describe('refresh tokens', () => {
  it('rotates on use: the new pair works and the old refresh token is spent', async () => {
    const user = await register();
    const first = await ok(REFRESH, { t: user.refreshToken });
    expect(first.refreshToken.refreshToken).not.toBe(user.refreshToken);
    expect((await ok(ME, {}, { token: first.refreshToken.accessToken })).me.id).toBe(user.userId);
    const second = await ok(REFRESH, { t: first.refreshToken.refreshToken });
    expect(second.refreshToken.user.id).toBe(user.userId);
  });

  it('detects reuse of a spent token and revokes the whole family', async () => {
    const user = await register();
    const rotated = await ok(REFRESH, { t: user.refreshToken });
    const replay = await gql(REFRESH, { t: user.refreshToken });
    expect(errorCodes(replay)).toEqual(['UNAUTHENTICATED']);
    expect(replay.errors![0]!.message).toMatch(/reuse/i);
    // The legitimate successor is revoked too: the thief and the owner both lose the session.
    expect(errorCodes(await gql(REFRESH, { t: rotated.refreshToken.refreshToken }))).toEqual(['UNAUTHENTICATED']);
    const family = await sql('select revoked_at from accounts.refresh_tokens where user_id = $1', [user.userId]);
    expect(family.length).toBe(2);
    expect(family.every((r) => r.revoked_at !== null)).toBe(true);
  });

  // One pair of requests overlaps inside the refresh transaction only in some runs, so
  // the race is repeated: without the row lock, at least one round lets both through.
  const RACE_ROUNDS = 25;

  it(`allows only one of two concurrent refreshes with the same token (${RACE_ROUNDS} rounds)`, async () => {
    const users = await Promise.all(Array.from({ length: RACE_ROUNDS }, () => register()));
    for (const [round, user] of users.entries()) {
      const body = { t: user.refreshToken };
      const results = await Promise.all([gql(REFRESH, body), gql(REFRESH, body)]);
      const winners = results.filter((r) => !r.errors);
      const losers = results.filter((r) => r.errors);
      expect({ round, winners: winners.length }).toEqual({ round, winners: 1 });
      // The loser, serialised behind the winner by the lock, presents a spent token:
      // that is reuse, and it revokes the family, the winner's new token included.
      expect(errorCodes(losers[0]!)).toEqual(['UNAUTHENTICATED']);
      expect(losers[0]!.errors![0]!.message).toMatch(/reuse/i);
      const family = await sql<{ used: boolean; revoked: boolean }>(
        'select used_at is not null as used, revoked_at is not null as revoked from accounts.refresh_tokens where user_id = $1 order by created_at',
        [user.userId],
      );
      // The presented token (used) and the one successor: no second successor was minted.
      expect({ round, family }).toEqual({
        round,
        family: [
          { used: true, revoked: true },
          { used: false, revoked: true },
        ],
      });
    }
  }, 120_000);

  it('logout revokes the family, so the refresh token stops working', async () => {
    const user = await register();
    expect((await ok('mutation($t: String!) { logout(refreshToken: $t) }', { t: user.refreshToken })).logout).toBe(true);
    expect(errorCodes(await gql(REFRESH, { t: user.refreshToken }))).toEqual(['UNAUTHENTICATED']);
    expect((await ok('mutation($t: String!) { logout(refreshToken: $t) }', { t: user.refreshToken })).logout).toBe(false);
  });
});

describe('access tokens', () => {
  async function sign(claims: { sub: string; role: string }, expiresIn: string | number) {
    const key = await importPKCS8(process.env.JWT_PRIVATE_KEY!, 'EdDSA');
    return new SignJWT({ role: claims.role })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject(claims.sub)
      .setIssuer('basket')
      .setAudience('basket')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(expiresIn)
      .sign(key);
  }

  it('rejects an expired token with UNAUTHENTICATED', async () => {
    const user = await register();
    const expired = await sign({ sub: user.userId, role: 'CUSTOMER' }, Math.floor(Date.now() / 1000) - 60);
    const res = await gql(ME, {}, { token: expired });
    expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.errors![0]!.message).toMatch(/expired/i);
  });

  it('rejects a tampered token (role raised to ADMIN) at the router, and the subgraph is no back door', async () => {
    const user = await register();
    const [header, payload, signature] = user.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString('base64url'), signature].join('.');
    const usersQuery = '{ users(first: 1) { edges { node { id } } } }';
    expect(errorCodes(await gql(usersQuery, {}, { token: forged }))).toEqual(['UNAUTHENTICATED']);
    // No back door: the subgraph reached directly answers only the router.
    const direct = await gql(usersQuery, {}, { token: forged, url: subgraphUrl('accounts') });
    expect(direct.status).toBe(403);
    expect(errorCodes(direct)).toEqual(['FORBIDDEN']);
  });

  it('rejects a token signed by another key', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('ed25519').privateKey;
    const token = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('00000000-0000-4000-8000-000000000000')
      .setIssuer('basket')
      .setAudience('basket')
      .setExpirationTime('5m')
      .sign(other);
    expect(errorCodes(await gql(ME, {}, { token }))).toEqual(['UNAUTHENTICATED']);
  });
});
