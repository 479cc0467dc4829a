import { randomUUID } from 'node:crypto';
import { demoAccounts } from '@basket/platform';
// The catalog's seed file is the one list of demo SKUs (inventory's seed reads it too).
import { demoProducts } from '@basket/catalog/src/seed/demo-catalog';
import { ADD_TO_CART, call, LOGIN, RECEIVE, REGISTER, WAREHOUSES } from './client';

/** A signed-in shopper of the benchmark. */
export interface Shopper {
  userId: string;
  token: string;
}

/** In Hà Nội this demo SKU has only an expired batch (inventory's seed), so it is left out. */
const SHORT_IN_HA_NOI = 'VEG-RAU-MUONG-BO-500G';

/**
 * Non-perishable demo SKUs (one batch without a date, so FEFO never has to skip an
 * expired one): the shoppers spread over several, as real carts would, rather than all
 * queueing on one stock row.
 */
export function benchSkus(count: number): string[] {
  const skus = demoProducts
    .filter((p) => !p.perishable)
    .flatMap((p) => p.variants.map((v) => v.sku))
    .filter((sku) => sku !== SHORT_IN_HA_NOI);
  if (skus.length < count) throw new Error(`only ${skus.length} non-perishable demo SKUs, asked for ${count}`);
  return skus.slice(0, count);
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries `attempt` until it resolves (the stack is still learning the demo catalog from Kafka), or fails after timeoutMs. */
async function eventually<T>(what: string, attempt: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${String(err)}`);
      await delay(500);
    }
  }
}

/** Runs `work` over items, `width` at a time. */
async function inBatches<T, R>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!, i);
      }
    }),
  );
  return results;
}

export async function registerShoppers(url: string, count: number): Promise<Shopper[]> {
  const run = randomUUID().slice(0, 8);
  return inBatches(
    Array.from({ length: count }, (_, i) => i),
    4,
    async (i) => {
      const input = { email: `bench-${run}-${i}@bench.basket.local`, password: 'bench-pass-1', name: `Khách ${i}` };
      const data = await call<{ register: { accessToken: string; user: { id: string } } }>(url, REGISTER, { i: input });
      return { userId: data.register.user.id, token: data.register.accessToken };
    },
  );
}

/**
 * Stocks the SKUs in Hà Nội with `units` each, received by the demo admin through
 * inventory's admin mutation, once inventory and orders have learnt them from
 * catalog's events (a shopper's addToCart succeeding shows orders has).
 */
export async function stockSkus(url: string, skus: readonly string[], units: number, probe: Shopper): Promise<void> {
  const admin = await call<{ login: { accessToken: string } }>(url, LOGIN, {
    i: { email: demoAccounts.admin.email, password: demoAccounts.admin.password },
  });
  const token = admin.login.accessToken;
  const [warehouse] = (await call<{ warehouses: { id: string }[] }>(url, WAREHOUSES, { r: 'HA_NOI' })).warehouses;
  if (!warehouse) throw new Error('no warehouse in HA_NOI: was the demo seeded (SEED_DEMO=true)?');
  for (const sku of skus) {
    await eventually(`inventory to learn ${sku}`, () =>
      call(url, RECEIVE, { i: { sku, warehouseId: warehouse.id, quantity: units } }, token),
    );
    await eventually(`orders to learn ${sku}`, () => call(url, ADD_TO_CART, { i: { sku, quantity: 1 } }, probe.token));
  }
}
