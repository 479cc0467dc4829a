import type { Operation } from '../../harness/operation';

/** What the Basket corpus is computed from: demo sessions and ids read from the seeded catalog, once per run. */
export interface BasketContext {
  tokens: {
    admin: string;
    customer: string;
    vendor: string;
    /** A user registered for this one request, on this side only: for mutations that change their caller. */
    fresh?: string;
  };
  customerId: string;
  vendorId: string;
  vendorSlug: string;
  productId: string;
  productSlug: string;
  sku: string;
  categoryId: string;
  categorySlug: string;
  /** The end cursor of the first page of two products. */
  cursor: string;
  /** An email unique to this run that has no account. */
  unknownEmail: string;
  /** An email new for every request (each side registers its own account with it). */
  requestEmail: string;
  /** The other demo vendor's first product, its first SKU and its shop name: what vendor A may not touch or take. */
  otherProductId: string;
  otherSku: string;
  otherShopName: string;
}

export type BasketOperation = Operation<BasketContext> & {
  /** Each engine gets its own new user as the caller (ctx.tokens.fresh), so a write on one side cannot change the other's answer. */
  freshUser?: boolean;
};

export const bearer = (token: string | undefined): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
