import { createHash, randomBytes } from 'node:crypto';

/** Opaque refresh tokens: 256 random bits; only their SHA-256 is stored. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface StoredRefreshToken {
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

export type RefreshVerdict = 'valid' | 'expired' | 'revoked' | 'reused';

/**
 * What presenting a refresh token means. A token that was already used is 'reused':
 * either the client retried or someone stole it; both revoke the family, since the
 * server cannot tell them apart (OAuth 2.0 Security BCP, refresh token rotation).
 */
export function assessRefreshToken(row: StoredRefreshToken, now: Date): RefreshVerdict {
  if (row.revokedAt) return 'revoked';
  if (row.usedAt) return 'reused';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}
