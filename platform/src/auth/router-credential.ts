import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Role } from '@basket/schema';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { appError } from '../errors';
import type { Viewer } from './tokens';

/**
 * The router is the only door. It signs every subgraph request with a short-lived
 * credential carrying what it verified at the edge: the client's socket address, the
 * correlation id and the viewer. Subgraphs outside development refuse requests without
 * it and take the client address only from it, so a forged `x-forwarded-for` on a
 * subgraph port no longer rotates past the login limits. Each credential names the one
 * subgraph it is for: one seen by (or logged at) a subgraph opens no other.
 */
export const ROUTER_CREDENTIAL_HEADER = 'x-basket-router';
const ISSUER = 'basket-router';
const audienceOf = (subgraph: string) => `basket-subgraph:${subgraph}`;
/** Long enough for the slowest query plan, short enough that a leaked one soon dies. */
const TTL_SECONDS = 60;

export interface RouterClaims {
  clientIp: string;
  correlationId: string;
  viewer: Viewer | null;
}

/** The shared HMAC secret, from ROUTER_SECRET or, embedded, generated under DATA_DIR/keys. */
export function loadRouterSecret(source: { secret?: string; dataDir: string }): Uint8Array {
  if (source.secret) return new TextEncoder().encode(source.secret);
  const file = path.join(source.dataDir, 'keys', 'router-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return new TextEncoder().encode(fs.readFileSync(file, 'utf8').trim());
}

export async function signRouterCredential(secret: Uint8Array, subgraph: string, claims: RouterClaims): Promise<string> {
  const { viewer } = claims;
  return new SignJWT({
    cip: claims.clientIp,
    cid: claims.correlationId,
    ...(viewer ? { role: viewer.role, uexp: viewer.expiresAt ? Math.floor(viewer.expiresAt.getTime() / 1000) : undefined } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(audienceOf(subgraph))
    .setSubject(viewer?.userId ?? '')
    .setIssuedAt()
    .setExpirationTime(`${TTL_SECONDS}s`)
    .sign(secret);
}

const refused = (message: string) => appError('UNAUTHENTICATED', message, { http: { status: 401 } });

/** Verifies a credential; any failure is UNAUTHENTICATED with HTTP 401. */
export async function verifyRouterCredential(secret: Uint8Array, subgraph: string, token: string): Promise<RouterClaims> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      issuer: ISSUER,
      audience: audienceOf(subgraph),
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
    });
    if (typeof payload.cip !== 'string' || typeof payload.cid !== 'string') throw refused('Malformed router credential');
    let viewer: Viewer | null = null;
    if (payload.sub) {
      const role = Role.safeParse(payload.role);
      if (!role.success) throw refused('Malformed router credential');
      const uexp = typeof payload.uexp === 'number' ? new Date(payload.uexp * 1000) : undefined;
      viewer = { userId: payload.sub, role: role.data, expiresAt: uexp };
    }
    return { clientIp: payload.cip, correlationId: payload.cid, viewer };
  } catch (err) {
    if (err instanceof joseErrors.JOSEError) throw refused('Invalid router credential');
    throw err;
  }
}
