import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../logger';
import { viewerFromAuthorization, type Viewer } from '../auth/tokens';
import type { SigningKeys } from '../auth/keys';
import { appError, errorCodeOf } from '../errors';

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
}

export interface AuthSettings {
  keys: SigningKeys;
  issuer: string;
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

export async function buildRequestBase(
  auth: AuthSettings,
  headers: { authorization?: string; acceptLanguage?: string; correlationId: string; clientIp?: string },
  logger: Logger,
): Promise<RequestBase> {
  return {
    viewer: await authenticate(auth, headers.authorization),
    locale: localeFromAcceptLanguage(headers.acceptLanguage),
    correlationId: headers.correlationId,
    clientIp: headers.clientIp ?? 'unknown',
    logger: logger.child({ correlationId: headers.correlationId }),
  };
}
