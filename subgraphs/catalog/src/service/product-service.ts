import {
  badInput,
  conflict,
  isUniqueViolation,
  decodeTimeCursor,
  notFound,
  pageSize,
  parseInput,
  toConnection,
  type Db,
  type Publish,
  type RequestScope,
} from '@basket/platform';
import { z } from 'zod';
import { slugify } from '@basket/schema';
import * as productStore from '../db/products-store';
import * as variantStore from '../db/variants-store';
import { findCategoriesByIds, findCategoryBySlug } from '../db/categories-store';
import { activeVendors, findVendor } from '../db/vendors-store';
import type { ProductRow, VariantRow } from '../db/schema';
import {
  createProductInput,
  priceVnd,
  productFilter,
  productStatus,
  sku,
  updateProductInput,
  variantInput,
  MAX_VARIANTS,
} from '../domain/inputs';
import type { CatalogPolicy } from '../policy';

export interface ProductServiceDeps {
  db: Db;
  publish: Publish;
  policy: CatalogPolicy;
}

const uuid = z.uuid('must be a UUID');

/** The caller's own SKUs and barcodes that clash with existing variants. */
function clashes(wanted: { sku: string; barcode?: string | null }[], taken: VariantRow[]): string[] {
  const skus = new Set(taken.map((t) => t.sku));
  const barcodes = new Set(taken.map((t) => t.barcode));
  return wanted.flatMap((v) => [...(skus.has(v.sku) ? [v.sku] : []), ...(v.barcode && barcodes.has(v.barcode) ? [v.barcode] : [])]);
}

/** A losing racer for a unique key gets CONFLICT, like the pre-check's loser would. */
function uniqueAsConflict(message: string) {
  return (err: unknown): never => {
    if (isUniqueViolation(err)) throw conflict(message);
    throw err;
  };
}

