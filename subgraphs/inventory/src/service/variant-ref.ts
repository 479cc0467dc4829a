/** Catalog's Variant as inventory holds it: only its key; catalog resolves the rest. */
export interface VariantRef {
  sku: string;
}
