import { hashPassword, verifyPassword } from '../src/domain/password';
import { assessRefreshToken, hashRefreshToken, newRefreshToken } from '../src/domain/refresh-token';
import { addressInput, registerInput, vnPhone } from '../src/domain/inputs';
import { defaultShopCandidates, legacyShop, shopNameInput } from '../src/domain/shop';

describe('passwords', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('Bánh mì 2026');
    const b = await hashPassword('Bánh mì 2026');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    await expect(verifyPassword('Bánh mì 2026', a)).resolves.toBe(true);
    await expect(verifyPassword('Bánh mì 2027', a)).resolves.toBe(false);
    await expect(verifyPassword('anything', 'md5$garbage')).resolves.toBe(false);
  });

  it('treats composed and decomposed Vietnamese the same (NFKC)', async () => {
    const hash = await hashPassword('Phở bò 1'.normalize('NFC'));
    await expect(verifyPassword('Phở bò 1'.normalize('NFD'), hash)).resolves.toBe(true);
  });
});

describe('refresh tokens', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const later = new Date('2026-11-29T10:00:00Z');
  it.each([
    [{ expiresAt: later, usedAt: null, revokedAt: null }, 'valid'],
    [{ expiresAt: now, usedAt: null, revokedAt: null }, 'expired'],
    [{ expiresAt: later, usedAt: now, revokedAt: null }, 'reused'],
    [{ expiresAt: later, usedAt: now, revokedAt: now }, 'revoked'],
  ] as const)('%o is %s', (row, verdict) => {
    expect(assessRefreshToken(row, now)).toBe(verdict);
  });

  it('stores only a hash of a 256-bit random token', () => {
    const { token, hash } = newRefreshToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(hash).toBe(hashRefreshToken(token));
    expect(hash).not.toContain(token);
    expect(newRefreshToken().token).not.toBe(token);
  });
});

describe('inputs', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['091.234.5678', '0912345678'],
  ])('normalizes the phone %s', (raw, expected) => {
    expect(vnPhone.parse(raw)).toBe(expected);
  });

  it.each(['0212345678', '091234567', '+1 415 555 0100', 'abc'])('rejects the phone %s', (raw) => {
    expect(vnPhone.safeParse(raw).success).toBe(false);
  });

  it('lower-cases emails and enforces password strength', () => {
    expect(registerInput.parse({ email: ' Lan@Basket.VN ', password: 'abcdefg1', name: 'Lan' }).email).toBe('lan@basket.vn');
    const result = registerInput.safeParse({ email: 'lan@basket.vn', password: 'abcdefgh', name: 'Lan' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/digit/);
  });

  it('requires every part of an address', () => {
    const result = addressInput.safeParse({
      label: 'Nhà',
      recipientName: 'A',
      phone: '0912345678',
      line1: '',
      ward: 'P1',
      district: 'Q1',
      city: '',
    });
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['city', 'line1']);
  });
});

describe('shops', () => {
  const user = { id: '3f2b5a6e-8d1c-4f0a-9b7e-2c4d6e8f0a1b', name: 'Chợ Tươi Đà Lạt' };

  it('offers the display name first, then with part of the id, then with all of it', () => {
    expect(defaultShopCandidates(user)).toEqual([
      { name: 'Chợ Tươi Đà Lạt', slug: 'cho-tuoi-da-lat' },
      { name: 'Chợ Tươi Đà Lạt 3f2b5a6e', slug: 'cho-tuoi-da-lat-3f2b5a6e' },
      { name: `Chợ Tươi Đà Lạt ${user.id}`, slug: `cho-tuoi-da-lat-${user.id}` },
    ]);
    // A name with nothing to slug skips to the id-suffixed defaults.
    expect(defaultShopCandidates({ ...user, name: '★★★' }).map((c) => c.slug)).toEqual(['3f2b5a6e', user.id]);
    expect(legacyShop(user)).toEqual({ name: user.name, slug: `cho-tuoi-da-lat-${user.id}` });
  });

  it('normalises a shop name and refuses one without a letter or digit', () => {
    expect(shopNameInput.parse('  Tiệm   Bánh  ')).toBe('Tiệm Bánh');
    for (const bad of ['', 'a', '★★★', 'x'.repeat(81)]) expect(shopNameInput.safeParse(bad).success).toBe(false);
  });
});
