import { randomUUID } from 'node:crypto';
import { ok } from './graphql';
import type { Session } from './users';

export const CREATE_PRODUCT =
  'mutation($i: CreateProductInput!) { createProduct(input: $i) { id slug status vendor { id } variants { sku priceVnd } } }';

let firstLeafCategory: Promise<string> | undefined;

/** A category products can be created in (the first subcategory of the seeded tree). */
export function categoryId(): Promise<string> {
  firstLeafCategory ??= ok('{ categories { children { id } } }').then((d) => d.categories[0].children[0].id as string);
  return firstLeafCategory;
}

/** A product input unique to one call: SKUs and names carry a random tag. */
export async function productInput(overrides: Record<string, unknown> = {}) {
  const tag = randomUUID().slice(0, 8).toUpperCase();
  return {
    categoryId: await categoryId(),
    nameVi: `Cải thìa ${tag}`,
    descriptionVi: 'Cải thìa hữu cơ.',
    variants: [
      { sku: `TEST-CT-${tag}-300G`, unitVi: '300 g', priceVnd: 12000 },
      { sku: `TEST-CT-${tag}-1KG`, unitVi: '1 kg', priceVnd: 35000 },
    ],
    ...overrides,
  };
}

export interface CreatedProduct {
  id: string;
  slug: string;
  status: string;
  variants: { sku: string; priceVnd: number }[];
}

/** Creates a product as this vendor (or, with vendorId in overrides, as an admin). */
export async function createProduct(owner: Session, overrides: Record<string, unknown> = {}): Promise<CreatedProduct> {
  return (await ok(CREATE_PRODUCT, { i: await productInput(overrides) }, { token: owner.accessToken })).createProduct;
}

/** A fresh EAN-13 barcode: 893 (Vietnam), nine digits from the clock and randomness, and its check digit. */
export function freshEan13(): string {
  const body = `893${String(Date.now()).slice(-5)}${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return body + String((10 - (sum % 10)) % 10);
}

/** Names the vendor's shop (accounts' setShop); returns the vendor's name and slug. */
export async function setShop(vendor: Session, name: string): Promise<{ id: string; name: string; slug: string }> {
  return (await ok('mutation($i: ShopInput!) { setShop(input: $i) { id name slug } }', { i: { name } }, { token: vendor.accessToken }))
    .setShop;
}
