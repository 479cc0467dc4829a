import type http from 'node:http';
import type { GraphQLFormattedError } from 'graphql';
import type { ExecutionResult } from '../engine/basket-engine';
import { SubscriptionEnded } from './errors';

/**
 * Apollo's multipart HTTP subscription protocol, as Apollo Client speaks it: the client
 * sends `Accept: multipart/mixed;subscriptionSpec="1.0"`; the answer is one part per
 * event, `{"payload":{"data":...,"errors":...}}`, a heartbeat part `{}` every few seconds
 * so intermediaries keep the connection, and on an error that ends the subscription a
 * last part `{"payload":null,"errors":[...]}`; then the closing boundary. Each part is
 * followed at once by the next delimiter, so a client knows a part is complete without
 * waiting for the next one.
 */
export const MULTIPART_CONTENT_TYPE = 'multipart/mixed;boundary="graphql";subscriptionSpec="1.0"';

const DELIMITER = '\r\n--graphql';
const part = (json: string) => `\r\ncontent-type: application/json\r\n\r\n${json}${DELIMITER}`;

/** Whether the client asked for multipart subscriptions (Apollo Client sends the parameter quoted or not). */
export function acceptsMultipartSubscription(accept: string | undefined): boolean {
  return !!accept && /multipart\/mixed\s*;[^,]*subscriptionSpec\s*=\s*"?1\.0"?/i.test(accept);
}

export interface MultipartOptions {
  heartbeatMs: number;
  format(error: unknown): GraphQLFormattedError;
}

/** Writes `stream` to `res` until it ends or the client goes away; never buffers more than one part ahead. */
export async function writeMultipart(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  stream: AsyncIterator<ExecutionResult>,
  options: MultipartOptions,
): Promise<void> {
  res.writeHead(200, { 'content-type': MULTIPART_CONTENT_TYPE, 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.write(DELIMITER);
  let gone = false;
  const leave = () => {
    if (gone) return;
    gone = true;
    void stream.return?.();
  };
  res.on('close', leave);
  req.on('close', () => {
    if (req.destroyed && !res.writableEnded) leave();
  });
  // A heartbeat is skipped while the client is not keeping up: it would only queue behind the events.
  const heartbeat = setInterval(() => {
    if (!gone && !res.writableNeedDrain) res.write(part('{}'));
  }, options.heartbeatMs);
  heartbeat.unref();
  const send = async (body: unknown) => {
    if (gone) return;
    if (!res.write(part(JSON.stringify(body)))) {
      await new Promise<void>((resolve) => {
        const done = () => (res.off('drain', done), res.off('close', done), resolve());
        res.on('drain', done);
        res.on('close', done);
      });
    }
  };
  try {
    for (;;) {
      let next: IteratorResult<ExecutionResult>;
      try {
        next = await stream.next();
      } catch (err) {
        const errors = err instanceof SubscriptionEnded ? err.errors : [err];
        await send({ payload: null, errors: errors.map(options.format) });
        break;
      }
      if (next.done || gone) break;
      const { data, errors, extensions } = next.value;
      await send({
        payload: { data, ...(errors?.length ? { errors: errors.map(options.format) } : {}), ...(extensions ? { extensions } : {}) },
      });
    }
  } finally {
    clearInterval(heartbeat);
    if (!gone) {
      gone = true;
      res.end('--\r\n');
    }
    void stream.return?.();
  }
}
