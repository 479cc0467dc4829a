import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createClient } from 'graphql-ws';
import pino from 'pino';
import WebSocket from 'ws';
import { generateKeyPairPem, loadSigningKeys } from '../src/auth/keys';
import { notFound } from '../src/errors';
import { createMetrics } from '../src/metrics';
import { serveSubgraph, type RunningServer } from '../src/server/subgraph-server';

/**
 * Unexpected failures are logged and masked: the client gets "Internal server error"
 * with INTERNAL_SERVER_ERROR, never the original message (which may carry SQL, table
 * and constraint names, or data). A tiny subgraph on the real server code raises such
 * errors on purpose, over HTTP and graphql-ws, next to an expected error that must
 * pass through unchanged.
 */

const SQL_MESSAGE =
  'select "id", "password_hash" from "accounts"."users" where "email" = $1 -- relation "accounts"."users_v2" does not exist';
const PG_DETAIL = 'Key (email)=(lan@basket.local) already exists.';
/** Fragments of the originals that must never reach a client. */
const SECRETS = ['password_hash', 'accounts', 'users_v2', 'lan@basket.local', 'users_email_key', '23505', 'stacktrace', 'Error:', '.ts:'];

/** Shaped like node-postgres' DatabaseError: a plain Error with SQLSTATE and detail. */
function uniqueViolation(): Error {
  return Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
    code: '23505',
    detail: PG_DETAIL,
    table: 'users',
    constraint: 'users_email_key',
  });
}

const schema = buildSubgraphSchema([
  {
    typeDefs: parse(`
    type Query {
      fine: String
      leak: String
      leakAsync: String
      missing: String
      shelf: [Item!]!
    }
    type Item { name: String!, price: Int }
  `),
    resolvers: {
      Query: {
        fine: () => 'ok',
        leak: () => {
          throw new Error(SQL_MESSAGE);
        },
        leakAsync: async () => {
          throw uniqueViolation();
        },
        missing: () => {
          throw notFound('Shop');
        },
        shelf: () => [{ name: 'rau muống' }, { name: 'cà chua' }],
      },
      Item: {
        price: (item: { name: string }) => {
          if (item.name === 'cà chua') throw new Error(SQL_MESSAGE);
          return 12000;
        },
      },
    },
  },
]);

const MASKED = { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
const logLines: Record<string, any>[] = [];
let server: RunningServer;

beforeAll(async () => {
  const pem = generateKeyPairPem();
  const keys = await loadSigningKeys({ privateKeyPem: pem.privateKeyPem, publicKeyPem: pem.publicKeyPem, dataDir: '' });
  // The server's logs, captured: the original error must be there.
  const logger = pino(
    { level: 'info', base: { service: 'masking-test' } },
    { write: (line: string) => void logLines.push(JSON.parse(line)) },
  );
  server = await serveSubgraph({
    service: 'masking-test',
    schema,
    context: (base) => base,
    auth: { keys, issuer: 'basket', routerSecret: new TextEncoder().encode('masking-test-secret'), requireRouter: false },
    logger,
    metrics: createMetrics(),
    readiness: {},
    port: 0,
  });
});

afterAll(() => server?.close());

async function overHttp(query: string, correlationId: string) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, text: await res.text() };
}

function overWebSocket(query: string): Promise<{ data?: unknown; errors?: unknown[] }> {
  const client = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  return new Promise((resolve, reject) => {
    let result = {};
    client.subscribe(
      { query },
      {
        next: (value) => (result = value),
        error: (err) => void Promise.resolve(client.dispose()).then(() => reject(err)),
        complete: () => void Promise.resolve(client.dispose()).then(() => resolve(result)),
      },
    );
  });
}

const expectNoSecrets = (text: string) => {
  for (const secret of SECRETS) expect({ secret, leaked: text.includes(secret) }).toEqual({ secret, leaked: false });
};

/** The server's error lines whose logged error is the original message. */
const errorLogsWith = (message: string) => logLines.filter((l) => l.level >= 50 && l.err?.message === message);

describe('unexpected errors are masked for clients and logged in full', () => {
  it('over HTTP: an Error carrying SQL becomes INTERNAL_SERVER_ERROR, next to the data that did resolve', async () => {
    const before = errorLogsWith(SQL_MESSAGE).length;
    const res = await overHttp('{ fine leak }', 'masking-http-1');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ data: { fine: 'ok', leak: null }, errors: [{ ...MASKED, path: ['leak'] }] });
    expectNoSecrets(res.text);
    const logged = errorLogsWith(SQL_MESSAGE).slice(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.err.stack).toContain(SQL_MESSAGE);
    // The request's access-log line ties the failure to the caller's correlation id.
    expect(logLines).toContainEqual(expect.objectContaining({ correlationId: 'masking-http-1', errors: ['INTERNAL_SERVER_ERROR'] }));
  });

  it('over HTTP: a database-shaped error (SQLSTATE, detail, constraint) is masked, and its fields stay in the log', async () => {
    const message = uniqueViolation().message;
    const before = errorLogsWith(message).length;
    const res = await overHttp('{ leakAsync }', 'masking-http-2');
    expect(JSON.parse(res.text)).toEqual({ data: { leakAsync: null }, errors: [{ ...MASKED, path: ['leakAsync'] }] });
    expectNoSecrets(res.text);
    const logged = errorLogsWith(message).slice(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.err).toMatchObject({ code: '23505', detail: PG_DETAIL, constraint: 'users_email_key' });
  });

  it('over HTTP: a nested field failing inside a list is masked at its own path', async () => {
    const res = await overHttp('{ shelf { name price } }', 'masking-http-3');
    expect(JSON.parse(res.text)).toEqual({
      data: {
        shelf: [
          { name: 'rau muống', price: 12000 },
          { name: 'cà chua', price: null },
        ],
      },
      errors: [{ ...MASKED, path: ['shelf', 1, 'price'] }],
    });
    expectNoSecrets(res.text);
  });

  it('over graphql-ws: the same error is masked the same way', async () => {
    const before = errorLogsWith(SQL_MESSAGE).length;
    const result = await overWebSocket('{ fine leak }');
    expect(result).toEqual({ data: { fine: 'ok', leak: null }, errors: [{ ...MASKED, path: ['leak'] }] });
    expectNoSecrets(JSON.stringify(result));
    expect(errorLogsWith(SQL_MESSAGE).length).toBe(before + 1);
  });

  it('lets an expected error through unchanged (its code and message are meant for the client)', async () => {
    const res = await overHttp('{ missing }', 'masking-http-4');
    const expected = [
      { message: 'Shop not found', path: ['missing'], locations: [{ line: 1, column: 3 }], extensions: { code: 'NOT_FOUND' } },
    ];
    expect(JSON.parse(res.text)).toEqual({ data: { missing: null }, errors: expected });
    expect((await overWebSocket('{ missing }')).errors).toEqual(expected);
  });
});
