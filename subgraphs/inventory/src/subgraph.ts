import path from 'node:path';
import { defineSubgraph, loader, type ContextOf, type PlatformDeps, type SubgraphManifest } from '@basket/platform';
import { tables } from './db/schema';
import { skuInfos } from './db/catalog-store';
import { findWarehousesByIds, listWarehouses } from './db/warehouses-store';
import { substitutesOf } from './db/settings-store';
import { vietnamDate } from './domain/dates';
import { createReservationService } from './service/reservation-service';
import { createStockService } from './service/stock-service';
import { availabilities, stockSettings, stockViews } from './service/stock-view';
import { catalogHandlers } from './events';
import { inventoryCommandHandlers } from './commands';
import { parseAvailabilityKey } from './loader-keys';
import { seedInventory } from './seed/seed';
import { expiryWriteOffJob, reservationExpiryJob } from './jobs/stock-jobs';
import type { Periodic } from '@basket/platform';
import { resolvers } from './resolvers';

/** How often reservations past their TTL are released: the TTL is honoured to within this. */
export const RESERVATION_EXPIRY_INTERVAL_MS = 2_000;
/** Expired batches are written off a few times an hour; they are never sold meanwhile anyway. */
export const EXPIRY_WRITE_OFF_INTERVAL_MS = 15 * 60_000;

/**
 * The background jobs of each process's instance, built with its services and run
 * between the subgraph's start and stop (the manifest has no hook for jobs yet).
 */
const jobsOf = new WeakMap<PlatformDeps, Periodic[]>();

/** The inventory subgraph: warehouses, stock as a ledger with FEFO batches, TTL reservations, substitutes. */
const inventory = defineSubgraph({
  name: 'inventory',
  root: path.join(__dirname, '..'),
  tables,
  services: ({ db, publish, logger, deps }) => {
    const services = {
      stock: createStockService({ db, publish }),
      reservations: createReservationService({ db }),
      warehouses: { list: (region: Parameters<typeof listWarehouses>[1]) => listWarehouses(db, region) },
    };
    jobsOf.set(deps, [
      reservationExpiryJob({ db, publish, logger, reservations: services.reservations }, RESERVATION_EXPIRY_INTERVAL_MS),
      expiryWriteOffJob({ stock: services.stock, logger }, EXPIRY_WRITE_OFF_INTERVAL_MS),
    ]);
    return services;
  },
  loaders: ({ db }) => ({
    warehouse: loader.keyed(
      (ids: readonly string[]) => findWarehousesByIds(db, ids),
      (w) => w.id,
    ),
    skuInfo: loader.keyed(
      (skus: readonly string[]) => skuInfos(db, skus),
      (i) => i.sku,
    ),
    stock: loader.grouped(
      (skus: readonly string[]) => stockViews(db, skus, vietnamDate(new Date())),
      (s) => s.sku,
    ),
    stockSettings: loader.batch((skus: readonly string[]) => stockSettings(db, skus)),
    substitutes: loader.batch(async (skus: readonly string[]) => {
      const bySku = await substitutesOf(db, skus);
      return skus.map((sku) => bySku.get(sku) ?? []);
    }),
    availability: loader.batch((keys: readonly string[]) => availabilities(db, keys.map(parseAvailabilityKey), vietnamDate(new Date()))),
  }),
  consumers: ({ services, publish, logger }) => ({
    ...catalogHandlers,
    ...inventoryCommandHandlers({ reservations: services.reservations, publish, logger }),
  }),
  seed: async ({ db, logger }) => {
    const batches = await seedInventory(db);
    if (batches) logger.info({ batches }, 'seeded demo stock');
  },
});

/** What every inventory resolver gets; inferred from the declaration above. */
export type InventoryContext = ContextOf<typeof inventory>;

const manifest = inventory.withResolvers(resolvers);

/** The manifest, with the TTL and write-off jobs running while the subgraph does. */
const withJobs: SubgraphManifest<'inventory', InventoryContext> = {
  ...manifest,
  create(deps) {
    const subgraph = manifest.create(deps);
    const jobs = jobsOf.get(deps) ?? [];
    return {
      ...subgraph,
      async start() {
        await subgraph.start();
        for (const job of jobs) job.start();
      },
      async stop() {
        await Promise.all(jobs.map((job) => job.stop()));
        await subgraph.stop();
      },
    };
  },
};

export default withJobs;
