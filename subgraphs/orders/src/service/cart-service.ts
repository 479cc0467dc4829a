import { createHash, randomBytes } from 'node:crypto';
import { badInput, notFound, parseInput, type Db, type RequestScope, type Tx } from '@basket/platform';
import * as cartStore from '../db/carts-store';
import { findSkus, isSellable } from '../db/skus-store';
import type { CartLineRow, CartRow, SkuRow } from '../db/schema';
import { addToCartInput, guestToken as guestTokenInput, MAX_CART_LINES, updateCartLineInput } from '../domain/inputs';
import { priceChanged, quoteCart, type CartQuote } from '../domain/cart-quote';
import { ordersPolicy } from '../policy';

/** A cart line as the customer sees it: both prices when the price moved since adding. */
export interface CartLineView {
  id: string;
  sku: string;
  quantity: number;
  allowSubstitution: boolean;
  priceAtAddVnd: number;
  /** Null when the SKU is no longer sold. */
  currentPriceVnd: number | null;
  priceChanged: boolean;
  available: boolean;
  lineTotalVnd: number;
  item: SkuRow | null;
}

export interface CartView {
  id: string;
  customerId: string | null;
  lines: CartLineView[];
  quote: CartQuote;
  /** Only in the answer that created a guest cart: the bearer secret that names it from then on. */
  guestToken: string | null;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Lines priced from the catalog read model (one query for the whole cart, never a call per line). */
export async function viewCart(db: Db | Tx, cart: CartRow, lines?: CartLineRow[], guestToken: string | null = null): Promise<CartView> {
  const rows = lines ?? (await cartStore.linesOfCarts(db, [cart.id]));
  const items = new Map(
    (
      await findSkus(
        db,
        rows.map((l) => l.sku),
      )
    ).map((s) => [s.sku, s]),
  );
  const views = rows.map((l): CartLineView => {
    const item = items.get(l.sku) ?? null;
    const currentPriceVnd = isSellable(item) ? item.priceVnd : null;
    const priced = { quantity: l.quantity, priceAtAddVnd: l.priceAtAddVnd, currentPriceVnd };
    return {
      id: l.id,
      sku: l.sku,
      quantity: l.quantity,
      allowSubstitution: l.allowSubstitution,
      priceAtAddVnd: l.priceAtAddVnd,
      currentPriceVnd,
      priceChanged: priceChanged(priced),
      available: currentPriceVnd !== null,
      lineTotalVnd: (currentPriceVnd ?? 0) * l.quantity,
      item,
    };
  });
  return { id: cart.id, customerId: cart.customerId, lines: views, quote: quoteCart(views), guestToken };
}

/**
 * Carts: one per customer, created on first use, and guest carts named by a token the
 * API hands out once. A signed-in caller who passes a guest token gets the guest's
 * lines merged into their own cart (at sign-in, or on first cart access with it).
 */
export function createCartService(deps: { db: Db }) {
  const { db } = deps;

  /** The cart a call works on, locked; creates the guest cart (and its token) when asked to. */
  async function cartFor(tx: Tx, scope: RequestScope, token: string | null | undefined, createGuest: boolean) {
    const viewer = scope.viewer;
    if (viewer) {
      const cart = await cartStore.ensureCustomerCart(tx, viewer.userId);
      if (token) {
        const guest = await cartStore.findGuestCart(tx, hashToken(token));
        if (guest && (await cartStore.lockCart(tx, guest.id))) await cartStore.mergeGuestCart(tx, guest.id, cart.id);
      }
      return { cart, newToken: null };
    }
    if (token) {
      const guest = await cartStore.findGuestCart(tx, hashToken(token));
      if (!guest) throw notFound('Cart');
      return { cart: (await cartStore.lockCart(tx, guest.id))!, newToken: null };
    }
    if (!createGuest) return null;
    const fresh = randomBytes(32).toString('base64url');
    return { cart: await cartStore.insertGuestCart(tx, hashToken(fresh)), newToken: fresh };
  }

  return {
    /** The caller's cart (merging the guest cart named by guestToken); null for a guest without a token. */
    async cart(scope: RequestScope, args: { guestToken?: string | null }): Promise<CartView | null> {
      const token = args.guestToken ? parseInput(guestTokenInput, args.guestToken) : null;
      if (!scope.viewer && !token) return null;
      return db.transaction(async (tx) => {
        const found = await cartFor(tx, scope, token, false);
        return found && viewCart(tx, found.cart);
      });
    },

    /** A customer's own cart, for User.cart: read only, null until they first add something (or for anyone else). */
    async customerCart(scope: RequestScope, args: { customerId: string }): Promise<CartView | null> {
      if (!(await ordersPolicy.can(scope.viewer, 'cart:use', { customerId: args.customerId }))) return null;
      const cart = await cartStore.findCustomerCart(db, args.customerId);
      return cart && viewCart(db, cart);
    },

    /** An empty guest cart and its token, for anonymous callers; a signed-in caller gets their own cart. */
    async createCart(scope: RequestScope): Promise<CartView> {
      return db.transaction(async (tx) => {
        const found = (await cartFor(tx, scope, null, true))!;
        return viewCart(tx, found.cart, undefined, found.newToken);
      });
    },

    async addToCart(scope: RequestScope, args: { input: unknown }): Promise<CartView> {
      const input = parseInput(addToCartInput, args.input);
      const [item] = await findSkus(db, [input.sku]);
      if (!isSellable(item)) throw badInput('This SKU is not for sale', [{ path: 'sku', message: 'unknown or no longer sold' }]);
      return db.transaction(async (tx) => {
        const found = (await cartFor(tx, scope, input.guestToken, true))!;
        const lines = await cartStore.linesOfCarts(tx, [found.cart.id]);
        if (lines.length >= MAX_CART_LINES && !lines.some((l) => l.sku === input.sku)) {
          throw badInput(`A cart holds at most ${MAX_CART_LINES} lines`, [{ path: 'sku', message: 'the cart is full' }]);
        }
        await cartStore.addLine(tx, {
          cartId: found.cart.id,
          sku: input.sku,
          quantity: input.quantity,
          priceAtAddVnd: item.priceVnd,
          allowSubstitution: input.allowSubstitution,
        });
        return viewCart(tx, found.cart, undefined, found.newToken);
      });
    },

    /** Sets a line's quantity (0 removes it) or its substitution choice. */
    async updateCartLine(scope: RequestScope, args: { input: unknown }): Promise<CartView> {
      const input = parseInput(updateCartLineInput, args.input);
      return db.transaction(async (tx) => {
        const found = await cartFor(tx, scope, input.guestToken, false);
        if (!found) throw badInput('Give guestToken or sign in', [{ path: 'guestToken', message: 'required for guests' }]);
        const changed = await cartStore.setLine(tx, found.cart.id, input.sku, input);
        if (!changed && input.quantity > 0) throw notFound('Cart line');
        return viewCart(tx, found.cart);
      });
    },

    async removeCartLine(scope: RequestScope, args: { sku: unknown; guestToken?: string | null }): Promise<CartView> {
      return this.updateCartLine(scope, { input: { sku: args.sku, quantity: 0, guestToken: args.guestToken } });
    },
  };
}

export type CartService = ReturnType<typeof createCartService>;
