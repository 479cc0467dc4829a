import { DateTimeScalar } from '@basket/platform';
import type { Resolvers } from '../generated/resolvers-types';
import { inventoryPolicy } from '../policy';
import type { InventoryContext } from '../subgraph';
import { availabilityKey } from '../loader-keys';

/** Stock by warehouse and thresholds are the SKU's vendor's and the admins' business only. */
async function mayReadStock(sku: string, ctx: InventoryContext): Promise<boolean> {
  if (!ctx.viewer) return false;
  const info = await ctx.loaders.skuInfo.load(sku);
  // A SKU catalog has not told us about yet has no vendor to show it to.
  return info ? inventoryPolicy.can(ctx.viewer, 'stock:read', info) : ctx.viewer.role === 'ADMIN';
}

/** Thin: arguments in, service or loader call, result out. */
export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    warehouses: (_, { region }, ctx) => ctx.services.warehouses.list(region ?? null),
    warehouse: (_, { id }, ctx) => ctx.loaders.warehouse.load(id),
  },
  Mutation: {
    receiveBatch: (_, args, ctx) => ctx.services.stock.receiveBatch(ctx, args),
    adjustStock: (_, args, ctx) => ctx.services.stock.adjustStock(ctx, args),
    setLowStockThreshold: async (_, args, ctx) => ({ sku: await ctx.services.stock.setLowStockThreshold(ctx, args) }),
    setNearExpiryThreshold: async (_, args, ctx) => {
      const target = await ctx.services.stock.setNearExpiryThreshold(ctx, args);
      return { ...target, days: args.input.days ?? null };
    },
    setSubstitutes: async (_, args, ctx) => ({ sku: await ctx.services.stock.setSubstitutes(ctx, args) }),
  },
  Warehouse: {
    __resolveReference: (ref, ctx) => ctx.loaders.warehouse.load(ref.id),
  },
  Variant: {
    // Inventory answers for any SKU: catalog decides whether it is visible at all.
    __resolveReference: (ref) => ({ sku: ref.sku }),
    stock: async (v, _, ctx) => ((await mayReadStock(v.sku, ctx)) ? ctx.loaders.stock.load(v.sku) : null),
    availability: (v, { region }, ctx) => ctx.loaders.availability.load(availabilityKey(v.sku, region)),
    substitutes: async (v, _, ctx) => (await ctx.loaders.substitutes.load(v.sku)).map((sku) => ({ sku })),
    stockSettings: async (v, _, ctx) => ((await mayReadStock(v.sku, ctx)) ? ctx.loaders.stockSettings.load(v.sku) : null),
  },
  StockLevel: {
    warehouse: async (s, _, ctx) => (await ctx.loaders.warehouse.load(s.warehouseId))!,
  },
  Batch: {
    warehouse: async (b, _, ctx) => (await ctx.loaders.warehouse.load(b.warehouseId))!,
    available: (b, _, ctx) => ctx.services.stock.freeUnits(b),
    expired: (b, _, ctx) => ctx.services.stock.isExpired(b),
    nearExpiry: async (b, _, ctx) => ctx.services.stock.isNearExpiry(b, (await ctx.loaders.stockSettings.load(b.sku)).nearExpiryDays),
  },
  AdjustStockResult: {
    __resolveType: (r) => r.__typename,
  },
};
