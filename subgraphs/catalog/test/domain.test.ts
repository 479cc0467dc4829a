import { localized, resolveLocale } from '../src/domain/locale';
import { slugify } from '@basket/schema';
import { isValidEan13 } from '../src/domain/identifiers';
import { createProductInput, productFilter } from '../src/domain/inputs';
import { adminStateAfter, isCatalogAdmin, vendorStateAfter } from '../src/domain/read-models';
import { isProductVisible } from '../src/domain/visibility';
import { demoCategories, demoProducts } from '../src/seed/demo-catalog';

describe('locale', () => {
  it('prefers the argument, then the request, then Vietnamese', () => {
    expect(resolveLocale('EN', 'vi')).toBe('en');
    expect(resolveLocale(null, 'en')).toBe('en');
    expect(resolveLocale(undefined, null)).toBe('vi');
  });

  it('falls back to the other language when a text is missing or blank', () => {
    expect(localized({ vi: 'Rau muống', en: 'Water spinach' }, 'en')).toBe('Water spinach');
    expect(localized({ vi: 'Rau muống', en: null }, 'en')).toBe('Rau muống');
    expect(localized({ vi: 'Rau muống', en: '  ' }, 'en')).toBe('Rau muống');
    expect(localized({ vi: '', en: 'Water spinach' }, 'vi')).toBe('Water spinach');
  });
});

describe('identifiers', () => {
  it('slugifies Vietnamese names to ASCII', () => {
    expect(slugify('Rau muống Đà Lạt')).toBe('rau-muong-da-lat');
    expect(slugify('  Nước mắm Phú Quốc 40°N!  ')).toBe('nuoc-mam-phu-quoc-40-n');
  });

  it('checks EAN-13 check digits', () => {
    expect(isValidEan13('8934673573207')).toBe(true);
    expect(isValidEan13('8934673573208')).toBe(false);
    expect(isValidEan13('893467357320')).toBe(false);
  });
});

describe('product input', () => {
  const valid = {
    categoryId: '3f2b5a6e-8d1c-4f0a-9b7e-2c4d6e8f0a1b',
    nameVi: 'Xoài cát Hòa Lộc',
    descriptionVi: 'Xoài ngọt đậm.',
    perishable: true,
    shelfLifeDays: 5,
    variants: [{ sku: 'fru-xoai-1kg', unitVi: '1 kg', priceVnd: 85000, barcode: '8934673573207' }],
  };

  it('accepts a valid product and upper-cases the SKU', () => {
    expect(createProductInput.parse(valid).variants[0]!.sku).toBe('FRU-XOAI-1KG');
  });

  it.each([
    [{ variants: [] }, 'variants'],
    [{ variants: [{ ...valid.variants[0], priceVnd: 1500.5 }] }, 'variants.0.priceVnd'],
    [{ variants: [valid.variants[0], valid.variants[0]] }, 'variants'],
    [{ perishable: false }, 'shelfLifeDays'],
    [{ categoryId: 'rau' }, 'categoryId'],
  ])('rejects %o at %s', (change, path) => {
    const result = createProductInput.safeParse({ ...valid, ...change });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('rejects an inverted price range', () => {
    expect(productFilter.safeParse({ minPriceVnd: 50000, maxPriceVnd: 10000 }).success).toBe(false);
  });
});

describe('vendor read model', () => {
  it('is active exactly while the role is VENDOR', () => {
    expect(vendorStateAfter('VENDOR', 'Chợ', false)).toEqual({ name: 'Chợ', active: true });
    expect(vendorStateAfter('CUSTOMER', 'Chợ', true)).toEqual({ name: 'Chợ', active: false });
    expect(vendorStateAfter('CUSTOMER', 'Lan', false)).toBeNull();
  });

  it('knows admins exactly while the role is ADMIN, and never someone who was not one', () => {
    expect(adminStateAfter('ADMIN', false)).toEqual({ active: true });
    expect(adminStateAfter('CUSTOMER', true)).toEqual({ active: false });
    expect(adminStateAfter('VENDOR', true)).toEqual({ active: false });
    expect(adminStateAfter('VENDOR', false)).toBeNull();
  });

  it('takes an admin to be one only when the token and the read model agree', () => {
    expect(isCatalogAdmin({ role: 'ADMIN' }, { active: true })).toBe(true);
    expect(isCatalogAdmin({ role: 'ADMIN' }, { active: false })).toBe(false);
    expect(isCatalogAdmin({ role: 'ADMIN' }, null)).toBe(false);
    expect(isCatalogAdmin({ role: 'VENDOR' }, { active: true })).toBe(false);
    expect(isCatalogAdmin(null, { active: true })).toBe(false);
  });
});

describe('visibility', () => {
  const archived = { status: 'ARCHIVED' as const, vendorId: 'v1' };
  it('shows archived products to their vendor and to admins only', () => {
    expect(isProductVisible(archived, true, null)).toBe(false);
    expect(isProductVisible(archived, true, { userId: 'u1', admin: false })).toBe(false);
    expect(isProductVisible(archived, true, { userId: 'v1', admin: false })).toBe(true);
    expect(isProductVisible(archived, true, { userId: 'a1', admin: true })).toBe(true);
    expect(isProductVisible({ ...archived, status: 'ACTIVE' }, false, null)).toBe(false);
    expect(isProductVisible({ ...archived, status: 'ACTIVE' }, true, null)).toBe(true);
  });
});

describe('demo catalog', () => {
  it('is a few hundred valid, unique products in leaf categories', () => {
    const leaves = new Set(demoCategories.filter((c) => !demoCategories.some((d) => d.parentSlug === c.slug)).map((c) => c.slug));
    expect(demoProducts.length).toBeGreaterThanOrEqual(300);
    const skus = demoProducts.flatMap((p) => p.variants.map((v) => v.sku));
    expect(new Set(skus).size).toBe(skus.length);
    for (const p of demoProducts) {
      expect(leaves.has(p.categorySlug)).toBe(true);
      expect(createProductInput.safeParse({ ...p, categoryId: '3f2b5a6e-8d1c-4f0a-9b7e-2c4d6e8f0a1b' }).error?.issues ?? []).toEqual([]);
    }
  });
});
