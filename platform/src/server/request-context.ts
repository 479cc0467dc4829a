import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../logger';
import { viewerFromAuthorization, type Viewer } from '../auth/tokens';
import type { SigningKeys } from '../auth/keys';
import { appError, errorCodeOf } from '../errors';
import { verifyRouterCredential } from '../auth/router-credential';

export type Locale = 'vi' | 'en';

/** What every resolver gets, whatever the subgraph; subgraphs extend it. */
export interface RequestBase {
  viewer: Viewer | null;
  /** From Accept-Language; null when the client expressed no supported preference. */
  locale: Locale | null;
  correlationId: string;
  /** Caller address for rate limits; through the router, the router's view of the client. */
  clientIp: string;
  logger: Logger;
  /** Aborted when the request's deadline passes; resolvers stop starting new work. */
  signal?: AbortSignal;
}

export interface AuthSettings {
  keys: SigningKeys;
  issuer: string;
}

/** How a subgraph tells the router from a stranger. */
export interface SubgraphAuth extends AuthSettings {
  /** The secret the router signs its credential with (see auth/router-credential.ts). */
  routerSecret: Uint8Array;
  /** Refuse requests without the router's credential: everywhere but development. */
  requireRouter: boolean;
  /** The subgraph's name: a credential must be made out to it. */
  service: string;
}

/** What a subgraph reads off an HTTP request or a graphql-ws connection. */
export interface IncomingRequest {
  authorization?: string;
  acceptLanguage?: string;
  correlationId: string;
  /** The peer's socket address: the router's, or a developer's calling the subgraph directly. */
  socketAddress?: string;
  routerCredential?: string;
  signal?: AbortSignal;
}

/** Picks the first supported language by q-value from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const hit = ranked.find((x) => x.lang === 'vi' || x.lang === 'en');
  return (hit?.lang as Locale | undefined) ?? null;
}

export function correlationIdFrom(headers: IncomingHttpHeaders): string {
  const given = headers['x-correlation-id'];
  const value = Array.isArray(given) ? given[0] : given;
  // Accept a caller's id only if it is short and printable, so logs stay clean.
  return value && /^[\w.:-]{1,100}$/.test(value) ? value : randomUUID();
}

/**
 * The viewer named by an Authorization header. A bad token fails with UNAUTHENTICATED
 * and HTTP 401, so a router's data source also reports UNAUTHENTICATED for it.
 */
export async function authenticate(auth: AuthSettings, authorization: string | undefined): Promise<Viewer | null> {
  try {
    return await viewerFromAuthorization(auth, authorization);
  } catch (err) {
    if (errorCodeOf(err) === 'UNAUTHENTICATED') throw appError('UNAUTHENTICATED', (err as Error).message, { http: { status: 401 } });
    throw err;
  }
}

/**
 * The request scope of a subgraph call. Through the router, viewer, client address and
 * correlation id come from its signed credential (it verified the token at the edge).
 * Without one, only development serves the call: the token is verified here and the
 * client is the socket's peer, never a forwarded header.
 */
export async function buildRequestBase(auth: SubgraphAuth, request: IncomingRequest, logger: Logger): Promise<RequestBase> {
  const base = (viewer: Viewer | null, clientIp: string, correlationId: string): RequestBase => ({
    viewer,
    locale: localeFromAcceptLanguage(request.acceptLanguage),
    correlationId,
    clientIp,
    logger: logger.child({ correlationId }),
    signal: request.signal,
  });
  if (request.routerCredential) {
    const claims = await verifyRouterCredential(auth.routerSecret, auth.service, request.routerCredential);
    return base(claims.viewer, claims.clientIp, claims.correlationId);
  }
  if (auth.requireRouter) {
    throw appError('FORBIDDEN', 'This service answers only the router; send your request to the router', { http: { status: 403 } });
  }
  return base(await authenticate(auth, request.authorization), request.socketAddress ?? 'unknown', request.correlationId);
}
