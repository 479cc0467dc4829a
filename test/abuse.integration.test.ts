import { errorCodes, gql, subgraphUrl } from './support/graphql';
import { asRouter } from './support/router-credential';
import { register } from './support/users';

/**
 * The attacks of the hardening issue, replayed against the running stack: each one is
 * refused or bounded, and the refusal happens before any subgraph does the work.
 */

/** Every GraphQL request a subgraph has served, from its /metrics. */
async function servedBy(service: string): Promise<number> {
  const text = await (await fetch(subgraphUrl(service).replace(/\/graphql$/, '/metrics'))).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`basket_graphql_requests_total{service="${service}"`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

function fragmentBomb(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) => {
    const body = i === levels - 1 ? 'id' : Array.from({ length: 10 }, () => `...F${i + 1}`).join(' ');
    return `fragment F${i} on Category { ${body} }`;
  });
  return `{ categories { ...F0 } } ${fragments.join(' ')}`;
}

const PAGE =
  'products(first: 100) { edges { node { id name vendor { products(first: 100) { edges { node { id name description } } } } } } }';
const AMPLIFIED = `{ ${Array.from({ length: 30 }, (_, i) => `p${i}: ${PAGE}`).join(' ')} }`;
const ENTITIES =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on Vendor { products(first: 100) { edges { node { id } } } } } }';
const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }';

describe('attacks from the hardening issue', () => {
  it('refuses a sub-1 KB fragment fan-out in milliseconds, at the router and at a subgraph', async () => {
    const bomb = fragmentBomb(8);
    expect(bomb.length).toBeLessThan(1024);
    const started = Date.now();
    const res = await gql(bomb);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.errors![0]!.message).toMatch(/Too many fields: 10000001/);
    const direct = await gql(bomb, {}, { url: subgraphUrl('catalog'), headers: await asRouter('catalog') });
    expect(errorCodes(direct)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses the amplified query (30 aliased pages of vendors’ pages) before any subgraph runs', async () => {
    const before = await servedBy('catalog');
    const started = Date.now();
    const res = await gql(AMPLIFIED);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(errorCodes(res)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
    expect(res.data ?? null).toBeNull();
    expect(res.errors![0]!.extensions).toMatchObject({ maxCost: 2_000 });
    expect(res.errors![0]!.extensions!.cost).toBeGreaterThan(30 * 100 * 100);
    expect(await servedBy('catalog')).toBe(before);
  });

  it('refuses an _entities flood on a subgraph port, even with the router’s credential', async () => {
    const reps = Array.from({ length: 12_000 }, () => ({ __typename: 'Vendor', id: '00000000-0000-4000-8000-00000000b001' }));
    const res = await gql(ENTITIES, { r: reps }, { url: subgraphUrl('catalog'), headers: await asRouter('catalog') });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.message).toMatch(/at most 1000 representations/);
    // Within the count, the cost of what each representation asks for still counts.
    const costly = await gql(ENTITIES, { r: reps.slice(0, 200) }, { url: subgraphUrl('catalog'), headers: await asRouter('catalog') });
    expect(errorCodes(costly)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
  });

  it('refuses every request to a subgraph port that does not come from the router', async () => {
    for (const query of ['{ _service { sdl } }', '{ categories { id } }']) {
      for (const name of ['accounts', 'catalog']) {
        const res = await gql(query, {}, { url: subgraphUrl(name) });
        expect(res.status).toBe(403);
        expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      }
    }
    // A forged credential is no better than none.
    const forged = await gql(
      '{ _service { sdl } }',
      {},
      { url: subgraphUrl('accounts'), headers: { 'x-basket-router': 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln' } },
    );
    expect(errorCodes(forged)).toEqual(['UNAUTHENTICATED']);
    // A credential opens only the subgraph it was made out to.
    const elsewhere = await gql('{ categories { id } }', {}, { url: subgraphUrl('catalog'), headers: await asRouter('accounts') });
    expect(errorCodes(elsewhere)).toEqual(['UNAUTHENTICATED']);
    const router = await gql('{ _service { sdl } }', {}, { url: subgraphUrl('accounts'), headers: await asRouter('accounts') });
    expect(router.data).toMatchObject({ _service: { sdl: expect.stringContaining('type User') } });
  });

  it('keeps counting failed logins per client when x-forwarded-for rotates', async () => {
    const user = await register();
    const attempt = (i: number) =>
      gql(LOGIN, { i: { email: user.email, password: `wrong-${i}` } }, { headers: { 'x-forwarded-for': `198.51.100.${i}` } });
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 12; i++) codes.push(...errorCodes(await attempt(i)));
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('UNAUTHENTICATED'));
    expect(codes.slice(10)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    // Straight to the accounts port, the header changes nothing either: no credential, no service.
    const direct = await gql(
      LOGIN,
      { i: { email: user.email, password: user.password } },
      { url: subgraphUrl('accounts'), headers: { 'x-forwarded-for': '203.0.113.9' } },
    );
    expect(errorCodes(direct)).toEqual(['FORBIDDEN']);
  });

  it('counts aliases of __typename and __schema', async () => {
    const typenames = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    expect(errorCodes(await gql(typenames(31)))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    // 2,000 of them (the 53 MB answer) no longer even parse: the document is over the token cap.
    expect(errorCodes(await gql(typenames(2_000)))).toEqual(['GRAPHQL_PARSE_FAILED']);
    const schemas = `{ ${Array.from({ length: 31 }, (_, i) => `s${i}: __schema { queryType { name } }`).join(' ')} }`;
    expect(errorCodes(await gql(schemas))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('turns a NUL byte in a search string into BAD_USER_INPUT, as a variable and as a literal', async () => {
    const viaVariable = await gql('query($s: String) { products(first: 5, filter: { search: $s }) { edges { node { id } } } }', {
      s: 'rau\u0000',
    });
    expect(errorCodes(viaVariable)).toEqual(['BAD_USER_INPUT']);
    const viaLiteral = await gql('{ products(first: 5, filter: { search: "rau\\u0000" }) { edges { node { id } } } }');
    expect(errorCodes(viaLiteral)).toEqual(['BAD_USER_INPUT']);
  });

  it('checks at most one password per request, so aliased logins cannot take a core', async () => {
    const user = await register();
    const aliased = `mutation($i: LoginInput!) { ${Array.from({ length: 30 }, (_, i) => `l${i}: login(input: $i) { accessToken }`).join(' ')} }`;
    const started = Date.now();
    const res = await gql(aliased, { i: { email: user.email, password: user.password } });
    // Mutations run one after another: the first signs in, the second is refused without
    // scrypt, and as login is non-null the operation stops there.
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.message).toMatch(/once per request/);
    expect(res.errors![0]!.path).toEqual(['l1']);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
