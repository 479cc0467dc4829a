import {
  badInput,
  conflict,
  isUniqueViolation,
  decodeTimeCursor,
  forbidden,
  notFound,
  pageSize,
  parseInput,
  requireRole,
  toConnection,
  type Db,
  type Publish,
  type Viewer,
} from '@basket/platform';
import { z } from 'zod';
import * as productStore from '../db/products-store';
import * as variantStore from '../db/variants-store';
import { findCategoriesByIds, findCategoryBySlug } from '../db/categories-store';
import { activeVendors, findVendor } from '../db/vendors-store';
import type { ProductRow, VariantRow } from '../db/schema';
import { createProductInput, priceVnd, productFilter, sku, updateProductInput } from '../domain/inputs';
import { slugify } from '../domain/identifiers';

export interface ProductServiceDeps {
  db: Db;
  publish: Publish;
}

const uuid = z.uuid('must be a UUID');

/** The caller's own SKUs and barcodes that clash with existing variants. */
function clashes(wanted: { sku: string; barcode?: string | null }[], taken: VariantRow[]): string[] {
  const skus = new Set(taken.map((t) => t.sku));
  const barcodes = new Set(taken.map((t) => t.barcode));
  return wanted.flatMap((v) => [...(skus.has(v.sku) ? [v.sku] : []), ...(v.barcode && barcodes.has(v.barcode) ? [v.barcode] : [])]);
}

/** Vendors may manage only their own products; admins all. */
function assertCanManage(viewer: Viewer, product: ProductRow) {
  if (viewer.role === 'ADMIN') return;
  if (viewer.role === 'VENDOR' && viewer.userId === product.vendorId) return;
  throw forbidden('Only the product’s vendor or an admin may change it');
}

export function createProductService(deps: ProductServiceDeps) {
  const { db, publish } = deps;

  /**
   * The catalog's own read model decides who sells, not the token alone: a demoted
   * vendor's token stays valid for up to 15 minutes and must not change the catalog.
   */
  async function assertActiveSeller(actor: Viewer): Promise<Viewer> {
    if (actor.role === 'VENDOR' && !(await findVendor(db, actor.userId))?.active) throw forbidden('Your vendor account is not active');
    return actor;
  }

  async function list(args: { first?: number | null; after?: string | null; filter?: unknown }) {
    const limit = pageSize(args.first);
    const filter = parseInput(productFilter, args.filter ?? {});
    const rows = await productStore.listProducts(db, { filter, after: decodeTimeCursor(args.after), limit: limit + 1 });
    return toConnection(rows, limit);
  }

  return {
    list,

    /** By id or slug, before visibility: resolvers pass the result through isProductVisible. */
    async product(args: { id?: string | null; slug?: string | null }): Promise<ProductRow | null> {
      if (!args.id === !args.slug) throw badInput('Give exactly one of id or slug');
      return args.id
        ? (await productStore.findProductsByIds(db, [parseInput(uuid, args.id)]))[0] ?? null
        : productStore.findProductBySlug(db, args.slug!);
    },

    async category(args: { id?: string | null; slug?: string | null }) {
      if (!args.id === !args.slug) throw badInput('Give exactly one of id or slug');
      if (args.id) return (await findCategoriesByIds(db, [parseInput(uuid, args.id)]))[0] ?? null;
      return findCategoryBySlug(db, args.slug!);
    },

    activeVendors: () => activeVendors(db),

    async create(viewer: Viewer | null, raw: unknown, traceId: string): Promise<ProductRow> {
      const actor = requireRole(viewer, 'VENDOR', 'ADMIN');
      const input = parseInput(createProductInput, raw);
      let vendorId: string;
      if (actor.role === 'ADMIN') {
        if (!input.vendorId) throw badInput('Admins must give vendorId', [{ path: 'vendorId', message: 'required for admins' }]);
        vendorId = input.vendorId;
      } else {
        if (input.vendorId && input.vendorId !== actor.userId) throw forbidden('Vendors may only create their own products');
        vendorId = actor.userId;
      }
      if (actor.role === 'ADMIN' && !(await findVendor(db, vendorId))?.active) throw badInput('vendorId is not an active vendor');
      await assertActiveSeller(actor);
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
          traceId,
        );
        return product;
      });
      // The check above can lose a race with a concurrent insert; the unique index decides.
      return write.catch((err: unknown) => {
        if (isUniqueViolation(err)) throw conflict('SKU, barcode or slug already in use');
        throw err;
      });
    },

    async update(viewer: Viewer | null, rawId: unknown, raw: unknown, traceId: string): Promise<ProductRow> {
      const actor = await assertActiveSeller(requireRole(viewer, 'VENDOR', 'ADMIN'));
      const id = parseInput(uuid, rawId);
      const input = parseInput(updateProductInput, raw);
      if (input.categoryId && !(await findCategoriesByIds(db, [input.categoryId])).length) {
        throw badInput('Unknown category', [{ path: 'categoryId', message: 'no such category' }]);
      }
      return db.transaction(async (tx) => {
        const current = await productStore.lockProduct(tx, id);
        if (!current) throw notFound('Product');
        assertCanManage(actor, current);
        const perishable = input.perishable ?? current.perishable;
        const shelfLifeDays = input.shelfLifeDays === undefined ? current.shelfLifeDays : input.shelfLifeDays;
        if (shelfLifeDays && !perishable) throw badInput('Only perishables have a shelf life', [{ path: 'shelfLifeDays', message: 'only perishables have a shelf life' }]);
        const changed = Object.entries(input).filter(([, v]) => v !== undefined).map(([k]) => k);
        const product = await productStore.updateProduct(tx, id, input);
        await publish(
          tx,
          [{ type: 'ProductUpdated', aggregateId: id, data: { productId: id, vendorId: product.vendorId, status: product.status, changedFields: changed } }],
          traceId,
        );
        return product;
      });
    },

    async archive(viewer: Viewer | null, rawId: unknown, traceId: string): Promise<ProductRow> {
      const actor = await assertActiveSeller(requireRole(viewer, 'VENDOR', 'ADMIN'));
      const id = parseInput(uuid, rawId);
      return db.transaction(async (tx) => {
        const current = await productStore.lockProduct(tx, id);
        if (!current) throw notFound('Product');
        assertCanManage(actor, current);
        if (current.status === 'ARCHIVED') return current;
        const product = await productStore.updateProduct(tx, id, { status: 'ARCHIVED' });
        await publish(
          tx,
          [{ type: 'ProductUpdated', aggregateId: id, data: { productId: id, vendorId: product.vendorId, status: 'ARCHIVED', changedFields: ['status'] } }],
          traceId,
        );
        return product;
      });
    },

    async setPrice(viewer: Viewer | null, rawSku: unknown, rawPrice: unknown, traceId: string): Promise<VariantRow> {
      const actor = await assertActiveSeller(requireRole(viewer, 'VENDOR', 'ADMIN'));
      const { sku: code, price } = parseInput(z.object({ sku, price: priceVnd }), { sku: rawSku, price: rawPrice });
      return db.transaction(async (tx) => {
        const variant = await variantStore.lockVariant(tx, code);
        if (!variant) throw notFound('Variant');
        const [product] = await productStore.findProductsByIds(tx, [variant.productId]);
        assertCanManage(actor, product!);
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
          traceId,
        );
        return updated;
      });
    },
  };
}

export type ProductService = ReturnType<typeof createProductService>;
