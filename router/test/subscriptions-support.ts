import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { createLogger, loadSigningKeys, readSupergraphConfig, signAccessToken } from '@basket/platform';
import type { RoleName } from '@basket/schema';
import { startRouter, type RunningRouter } from '../src/router';
import type { SubscriptionTuning } from '../src/subscriptions';
import { ok, routerUrl, subgraphUrl } from '../../test/support/graphql';

/** Typed helpers for the subscription tests: clients for both protocols, a router of their own, a TCP proxy. */
const root = path.resolve(__dirname, '..', '..');

export type Event = FormattedExecutionResult<Record<string, any>, unknown>;

/** Waits for `check` to return something, re-checking whenever `wake` is called. */
class Waiter {
  private wakers = new Set<() => void>();
  wake(): void {
    for (const w of [...this.wakers]) w();
  }
  async until<T>(check: () => T | undefined, ms: number, what: string): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.wakers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.wakers.add(done);
      });
    }
  }
}

/** What a subscription received so far, and how it ended. */
export interface Watched {
  events: Event[];
  /** The error it ended with (graphql-ws error payload, or the multipart part's errors), or null for a plain completion. */
  ended?: { errors: { message: string; extensions?: Record<string, unknown> }[] | null };
  /** The event after the first `seen` ones. */
  event(index: number, ms?: number): Promise<Event>;
  end(ms?: number): Promise<NonNullable<Watched['ended']>>;
  stop(): void;
}

export function wsClient(url: string, token?: string): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** Subscribes over graphql-ws. */
export function watchWs(client: Client, query: string, variables: Record<string, unknown>): Watched {
  const waiter = new Waiter();
  const watched: Watched = {
    events: [],
    event: (index, ms = 20_000) => waiter.until(() => watched.events[index], ms, `event #${index}`),
    end: (ms = 20_000) => waiter.until(() => watched.ended, ms, 'the subscription to end'),
    stop: () => unsubscribe(),
  };
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (value) => (watched.events.push(value as Event), waiter.wake()),
      error: (err) => {
        const errors = Array.isArray(err)
          ? err
          : [{ message: String((err as { reason?: string }).reason ?? err), extensions: { closeCode: (err as { code?: number }).code } }];
        watched.ended = { errors };
        waiter.wake();
      },
      complete: () => {
        watched.ended ??= { errors: null };
        waiter.wake();
      },
    },
  );
  return watched;
}

export const MULTIPART_ACCEPT = 'multipart/mixed;subscriptionSpec="1.0", application/json';

