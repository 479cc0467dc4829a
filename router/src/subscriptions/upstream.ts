import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { FormattedExecutionResult } from 'graphql-ws';
import type { GraphQLFormattedError } from 'graphql';
import { subscriptionErrors } from './errors';
import type { GraphQLError } from 'graphql';

/**
 * The router's side of subscriptions toward subgraphs: one graphql-ws connection per
 * distinct upstream subscription, shared by every client that asks for the same thing
 * (same subgraph, operation, variables and caller identity: see `upstreamKey`), opened
 * with the first of them and closed when the last one leaves.
 *
 * A connection of its own per upstream keeps each one's fate apart (a subgraph closing
 * one, or refusing one operation, touches no other) and makes what is shared visible at
 * the subgraph as connections. An upstream that ends, for whatever reason, ends its
 * listeners with an error that says so: it is not re-established behind their backs,
 * because events sent while it was away would be lost without anyone knowing.
 */
export interface UpstreamRequest {
  subgraph: string;
  /** The subgraph's graphql-ws URL. */
  url: string;
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
  /** Who is asking, as the subgraph must see them: their credential's viewer. */
  identity: string;
  /** connection_init's payload, signed afresh for each connection (the credential is short-lived). */
  connectionParams(): Promise<Record<string, unknown>>;
}

export interface UpstreamListener {
  event(result: FormattedExecutionResult<Record<string, unknown>, unknown>): void;
  /** The upstream is gone: completed by the subgraph (no error) or lost (error). */
  end(error?: GraphQLError | GraphQLFormattedError[]): void;
}

export interface UpstreamOptions {
  /** How often the router pings each subgraph connection. */
  keepAliveMs: number;
  /** A ping unanswered this long closes the connection (a silently dead peer would otherwise hang it). */
  pongTimeoutMs: number;
  /** A subgraph that has not acknowledged connection_init by then is given up on. */
  ackTimeoutMs: number;
}

export const DEFAULT_UPSTREAM_OPTIONS: UpstreamOptions = { keepAliveMs: 10_000, pongTimeoutMs: 5_000, ackTimeoutMs: 10_000 };

interface Upstream {
  client: Client;
  listeners: Set<UpstreamListener>;
  stop(): void;
}

export const upstreamKey = (request: Omit<UpstreamRequest, 'connectionParams' | 'url'>) =>
  JSON.stringify([request.subgraph, request.operationName ?? null, request.query, request.variables, request.identity]);

export interface UpstreamPool {
  /** Adds a listener to the matching upstream (opening it if needed); returns how to leave. */
  join(request: UpstreamRequest, listener: UpstreamListener): () => void;
  /** Open upstream subscriptions (for metrics and tests). */
  readonly size: number;
  close(): void;
}

/** graphql-ws reports a closed socket as its close event; anything else it reports is an Error or GraphQL errors. */
function describe(reason: unknown): string {
  const event = reason as { code?: unknown; reason?: unknown } | null;
  if (event && typeof event.code === 'number')
    return `connection closed with ${event.code}${event.reason ? ` ${String(event.reason)}` : ''}`;
  return reason instanceof Error ? reason.message : 'connection failed';
}

export function createUpstreamPool(options: UpstreamOptions = DEFAULT_UPSTREAM_OPTIONS): UpstreamPool {
  const upstreams = new Map<string, Upstream>();

  function open(key: string, request: UpstreamRequest): Upstream {
    let socket: WebSocket | undefined;
    let pongTimer: NodeJS.Timeout | undefined;
    let silent = false;
    const client = createClient({
      url: request.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: () => request.connectionParams(),
      lazy: true,
      lazyCloseTimeout: 0,
      retryAttempts: 0,
      keepAlive: options.keepAliveMs,
      connectionAckWaitTimeout: options.ackTimeoutMs,
      on: {
        // From the socket's opening, not the subgraph's acknowledgement: pings also cover a subgraph that never acknowledges.
        opened: (s) => (socket = s as WebSocket),
        ping: (received) => {
          if (received) return;
          clearTimeout(pongTimer);
          // Terminated, not closed: a close handshake with a peer that does not answer would wait 30 s more.
          pongTimer = setTimeout(() => {
            silent = true;
            socket?.terminate();
          }, options.pongTimeoutMs);
          pongTimer.unref();
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
        closed: () => clearTimeout(pongTimer),
      },
    });
    const upstream: Upstream = {
      client,
      listeners: new Set(),
      stop: () => undefined,
    };
    let ended = false;
    const finish = (error?: GraphQLError | GraphQLFormattedError[]) => {
      if (ended) return;
      ended = true;
      if (upstreams.get(key) === upstream) upstreams.delete(key);
      clearTimeout(pongTimer);
      for (const listener of [...upstream.listeners]) listener.end(error);
      upstream.listeners.clear();
      void client.dispose();
    };
    const unsubscribe = client.subscribe(
      { query: request.query, operationName: request.operationName, variables: request.variables },
      {
        next: (result) => {
          for (const listener of [...upstream.listeners]) listener.event(result);
        },
        error: (err: unknown) => {
          if (Array.isArray(err)) return finish(err as GraphQLFormattedError[]);
          const code = (err as { code?: unknown } | null)?.code;
          // The subgraph closes a connection whose viewer's token has expired with 4401.
          if (code === 4401) return finish(subscriptionErrors.tokenExpired());
          const detail = silent ? `no answer to a ping within ${options.pongTimeoutMs} ms` : describe(err);
          finish(subscriptionErrors.upstreamLost(request.subgraph, detail));
        },
        complete: () => finish(),
      },
    );
    upstream.stop = () => {
      ended = true;
      clearTimeout(pongTimer);
      unsubscribe();
      void client.dispose();
    };
    return upstream;
  }

  return {
    join(request, listener) {
      const key = upstreamKey(request);
      let upstream = upstreams.get(key);
      if (!upstream) upstreams.set(key, (upstream = open(key, request)));
      const joined = upstream;
      joined.listeners.add(listener);
      return () => {
        if (!joined.listeners.delete(listener) || joined.listeners.size) return;
        if (upstreams.get(key) === joined) upstreams.delete(key);
        joined.stop();
      };
    },
    get size() {
      return upstreams.size;
    },
    close() {
      for (const upstream of upstreams.values()) upstream.stop();
      upstreams.clear();
    },
  };
}
