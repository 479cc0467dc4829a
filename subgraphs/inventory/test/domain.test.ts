import { allocateFefo, availableUnits, isNearExpiry, nearExpiryDays, type BatchStock } from '../src/domain/batches';
import { addDays, daysBetween, vietnamDate } from '../src/domain/dates';
import { crossedLowStock } from '../src/domain/low-stock';
import { candidateSkus, planReservation, type RequestedLine } from '../src/domain/reservation-plan';

const TODAY = '2026-11-25';
const WH = '00000000-0000-4000-8000-0000000000a1';
const WH2 = '00000000-0000-4000-8000-0000000000a2';

let n = 0;
function batch(overrides: Partial<BatchStock> = {}): BatchStock {
  n += 1;
  return {
    id: `b${n}`,
    sku: 'RAU',
    warehouseId: WH,
    expiresOn: null,
    remaining: 10,
    reserved: 0,
    receivedAt: new Date(n * 1000),
    ...overrides,
  };
}

const line = (overrides: Partial<RequestedLine> = {}): RequestedLine => ({
  lineId: 'l1',
  sku: 'RAU',
  quantity: 1,
  allowSubstitution: false,
  ...overrides,
});

describe('dates in Vietnam', () => {
  it('reads today in Asia/Ho_Chi_Minh, not UTC', () => {
    // 18:00 UTC is already 01:00 the next day in Hà Nội.
    expect(vietnamDate(new Date('2026-11-24T18:00:00Z'))).toBe('2026-11-25');
    expect(vietnamDate(new Date('2026-11-24T16:59:00Z'))).toBe('2026-11-24');
  });
  it('counts days between dates', () => {
    expect(daysBetween('2026-11-25', '2026-12-02')).toBe(7);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
  });
});

describe('FEFO allocation', () => {
  it('takes the earliest expiry first, non-perishables last', () => {
    const late = batch({ expiresOn: '2026-12-10' });
    const none = batch({ expiresOn: null });
    const early = batch({ expiresOn: '2026-11-28' });
    expect(allocateFefo([late, none, early], 12, TODAY)).toEqual([
      { batchId: early.id, warehouseId: WH, quantity: 10 },
      { batchId: late.id, warehouseId: WH, quantity: 2 },
    ]);
  });

  it('never takes from an expired batch, even on its last day', () => {
    const expired = batch({ expiresOn: '2026-11-20' });
    const today = batch({ expiresOn: TODAY });
    const fresh = batch({ expiresOn: '2026-11-30', remaining: 3 });
    expect(allocateFefo([expired, today, fresh], 3, TODAY)).toEqual([{ batchId: fresh.id, warehouseId: WH, quantity: 3 }]);
    expect(allocateFefo([expired, today, fresh], 4, TODAY)).toBeNull();
    expect(availableUnits([expired, today, fresh], TODAY)).toBe(3);
  });

  it('counts only unreserved units; same expiry goes oldest receipt first', () => {
    const older = batch({ expiresOn: '2026-11-30', reserved: 8 });
    const newer = batch({ expiresOn: '2026-11-30' });
    expect(allocateFefo([newer, older], 5, TODAY)).toEqual([
      { batchId: older.id, warehouseId: WH, quantity: 2 },
      { batchId: newer.id, warehouseId: WH, quantity: 3 },
    ]);
  });
});

describe('near expiry', () => {
  it('uses the SKU threshold, else the category, else the default', () => {
    expect(nearExpiryDays({ sku: 1, category: 5 })).toBe(1);
    expect(nearExpiryDays({ sku: null, category: 5 })).toBe(5);
    expect(nearExpiryDays({})).toBe(3);
  });
  it('flags batches within the threshold but not expired or non-perishable ones', () => {
    expect(isNearExpiry({ expiresOn: '2026-11-28' }, TODAY, 3)).toBe(true);
    expect(isNearExpiry({ expiresOn: '2026-11-29' }, TODAY, 3)).toBe(false);
    expect(isNearExpiry({ expiresOn: TODAY }, TODAY, 3)).toBe(false);
    expect(isNearExpiry({ expiresOn: null }, TODAY, 3)).toBe(false);
  });
});

describe('low stock', () => {
  it('fires on the downward crossing only', () => {
    expect(crossedLowStock({ onHand: 10, reserved: 4 }, { onHand: 10, reserved: 5 }, 5)).toBe(true);
    expect(crossedLowStock({ onHand: 10, reserved: 5 }, { onHand: 10, reserved: 6 }, 5)).toBe(false);
    expect(crossedLowStock({ onHand: 10, reserved: 6 }, { onHand: 10, reserved: 5 }, 5)).toBe(false);
  });
});

describe('reservation plan', () => {
  const subs = new Map([['RAU', ['RAU-B', 'RAU-C']]]);

  it('substitutes only where the line allows it, with the first alternative that has enough', () => {
    const batches = [batch({ sku: 'RAU', remaining: 1 }), batch({ sku: 'RAU-B', remaining: 1 }), batch({ sku: 'RAU-C', remaining: 5 })];
    expect(candidateSkus(line({ allowSubstitution: false }), subs)).toEqual(['RAU']);
    const refused = planReservation([line({ quantity: 2 })], batches, subs, TODAY);
    expect(refused).toEqual({ ok: false, shortages: [{ lineId: 'l1', sku: 'RAU', requested: 2, available: 1 }] });
    const allowed = planReservation([line({ quantity: 2, allowSubstitution: true })], batches, subs, TODAY);
    expect(allowed.ok && allowed.reservations).toEqual([
      expect.objectContaining({ lineId: 'l1', sku: 'RAU-C', requestedSku: 'RAU', substituted: true, quantity: 2 }),
    ]);
  });

  it('keeps its own SKU when it has enough', () => {
    const plan = planReservation(
      [line({ quantity: 1, allowSubstitution: true })],
      [batch({ sku: 'RAU' }), batch({ sku: 'RAU-B' })],
      subs,
      TODAY,
    );
    expect(plan.ok && plan.reservations[0]).toMatchObject({ sku: 'RAU', substituted: false });
  });

  it('lines share one pool: two lines cannot both count the same units; all or nothing', () => {
    const batches = [batch({ sku: 'RAU', remaining: 3 })];
    const plan = planReservation([line({ lineId: 'a', quantity: 2 }), line({ lineId: 'b', quantity: 2 })], batches, subs, TODAY);
    expect(plan).toEqual({ ok: false, shortages: [{ lineId: 'b', sku: 'RAU', requested: 2, available: 1 }] });
  });

  it('splits a line over warehouses by expiry, one reservation per warehouse', () => {
    const a = batch({ sku: 'RAU', remaining: 2, expiresOn: '2026-11-27', warehouseId: WH2 });
    const b = batch({ sku: 'RAU', remaining: 5, expiresOn: '2026-11-29', warehouseId: WH });
    const plan = planReservation([line({ quantity: 4 })], [b, a], subs, TODAY);
    expect(plan.ok && plan.reservations.map((r) => [r.warehouseId, r.quantity])).toEqual([
      [WH2, 2],
      [WH, 2],
    ]);
  });
});
