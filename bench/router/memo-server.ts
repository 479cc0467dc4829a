import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A subgraph's answer to one request body. */
export interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
}

/** Answers a request body that is not in the cache yet: the subgraph really executing it. */
export type Execute = (body: string, headers: http.IncomingHttpHeaders) => Promise<Answer>;

export interface MemoServer {
  url: string;
  close(): Promise<void>;
}

/** Paths a bench asks a memo server on, next to GraphQL's POST. */
export const RECORD_PATH = '/__bench/record';

const readBody = (req: http.IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/**
 * A subgraph that answers from a cache keyed by the request body after the first real
 * execution: the subgraph's own time drops out of the router benchmark, and what remains is
 * the router's. Concurrent first requests for a body share one execution; failed executions
 * are not kept. It records the bodies it receives between `POST /__bench/record` and
 * `GET /__bench/record`, which is how the floor learns the exact fetches of a plan.
 */
export async function startMemoServer(execute: Execute, port = 0): Promise<MemoServer> {
  const cache = new Map<string, Promise<Answer>>();
  let recording: string[] | undefined;
  const server = http.createServer((req, res) => {
    const fail = (err: unknown) => {
      console.error(err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    };
    if (req.url === RECORD_PATH) {
      req.resume();
      if (req.method === 'POST') recording = [];
      const recorded = recording ?? [];
      if (req.method === 'GET') recording = undefined;
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(recorded));
    }
    if (req.method !== 'POST') {
      req.resume();
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    }
    readBody(req)
      .then(async (body) => {
        recording?.push(body);
        let answer = cache.get(body);
        if (!answer) {
          cache.set(body, (answer = execute(body, req.headers)));
          answer.then(
            (a) => a.status !== 200 && cache.delete(body),
            () => cache.delete(body),
          );
        }
        const { status, contentType, body: bytes } = await answer;
        res.writeHead(status, { 'content-type': contentType, 'content-length': bytes.length }).end(bytes);
      })
      .catch(fail);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
