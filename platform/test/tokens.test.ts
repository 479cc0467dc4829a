import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { generateKeyPairPem, loadSigningKeys } from '../src/auth/keys';
import { signAccessToken, verifyAccessToken, viewerFromAuthorization } from '../src/auth/tokens';
import { requireRole } from '../src/auth/guards';
import { SignJWT } from 'jose';

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { extensions?: { code?: string } }) => e.extensions?.code,
  );

describe('access tokens', () => {
  it('round-trips a viewer and rejects expired, tampered and foreign tokens', async () => {
    const pem = generateKeyPairPem();
    const keys = await loadSigningKeys({ ...pem, dataDir: '/nonexistent' });
    const settings = { keys, issuer: 'basket', accessTtlSeconds: 60 };
    const { token } = await signAccessToken(settings, { userId: 'u-1', role: 'VENDOR' });
    await expect(verifyAccessToken(settings, token)).resolves.toEqual({ userId: 'u-1', role: 'VENDOR', expiresAt: expect.any(Date) });

    const expired = await signAccessToken({ ...settings, accessTtlSeconds: -10 }, { userId: 'u-1', role: 'VENDOR' });
    await expect(verifyAccessToken(settings, expired.token)).rejects.toThrow(/expired/);

    const [h, p, s] = token.split('.');
    const raised = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), role: 'ADMIN' })).toString(
      'base64url',
    );
    expect(await codeOf(verifyAccessToken(settings, `${h}.${raised}.${s}`))).toBe('UNAUTHENTICATED');

    const otherKeys = await loadSigningKeys({ ...generateKeyPairPem(), dataDir: '/nonexistent' });
    expect(await codeOf(verifyAccessToken({ keys: otherKeys, issuer: 'basket' }, token))).toBe('UNAUTHENTICATED');
    expect(await codeOf(verifyAccessToken({ keys, issuer: 'someone-else' }, token))).toBe('UNAUTHENTICATED');
  });

  it('refuses a correctly signed token without exp: it would never expire', async () => {
    const pem = generateKeyPairPem();
    const keys = await loadSigningKeys({ ...pem, dataDir: '/nonexistent' });
    const forever = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('00000000-0000-4000-8000-000000000001')
      .setIssuer('basket')
      .setAudience('basket')
      .sign(keys.privateKey!);
    await expect(verifyAccessToken({ keys, issuer: 'basket' }, forever)).rejects.toThrow(/no expiry/);
  });

  it('supports RS256 key pairs too', async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keys = await loadSigningKeys({
      privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      dataDir: '/nonexistent',
    });
    expect(keys.alg).toBe('RS256');
    const { token } = await signAccessToken({ keys, issuer: 'basket', accessTtlSeconds: 60 }, { userId: 'u', role: 'ADMIN' });
    await expect(verifyAccessToken({ keys, issuer: 'basket' }, token)).resolves.toMatchObject({ userId: 'u', role: 'ADMIN' });
  });

  it('generates a key pair once in embedded mode and reuses it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keys-'));
    const first = await loadSigningKeys({ dataDir: dir });
    const { token } = await signAccessToken({ keys: first, issuer: 'basket', accessTtlSeconds: 60 }, { userId: 'u', role: 'CUSTOMER' });
    const second = await loadSigningKeys({ dataDir: dir });
    await expect(verifyAccessToken({ keys: second, issuer: 'basket' }, token)).resolves.toMatchObject({ userId: 'u' });
    expect(fs.statSync(path.join(dir, 'keys', 'jwt-ed25519.pem')).mode & 0o077).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads Bearer headers: none is anonymous, malformed is UNAUTHENTICATED', async () => {
    const keys = await loadSigningKeys({ ...generateKeyPairPem(), dataDir: '/nonexistent' });
    await expect(viewerFromAuthorization({ keys, issuer: 'basket' }, undefined)).resolves.toBeNull();
    expect(await codeOf(viewerFromAuthorization({ keys, issuer: 'basket' }, 'Basic dXNlcjpwYXNz'))).toBe('UNAUTHENTICATED');
  });

  it('checks roles', () => {
    expect(() => requireRole(null, 'ADMIN')).toThrow(expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } }));
    expect(() => requireRole({ userId: 'u', role: 'CUSTOMER' }, 'VENDOR', 'ADMIN')).toThrow(
      expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }),
    );
    expect(requireRole({ userId: 'u', role: 'VENDOR' }, 'VENDOR', 'ADMIN').userId).toBe('u');
  });
});