/** Subscribes over Apollo's multipart HTTP protocol; `raw` keeps the bytes as sent, `heartbeats` counts `{}` parts. */
export async function watchMultipart(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<Watched & { contentType: string | null; raw: () => string; heartbeats: () => number; closed: () => boolean }> {
  const waiter = new Waiter();
  const abort = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: MULTIPART_ACCEPT, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  let raw = '';
  let heartbeats = 0;
  let closed = false;
  let consumed = 0;
  const watched = {
    events: [] as Event[],
    ended: undefined as Watched['ended'],
    contentType: response.headers.get('content-type'),
    event: (index: number, ms = 20_000) => waiter.until(() => watched.events[index], ms, `multipart event #${index}`),
    end: (ms = 20_000) => waiter.until(() => watched.ended, ms, 'the multipart subscription to end'),
    stop: () => abort.abort(),
    raw: () => raw,
    heartbeats: () => heartbeats,
    closed: () => closed,
  };
  const delimiter = '\r\n--graphql';
  const parse = () => {
    // A part is complete once the delimiter after it has arrived.
    for (;;) {
      const start = raw.indexOf(delimiter, consumed);
      if (start < 0) return;
      const after = start + delimiter.length;
      if (raw.startsWith('--', after)) {
        closed = true;
        watched.ended ??= { errors: null };
        return;
      }
      const next = raw.indexOf(delimiter, after);
      if (next < 0) return;
      const body = raw.slice(raw.indexOf('\r\n\r\n', after) + 4, next);
      consumed = next;
      const json = JSON.parse(body) as { payload?: Event | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
      if (!('payload' in json)) heartbeats++;
      else if (json.payload === null) watched.ended = { errors: json.errors ?? [] };
      else if (json.payload) watched.events.push(json.payload);
    }
  };
  void (async () => {
    try {
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        raw += decoder.decode(chunk, { stream: true });
        parse();
        waiter.wake();
      }
    } catch {
      // aborted by stop()
    }
    watched.ended ??= { errors: null };
    waiter.wake();
  })();
  return watched;
}

/** A client-side access token for an existing user that lives `ttlSeconds`, signed with the test run's key. */
export async function shortLivedToken(userId: string, role: RoleName, ttlSeconds: number): Promise<string> {
  const keys = await loadSigningKeys({
    privateKeyPem: process.env.JWT_PRIVATE_KEY,
    publicKeyPem: process.env.JWT_PUBLIC_KEY,
    dataDir: '/nonexistent',
  });
  return (await signAccessToken({ keys, issuer: process.env.JWT_ISSUER ?? 'basket', accessTtlSeconds: ttlSeconds }, { userId, role }))
    .token;
}

/** The test stack's supergraph, with each subgraph where it listens (or where `overrides` says). */
export function stackSupergraph(overrides: Record<string, string> = {}): string {
  let sdl = fs.readFileSync(path.join(root, 'schema', 'supergraph.graphql'), 'utf8');
  for (const entry of readSupergraphConfig(path.join(root, 'supergraph.yaml'))) {
    const url = overrides[entry.name] ?? process.env[`BASKET_${entry.name.toUpperCase()}_URL`];
    if (url) sdl = sdl.split(entry.routingUrl).join(url);
  }
  return sdl;
}

/** A router of the test's own over the global stack's subgraphs, so a test can put a proxy in front of one and tune timings. */
export async function ownRouter(overrides: Record<string, string>, tuning: Partial<SubscriptionTuning>): Promise<RunningRouter> {
  const keys = await loadSigningKeys({ publicKeyPem: process.env.JWT_PUBLIC_KEY, dataDir: '/nonexistent' });
  return startRouter({
    supergraphSdl: stackSupergraph(overrides),
    port: 0,
    logger: createLogger('router-subscriptions-test', 'silent'),
    production: false,
    auth: { keys, issuer: process.env.JWT_ISSUER ?? 'basket' },
    routerSecret: new TextEncoder().encode(process.env.ROUTER_SECRET),
    subscriptions: tuning,
  });
}

/** A TCP proxy in front of a subgraph: counts its connections, and can cut or freeze them. */
export interface Proxy {
  url: string;
  /** Connections open through it right now. */
  open(): number;
  /** Resets every connection, as a crashed subgraph would. */
  cut(): void;
  /** Stops forwarding anything, as a hung subgraph or a dead network would (the sockets stay open). */
  freeze(): void;
  close(): Promise<void>;
}

export async function tcpProxy(target: string): Promise<Proxy> {
  const { hostname, port, pathname } = new URL(target);
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let frozen = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), hostname);
    const pair = { client, upstream };
    pairs.add(pair);
    client.on('data', (chunk) => frozen || upstream.write(chunk));
    upstream.on('data', (chunk) => frozen || client.write(chunk));
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${pathname}`,
    open: () => pairs.size,
    cut: () => {
      for (const { client, upstream } of [...pairs]) {
        client.resetAndDestroy();
        upstream.destroy();
      }
    },
    freeze: () => (frozen = true),
    close: async () => {
      for (const { client, upstream } of [...pairs]) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A value from the router's /metrics (0 when absent). */
export async function routerMetric(router: { url: string } | undefined, name: string): Promise<number> {
  const url = (router?.url ?? routerUrl()).replace(/\/graphql$/, '/metrics');
  const text = await (await fetch(url)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

export const PRODUCT_CHANGED = `subscription($id: ID!) {
  productChanged(id: $id) { id minPriceVnd variants { sku priceVnd } vendor { id name } }
}`;

let priceStep = 0;

/**
 * Changes the product's price until `watched` has received `index + 1` events: the
 * subscription's upstream may still be starting when the first change is made (a
 * subscription has no acknowledgement), so a change may go unheard; the ones after it are not.
 * Returns the event and every price set.
 */
export async function changeUntilEvent(
  watched: Pick<Watched, 'event'>,
  index: number,
  sku: string,
  token: string,
  url?: string,
): Promise<{ event: Event; prices: number[] }> {
  const prices: number[] = [];
  for (let attempt = 0; attempt < 15; attempt++) {
    const price = 20_000 + ++priceStep * 100;
    await ok('mutation($sku: String!, $p: Int!) { setVariantPrice(sku: $sku, priceVnd: $p) { sku } }', { sku, p: price }, { token, url });
    prices.push(price);
    try {
      return { event: await watched.event(index, 2_000), prices };
    } catch {
      // not heard yet: change it again
    }
  }
  throw new Error(`no productChanged event #${index} after ${prices.length} price changes`);
}

export { subgraphUrl };
