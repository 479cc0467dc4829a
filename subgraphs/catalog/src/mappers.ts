/**
 * What each GraphQL object type's resolvers receive as parent, under the type's name;
 * codegen (codegen.ts) reads these exports.
 */
export type { ProductRow as Product, VariantRow as Variant, CategoryRow as Category, VendorRef as Vendor } from './db/schema';
