import { demoProducts } from '@basket/catalog/src/seed/demo-catalog';
import { DEMO_SHORT_IN_HA_NOI, demoBatches, demoSubstitutes, demoWarehouses } from '../src/seed/seed';

describe('demo stock', () => {
  const today = '2026-11-25';
  const batches = demoBatches(today);

  it('is the same on every run for a given day', () => {
    expect(demoBatches(today)).toEqual(batches);
  });

  it('stocks every demo SKU in both regions, perishables with dates ahead and one expired batch on purpose', () => {
    const skus = demoProducts.flatMap((p) => p.variants.map((v) => v.sku));
    for (const { code } of demoWarehouses) {
      const here = new Set(batches.filter((b) => b.warehouseCode === code).map((b) => b.sku));
      expect(skus.filter((s) => !here.has(s))).toEqual([]);
    }
    const expired = batches.filter((b) => b.expiresOn !== null && b.expiresOn <= today);
    expect(expired).toEqual([{ sku: DEMO_SHORT_IN_HA_NOI, warehouseCode: 'HN-LB', quantity: 8, expiresOn: '2026-11-24' }]);
    const perishable = new Set(demoProducts.filter((p) => p.perishable && p.shelfLifeDays).flatMap((p) => p.variants.map((v) => v.sku)));
    expect(batches.filter((b) => b.expiresOn === null && perishable.has(b.sku))).toEqual([]);
  });

  it('substitutes name demo SKUs only', () => {
    const skus = new Set(demoProducts.flatMap((p) => p.variants.map((v) => v.sku)));
    for (const [sku, alternatives] of Object.entries(demoSubstitutes)) {
      expect([sku, ...alternatives].filter((s) => !skus.has(s))).toEqual([]);
    }
  });
});
