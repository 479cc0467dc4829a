import { DateTimeScalar } from '@basket/platform';
import type { Resolvers } from '../generated/resolvers-types';
import type { CatalogContext } from '../subgraph';
import type { ProductRow, VariantRow } from '../db/schema';
import { localized, resolveLocale } from '../domain/locale';
import { isProductVisible, type CatalogAccess } from '../domain/visibility';
import { isCatalogAdmin } from '../domain/read-models';

/** The caller as the catalog sees them: an admin only while its admins read model agrees with the token. */
async function access(ctx: CatalogContext): Promise<CatalogAccess | null> {
  const viewer = ctx.viewer;
  if (!viewer) return null;
  const admin = viewer.role === 'ADMIN' && isCatalogAdmin(viewer, await ctx.loaders.admin.load(viewer.userId));
  return { userId: viewer.userId, admin };
}

/** The product if this request may see it, else null (as if it did not exist). */
async function visible(ctx: CatalogContext, product: ProductRow | null): Promise<ProductRow | null> {
  if (!product) return null;
  const vendor = await ctx.loaders.vendor.load(product.vendorId);
  return isProductVisible(product, vendor?.active ?? false, await access(ctx)) ? product : null;
}

/** A variant is visible exactly when its product is. */
async function visibleVariant(ctx: CatalogContext, variant: VariantRow | null): Promise<VariantRow | null> {
  if (!variant) return null;
  return (await visible(ctx, await ctx.loaders.product.load(variant.productId))) ? variant : null;
}

/** Thin: arguments in, service or loader call, result out. */
export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    products: (_, args, ctx) => ctx.services.products.list(ctx, args),
    product: async (_, args, ctx) => visible(ctx, await ctx.services.products.product(ctx, args)),
    variant: async (_, { sku }, ctx) => visibleVariant(ctx, await ctx.loaders.variant.load(sku.trim().toUpperCase())),
    categories: async (_, __, ctx) => (await ctx.loaders.childrenOf.load(ROOT)) ?? [],
    category: (_, args, ctx) => ctx.services.products.category(ctx, args),
    vendors: async (_, __, ctx) => (await ctx.services.products.activeVendors(ctx)).map((v) => ({ id: v.id })),
    myProducts: (_, args, ctx) => ctx.services.products.mine(ctx, args),
  },
  Mutation: {
    createProduct: (_, args, ctx) => ctx.services.products.create(ctx, args),
    updateProduct: (_, args, ctx) => ctx.services.products.update(ctx, args),
    archiveProduct: (_, args, ctx) => ctx.services.products.archive(ctx, args),
    setVariantPrice: (_, args, ctx) => ctx.services.products.setPrice(ctx, args),
    unarchiveProduct: (_, args, ctx) => ctx.services.products.unarchive(ctx, args),
    addVariant: (_, args, ctx) => ctx.services.products.addVariant(ctx, args),
    removeVariant: (_, args, ctx) => ctx.services.products.removeVariant(ctx, args),
  },
  Subscription: {
    productChanged: {
      subscribe: (_, { id }, ctx) => ctx.services.productChanges.listen(id),
      // One context serves the whole subscription: forget what earlier events loaded, or the product would never change.
      resolve: async (productId: string, _: unknown, ctx: CatalogContext) => {
        for (const loader of Object.values(ctx.loaders)) loader.clearAll();
        return visible(ctx, await ctx.loaders.product.load(productId));
      },
    },
  },
  Product: {
    __resolveReference: async (ref, ctx) => visible(ctx, await ctx.loaders.product.load(ref.id)),
    name: (p, { locale }, ctx) => localized({ vi: p.nameVi, en: p.nameEn }, resolveLocale(locale, ctx.locale)),
    description: (p, { locale }, ctx) => localized({ vi: p.descriptionVi, en: p.descriptionEn }, resolveLocale(locale, ctx.locale)),
    category: async (p, _, ctx) => (await ctx.loaders.category.load(p.categoryId))!,
    vendor: (p) => ({ id: p.vendorId }),
    variants: (p, _, ctx) => ctx.loaders.variantsOfProduct.load(p.id),
    minPriceVnd: async (p, _, ctx) => Math.min(...(await ctx.loaders.variantsOfProduct.load(p.id)).map((v) => v.priceVnd)),
  },
  Variant: {
    __resolveReference: async (ref, ctx) => visibleVariant(ctx, await ctx.loaders.variant.load(ref.sku)),
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
    products: (v, args, ctx) => ctx.loaders.vendorProducts.load(JSON.stringify([v.id, args.first ?? null, args.after ?? null])),
  },
};

/** childrenOf's key for top-level categories. */
export const ROOT = 'root';
