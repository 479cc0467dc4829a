/**
 * What each GraphQL object type's resolvers receive as parent, by GraphQL type name
 * (codegen reads this file's exports).
 */
export type { WarehouseRow as Warehouse, BatchRow as Batch } from './db/schema';
export type { VariantRef as Variant } from './service/variant-ref';
export type {
  StockLevelView as StockLevel,
  AvailabilityView as Availability,
  StockSettingsView as StockSettings,
} from './service/stock-view';
export type { StockAdjusted as StockAdjustment, InsufficientStockResult as InsufficientStock } from './service/stock-service';
