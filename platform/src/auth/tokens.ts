import { randomUUID } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { Role, type RoleName } from '@basket/schema';
import { unauthenticated } from '../errors';
import type { SigningKeys } from './keys';

export interface Viewer {
  userId: string;
  role: RoleName;
  /** When the access token stops being valid; long-lived connections check it. */
  expiresAt?: Date;
}

export interface TokenSettings {
  keys: SigningKeys;
  issuer: string;
  accessTtlSeconds: number;
}

const AUDIENCE = 'basket';

export async function signAccessToken(settings: TokenSettings, viewer: Viewer): Promise<{ token: string; expiresAt: Date }> {
  if (!settings.keys.privateKey) throw new Error('This process has no private key; only accounts issues tokens');
  const now = Math.floor(Date.now() / 1000);
  const exp = now + settings.accessTtlSeconds;
  const token = await new SignJWT({ role: viewer.role })
    .setProtectedHeader({ alg: settings.keys.alg, typ: 'JWT' })
    .setSubject(viewer.userId)
    .setIssuer(settings.issuer)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .setJti(randomUUID())
    .sign(settings.keys.privateKey);
  return { token, expiresAt: new Date(exp * 1000) };
}

/** Verifies signature, issuer, audience and expiry; any failure is UNAUTHENTICATED. */
export async function verifyAccessToken(settings: Omit<TokenSettings, 'accessTtlSeconds'>, token: string): Promise<Viewer> {
  try {
    const { payload } = await jwtVerify(token, settings.keys.publicKey, {
      issuer: settings.issuer,
      audience: AUDIENCE,
      algorithms: [settings.keys.alg],
      // A token without an expiry would be valid forever.
      requiredClaims: ['exp'],
    });
    const role = Role.safeParse(payload.role);
    if (!payload.sub || !role.success) throw unauthenticated('Access token has no valid subject or role');
    return { userId: payload.sub, role: role.data, expiresAt: new Date((payload.exp ?? 0) * 1000) };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw unauthenticated('Access token expired');
    if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'exp') throw unauthenticated('Access token has no expiry');
    if (err instanceof joseErrors.JOSEError) throw unauthenticated('Invalid access token');
    throw err;
  }
}

/** `Authorization: Bearer <jwt>` -> viewer; no header means anonymous, a bad token is an error. */
export async function viewerFromAuthorization(
  settings: Omit<TokenSettings, 'accessTtlSeconds'>,
  header: string | undefined,
): Promise<Viewer | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1]) throw unauthenticated('Authorization header must be "Bearer <token>"');
  return verifyAccessToken(settings, match[1]);
}
