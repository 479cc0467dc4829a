import { DateTimeScalar } from '@basket/platform';
import type { Resolvers } from '../generated/resolvers-types';
import { localized, resolveLocale } from '../domain/locale';

/** Thin: arguments in, service or loader call, result out. */
export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    products: (_, args, ctx) => ctx.services.products.list(args),
    product: (_, args, ctx) => ctx.services.products.product(ctx.viewer, args),
    variant: (_, { sku }, ctx) => ctx.loaders.variant.load(sku.trim().toUpperCase()),
    categories: async (_, __, ctx) => (await ctx.loaders.childrenOf.load(ROOT)) ?? [],
    category: (_, args, ctx) => ctx.services.products.category(args),
    vendors: async (_, __, ctx) => (await ctx.services.products.activeVendors()).map((v) => ({ id: v.id })),
  },
  Mutation: {
    createProduct: (_, { input }, ctx) => ctx.services.products.create(ctx.viewer, input, ctx.correlationId),
    updateProduct: (_, { id, input }, ctx) => ctx.services.products.update(ctx.viewer, id, input, ctx.correlationId),
    archiveProduct: (_, { id }, ctx) => ctx.services.products.archive(ctx.viewer, id, ctx.correlationId),
    setVariantPrice: (_, { sku, priceVnd }, ctx) => ctx.services.products.setPrice(ctx.viewer, sku, priceVnd, ctx.correlationId),
  },
  Product: {
    __resolveReference: (ref, ctx) => ctx.loaders.product.load(ref.id),
    name: (p, { locale }, ctx) => localized({ vi: p.nameVi, en: p.nameEn }, resolveLocale(locale, ctx.locale)),
    description: (p, { locale }, ctx) => localized({ vi: p.descriptionVi, en: p.descriptionEn }, resolveLocale(locale, ctx.locale)),
    category: async (p, _, ctx) => (await ctx.loaders.category.load(p.categoryId))!,
    vendor: (p) => ({ id: p.vendorId }),
    variants: (p, _, ctx) => ctx.loaders.variantsOfProduct.load(p.id),
    minPriceVnd: async (p, _, ctx) => Math.min(...(await ctx.loaders.variantsOfProduct.load(p.id)).map((v) => v.priceVnd)),
  },
  Variant: {
    __resolveReference: (ref, ctx) => ctx.loaders.variant.load(ref.sku),
    unit: (v, { locale }, ctx) => localized({ vi: v.unitVi, en: v.unitEn }, resolveLocale(locale, ctx.locale)),
    product: async (v, _, ctx) => (await ctx.loaders.product.load(v.productId))!,
  },
  Category: {
    __resolveReference: (ref, ctx) => ctx.loaders.category.load(ref.id),
    name: (c, { locale }, ctx) => localized({ vi: c.nameVi, en: c.nameEn }, resolveLocale(locale, ctx.locale)),
    parent: (c, _, ctx) => (c.parentId ? ctx.loaders.category.load(c.parentId) : null),
    children: (c, _, ctx) => ctx.loaders.childrenOf.load(c.id),
  },
  Vendor: {
    __resolveReference: (ref) => ({ id: ref.id }),
    products: (v, args, ctx) => ctx.services.products.vendorProducts(v.id, args),
  },
};

/** childrenOf's key for top-level categories. */
export const ROOT = 'root';
