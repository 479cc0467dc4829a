import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import type { ExecutionResult } from '../src/engine/basket-engine';
import { ClientStream } from '../src/subscriptions/client-stream';
import { subscriptionErrors } from '../src/subscriptions/errors';
import { acceptsMultipartSubscription, writeMultipart } from '../src/subscriptions/multipart';

/** The bytes of Apollo's multipart subscription protocol, as the Apollo Router writes them. */
async function serve(feed: (stream: ClientStream) => void, heartbeatMs = 60_000): Promise<{ body: string; type: string | null }> {
  const server = http.createServer((req, res) => {
    const stream = new ClientStream(10, () => undefined, subscriptionErrors.tooSlow);
    feed(stream);
    void writeMultipart(req, res, stream, {
      heartbeatMs,
      format: (error) => ({ message: (error as Error).message, extensions: { code: (error as GraphQLError).extensions?.code } }),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return { body: await res.text(), type: res.headers.get('content-type') };
  } finally {
    server.close();
  }
}

const result = (data: Record<string, unknown>): Promise<ExecutionResult> => Promise.resolve({ data });
const part = (json: string) => `\r\ncontent-type: application/json\r\n\r\n${json}\r\n--graphql`;

describe('multipart subscriptions', () => {
  it('writes one part per event, each followed by the delimiter, and closes with --graphql--', async () => {
    const { body, type } = await serve((stream) => {
      stream.push(result({ n: 1 }));
      stream.push(Promise.resolve({ data: { n: 2 }, errors: [new GraphQLError('partial', { extensions: { code: 'X' } })] }));
      stream.end();
    });
    expect(type).toBe('multipart/mixed;boundary="graphql";subscriptionSpec="1.0"');
    expect(body).toBe(
      '\r\n--graphql' +
        part('{"payload":{"data":{"n":1}}}') +
        part('{"payload":{"data":{"n":2},"errors":[{"message":"partial","extensions":{"code":"X"}}]}}') +
        '--\r\n',
    );
  });

  it('ends with payload null and the errors when the subscription ends in error', async () => {
    const { body } = await serve((stream) => {
      stream.push(result({ n: 1 }));
      stream.end([subscriptionErrors.tokenExpired()]);
    });
    expect(body).toBe(
      '\r\n--graphql' +
        part('{"payload":{"data":{"n":1}}}') +
        part('{"payload":null,"errors":[{"message":"Access token expired","extensions":{"code":"TOKEN_EXPIRED"}}]}') +
        '--\r\n',
    );
  });

  it('sends {} heartbeats while nothing happens', async () => {
    const { body } = await serve((stream) => void setTimeout(() => stream.end(), 120), 25);
    expect(body.startsWith(`\r\n--graphql${part('{}')}`)).toBe(true);
    expect(body.endsWith('--graphql--\r\n')).toBe(true);
  });

  it('recognises the Accept headers Apollo clients send', () => {
    expect(acceptsMultipartSubscription('multipart/mixed;subscriptionSpec="1.0", application/json')).toBe(true);
    expect(acceptsMultipartSubscription('multipart/mixed;boundary="graphql";subscriptionSpec=1.0,application/json')).toBe(true);
    expect(acceptsMultipartSubscription('multipart/mixed;deferSpec=20220824,application/json')).toBe(false);
    expect(acceptsMultipartSubscription('application/json')).toBe(false);
    expect(acceptsMultipartSubscription(undefined)).toBe(false);
  });
});
