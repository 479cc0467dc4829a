import type { Db } from '@basket/platform';
// Demo data only: the catalog's seed file is the one list of demo SKUs, so the two
// seeds agree without inventory reading catalog's tables or waiting for its events.
import { demoProducts } from '@basket/catalog/src/seed/demo-catalog';
import * as stock from '../db/stock-store';
import { ensureWarehouse, listWarehouses } from '../db/warehouses-store';
import { replaceSubstitutes, setSkuThreshold } from '../db/settings-store';
import { addDays, vietnamDate } from '../domain/dates';
import type { RegionName } from '../db/schema';

export const demoWarehouses = [
  { code: 'HN-LB', name: 'Kho Long Biên', region: 'HA_NOI' },
  { code: 'HCM-TD', name: 'Kho Thủ Đức', region: 'HO_CHI_MINH' },
] as const satisfies readonly { code: string; name: string; region: RegionName }[];

/** Same-vendor alternatives a shopper would accept, first choice first. */
export const demoSubstitutes: Record<string, string[]> = {
  'VEG-RAU-MUONG-BO-500G': ['VEG-RAU-MUONG-VIETGAP-BO-500G', 'VEG-RAU-MUONG-HUU-CO-BO-500G'],
  'VEG-RAU-MUONG-1KG': ['VEG-RAU-MUONG-VIETGAP-1KG', 'VEG-RAU-MUONG-HUU-CO-1KG'],
  'VEG-CAI-THIA-500G': ['VEG-CAI-THIA-DA-LAT-500G', 'VEG-CAI-THIA-HUU-CO-500G'],
  'VEG-CAI-NGOT-500G': ['VEG-CAI-NGOT-HUU-CO-500G'],
  'VEG-CAI-BO-XOI-300G': ['VEG-CAI-BO-XOI-DA-LAT-300G', 'VEG-CAI-BO-XOI-HUU-CO-300G'],
};

/**
 * In Hà Nội this SKU only has a batch past its date: the storefront shows it out of
 * stock there, and a line that allows substitution gets the VietGAP one instead.
 */
export const DEMO_SHORT_IN_HA_NOI = 'VEG-RAU-MUONG-BO-500G';

/** Rows per insert statement (Postgres allows 65,535 parameters). */
const SEED_CHUNK = 500;

interface DemoBatch {
  sku: string;
  warehouseCode: string;
  quantity: number;
  expiresOn: string | null;
}

/** A small deterministic number from a string (FNV-1a), so every run stocks the same. */
function spread(text: string, modulo: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h % modulo;
}

/**
 * The demo batches as of `today`: perishables in two batches (one close to its date,
 * one fresh, so FEFO and the near-expiry flag show), non-perishables in one without a
 * date; every SKU in both regions. Pure and deterministic for a given day.
 */
export function demoBatches(today: string): DemoBatch[] {
  return demoProducts.flatMap((p) =>
    p.variants.flatMap((v) =>
      demoWarehouses.flatMap(({ code }): DemoBatch[] => {
        const quantity = 20 + spread(`${v.sku}:${code}`, 41);
        if (v.sku === DEMO_SHORT_IN_HA_NOI && code === 'HN-LB') {
          return [{ sku: v.sku, warehouseCode: code, quantity: 8, expiresOn: addDays(today, -1) }];
        }
        if (!p.perishable || !p.shelfLifeDays) return [{ sku: v.sku, warehouseCode: code, quantity, expiresOn: null }];
        const life = p.shelfLifeDays;
        return [
          {
            sku: v.sku,
            warehouseCode: code,
            quantity: Math.ceil(quantity / 3),
            expiresOn: addDays(today, Math.max(1, Math.floor(life / 3))),
          },
          { sku: v.sku, warehouseCode: code, quantity, expiresOn: addDays(today, life) },
        ];
      }),
    ),
  );
}

/**
 * Demo stock for embedded mode: the two warehouses, batches for every demo SKU,
 * substitutes and a low-stock threshold or two. Runs once (skipped when the demo
 * warehouses exist), in one transaction; receipts go through the ledger like any other.
 */
export async function seedInventory(db: Db, now = new Date()): Promise<number> {
  const existing = await listWarehouses(db);
  if (existing.some((w) => w.code === demoWarehouses[0].code)) return 0;
  const today = vietnamDate(now);
  return db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const w of demoWarehouses) ids.set(w.code, (await ensureWarehouse(tx, { ...w })).id);
    const batches = demoBatches(today);
    // In bulk: ~1,500 receipts one by one take seconds on PGlite. The counters are the
    // ledger's sums, written once; nothing else can touch these brand-new rows yet.
    const totals = new Map<string, { sku: string; warehouseId: string; onHand: number }>();
    for (const b of batches) {
      const warehouseId = ids.get(b.warehouseCode)!;
      const total = totals.get(`${b.sku}:${warehouseId}`) ?? { sku: b.sku, warehouseId, onHand: 0 };
      total.onHand += b.quantity;
      totals.set(`${b.sku}:${warehouseId}`, total);
    }
    await stock.insertStockLevels(tx, [...totals.values()]);
    for (let i = 0; i < batches.length; i += SEED_CHUNK) {
      const chunk = batches.slice(i, i + SEED_CHUNK);
      const rows = await stock.insertBatches(
        tx,
        chunk.map((b) => ({
          sku: b.sku,
          warehouseId: ids.get(b.warehouseCode)!,
          expiresOn: b.expiresOn,
          quantity: b.quantity,
          remaining: b.quantity,
        })),
      );
      await stock.insertMovements(
        tx,
        rows.map((r) => ({
          sku: r.sku,
          warehouseId: r.warehouseId,
          batchId: r.id,
          kind: 'receipt' as const,
          quantity: r.quantity,
          onHandDelta: r.quantity,
          reservedDelta: 0,
          reason: 'demo stock',
        })),
      );
    }
    const known = new Set(batches.map((b) => b.sku));
    for (const [sku, alternatives] of Object.entries(demoSubstitutes)) {
      if (known.has(sku))
        await replaceSubstitutes(
          tx,
          sku,
          alternatives.filter((a) => known.has(a)),
        );
    }
    await setSkuThreshold(tx, 'VEG-CAI-THIA-500G', { lowStock: 10, nearExpiryDays: 2 });
    return batches.length;
  });
}