export function createProductService(deps: ProductServiceDeps) {
  const { db, publish, policy } = deps;

  async function list(_scope: RequestScope, args: { first?: number | null; after?: string | null; filter?: unknown }) {
    const limit = pageSize(args.first);
    const filter = parseInput(productFilter, args.filter ?? {});
    const rows = await productStore.listProducts(db, { filter, after: decodeTimeCursor(args.after), limit: limit + 1 });
    return toConnection(rows, limit);
  }

  /** Archives or unarchives; the same rules both ways. */
  async function setStatus(scope: RequestScope, args: { id: unknown }, status: ProductRow['status']): Promise<ProductRow> {
    const viewer = await policy.assertCan(scope.viewer, 'catalog:write');
    const id = parseInput(uuid, args.id);
    return db.transaction(async (tx) => {
      const current = await productStore.lockProduct(tx, id);
      if (!current) throw notFound('Product');
      await policy.assertCan(viewer, 'product:manage', current);
      if (current.status === status) return current;
      const product = await productStore.updateProduct(tx, id, { status });
      await publish(
        tx,
        [
          {
            type: 'ProductUpdated',
            aggregateId: id,
            data: { productId: id, vendorId: product.vendorId, status, changedFields: ['status'] },
          },
        ],
        scope.correlationId,
      );
      return product;
    });
  }

  return {
    list,

    /** The caller's own products in any status: what a vendor's back office lists. */
    async mine(scope: RequestScope, args: { status?: unknown; first?: number | null; after?: string | null }) {
      const me = await policy.assertCan(scope.viewer, 'product:listOwn');
      const status = parseInput(productStatus.nullish(), args.status);
      const limit = pageSize(args.first);
      const rows = await productStore.listVendorProducts(db, {
        vendorId: me.userId,
        status,
        after: decodeTimeCursor(args.after),
        limit: limit + 1,
      });
      return toConnection(rows, limit);
    },

    /** By id or slug, before visibility: resolvers pass the result through isProductVisible. */
    async product(_scope: RequestScope, args: { id?: string | null; slug?: string | null }): Promise<ProductRow | null> {
      if (!args.id === !args.slug) throw badInput('Give exactly one of id or slug');
      return args.id
        ? ((await productStore.findProductsByIds(db, [parseInput(uuid, args.id)]))[0] ?? null)
        : productStore.findProductBySlug(db, args.slug!);
    },

    async category(_scope: RequestScope, args: { id?: string | null; slug?: string | null }) {
      if (!args.id === !args.slug) throw badInput('Give exactly one of id or slug');
      if (args.id) return (await findCategoriesByIds(db, [parseInput(uuid, args.id)]))[0] ?? null;
      return findCategoryBySlug(db, args.slug!);
    },

    activeVendors: (_scope: RequestScope) => activeVendors(db),

    async create(scope: RequestScope, args: { input: unknown }): Promise<ProductRow> {
      const viewer = await policy.assertCan(scope.viewer, 'catalog:write');
      const input = parseInput(createProductInput, args.input);
      await policy.assertCan(viewer, 'product:create', input);
      let vendorId: string;
      if (viewer.role === 'ADMIN') {
        if (!input.vendorId) throw badInput('Admins must give vendorId', [{ path: 'vendorId', message: 'required for admins' }]);
        vendorId = input.vendorId;
        if (!(await findVendor(db, vendorId))?.active) throw badInput('vendorId is not an active vendor');
      } else {
        vendorId = viewer.userId;
      }
      const [category] = await findCategoriesByIds(db, [input.categoryId]);
      if (!category) throw badInput('Unknown category', [{ path: 'categoryId', message: 'no such category' }]);
      const slug = input.slug ?? slugify(`${input.nameVi}-${input.variants[0]!.sku}`);
      const write = db.transaction(async (tx) => {
        const taken = await variantStore.takenIdentifiers(
          tx,
          input.variants.map((v) => v.sku),
          input.variants.flatMap((v) => (v.barcode ? [v.barcode] : [])),
        );
        // Name only what the caller sent: the clashing rows may be another vendor's.
        if (taken.length) throw conflict(`SKU or barcode already in use: ${clashes(input.variants, taken).join(', ')}`);
        const { variants: variantInputs, vendorId: _ignored, ...fields } = input;
        const product = await productStore.insertProduct(tx, { ...fields, slug, vendorId, categoryId: category.id });
        if (!product) throw conflict(`Slug "${slug}" is already in use`);
        const created = await variantStore.insertVariants(
          tx,
          variantInputs.map((v) => ({ ...v, productId: product.id })),
        );
        await publish(
          tx,
          [
            {
              type: 'ProductCreated',
              aggregateId: product.id,
              data: {
                productId: product.id,
                vendorId,
                categoryId: category.id,
                nameVi: product.nameVi,
                nameEn: product.nameEn ?? product.nameVi,
                variants: created.map((v) => ({ sku: v.sku, unit: v.unitVi, priceVnd: v.priceVnd })),
              },
            },
          ],
          scope.correlationId,
        );
        return product;
      });
      // The check above can lose a race with a concurrent insert; the unique index decides.
      return write.catch(uniqueAsConflict('SKU, barcode or slug already in use'));
    },

    async update(scope: RequestScope, args: { id: unknown; input: unknown }): Promise<ProductRow> {
      const viewer = await policy.assertCan(scope.viewer, 'catalog:write');
      const id = parseInput(uuid, args.id);
      const input = parseInput(updateProductInput, args.input);
      if (input.categoryId && !(await findCategoriesByIds(db, [input.categoryId])).length) {
        throw badInput('Unknown category', [{ path: 'categoryId', message: 'no such category' }]);
      }
      return db.transaction(async (tx) => {
        const current = await productStore.lockProduct(tx, id);
        if (!current) throw notFound('Product');
        await policy.assertCan(viewer, 'product:manage', current);
        const perishable = input.perishable ?? current.perishable;
        const shelfLifeDays = input.shelfLifeDays === undefined ? current.shelfLifeDays : input.shelfLifeDays;
        if (shelfLifeDays && !perishable)
          throw badInput('Only perishables have a shelf life', [{ path: 'shelfLifeDays', message: 'only perishables have a shelf life' }]);
        const changed = Object.entries(input)
          .filter(([, v]) => v !== undefined)
          .map(([k]) => k);
        const product = await productStore.updateProduct(tx, id, input);
        await publish(
          tx,
          [
            {
              type: 'ProductUpdated',
              aggregateId: id,
              data: { productId: id, vendorId: product.vendorId, status: product.status, changedFields: changed },
            },
          ],
          scope.correlationId,
        );
        return product;
      });
    },

    archive: (scope: RequestScope, args: { id: unknown }) => setStatus(scope, args, 'ARCHIVED'),
    unarchive: (scope: RequestScope, args: { id: unknown }) => setStatus(scope, args, 'ACTIVE'),

    async setPrice(scope: RequestScope, args: { sku: unknown; priceVnd: unknown }): Promise<VariantRow> {
      const viewer = await policy.assertCan(scope.viewer, 'catalog:write');
      const { sku: code, price } = parseInput(z.object({ sku, price: priceVnd }), { sku: args.sku, price: args.priceVnd });
      return db.transaction(async (tx) => {
        const variant = await variantStore.lockVariant(tx, code);
        if (!variant) throw notFound('Variant');
        const [product] = await productStore.findProductsByIds(tx, [variant.productId]);
        await policy.assertCan(viewer, 'product:manage', product!);
        if (variant.priceVnd === price) return variant;
        const updated = await variantStore.setPrice(tx, code, price);
        await publish(
          tx,
          [
            {
              type: 'VariantPriceChanged',
              aggregateId: variant.productId,
              data: { productId: variant.productId, sku: code, previousPriceVnd: variant.priceVnd, priceVnd: price },
            },
          ],
          scope.correlationId,
        );
        return updated;
      });
    },

    /** A new SKU on the caller's product; the product row is locked so the variant count holds. */
    async addVariant(scope: RequestScope, args: { productId: unknown; input: unknown }): Promise<VariantRow> {
      const viewer = await policy.assertCan(scope.viewer, 'catalog:write');
      const productId = parseInput(uuid, args.productId);
      const input = parseInput(variantInput, args.input);
      const write = db.transaction(async (tx) => {
        const product = await productStore.lockProduct(tx, productId);
        if (!product) throw notFound('Product');
        await policy.assertCan(viewer, 'product:manage', product);
        if ((await variantStore.countVariants(tx, productId)) >= MAX_VARIANTS) {
          throw badInput(`A product has at most ${MAX_VARIANTS} variants`, [
            { path: 'productId', message: `already has ${MAX_VARIANTS} variants` },
          ]);
        }
        const taken = await variantStore.takenIdentifiers(tx, [input.sku], input.barcode ? [input.barcode] : []);
        if (taken.length) throw conflict(`SKU or barcode already in use: ${clashes([input], taken).join(', ')}`);
        const [variant] = await variantStore.insertVariants(tx, [{ ...input, productId }]);
        await productStore.updateProduct(tx, productId, {});
        await publish(
          tx,
          [
            {
              type: 'VariantAdded',
              aggregateId: productId,
              data: {
                productId,
                vendorId: product.vendorId,
                sku: variant!.sku,
                unit: variant!.unitVi,
                priceVnd: variant!.priceVnd,
                barcode: variant!.barcode,
              },
            },
          ],
          scope.correlationId,
        );
        return variant!;
      });
      return write.catch(uniqueAsConflict('SKU or barcode already in use'));
    },

    /** Removes a SKU; the last one stays, since a product is sold through its variants. */
    async removeVariant(scope: RequestScope, args: { sku: unknown }): Promise<ProductRow> {
      const viewer = await policy.assertCan(scope.viewer, 'catalog:write');
      const code = parseInput(sku, args.sku);
      return db.transaction(async (tx) => {
        const [found] = await variantStore.findVariantsBySkus(tx, [code]);
        if (!found) throw notFound('Variant');
        // Lock the product first (as addVariant does), then re-read: concurrent removals serialise here.
        const product = await productStore.lockProduct(tx, found.productId);
        await policy.assertCan(viewer, 'product:manage', product!);
        const variant = await variantStore.lockVariant(tx, code);
        if (!variant || variant.productId !== product!.id) throw notFound('Variant');
        if ((await variantStore.countVariants(tx, product!.id)) <= 1)
          throw conflict('A product keeps at least one variant; archive the product instead');
        await variantStore.deleteVariant(tx, code);
        const updated = await productStore.updateProduct(tx, product!.id, {});
        await publish(
          tx,
          [{ type: 'VariantRemoved', aggregateId: product!.id, data: { productId: product!.id, vendorId: product!.vendorId, sku: code } }],
          scope.correlationId,
        );
        return updated;
      });
    },
  };
}

export type ProductService = ReturnType<typeof createProductService>;
/** One page of products, as list returns it. */
export type ProductPage = Awaited<ReturnType<ProductService['list']>>;
