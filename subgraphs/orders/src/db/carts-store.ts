import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor, Tx } from '@basket/platform';
import { cartLines, carts, type CartLineRow, type CartRow } from './schema';
import { MAX_LINE_QUANTITY } from '../domain/inputs';

/** find-customer-cart */
export async function findCustomerCart(executor: Executor, customerId: string): Promise<CartRow | null> {
  const [row] = await executor.select().from(carts).where(eq(carts.customerId, customerId));
  return row ?? null;
}

/** find-guest-cart: a guest cart not yet merged into a customer's. */
export async function findGuestCart(executor: Executor, tokenHash: string): Promise<CartRow | null> {
  const [row] = await executor
    .select()
    .from(carts)
    .where(and(eq(carts.guestTokenHash, tokenHash), isNull(carts.mergedInto)));
  return row ?? null;
}

/** find-carts */
export async function findCartsByIds(executor: Executor, ids: readonly string[]): Promise<CartRow[]> {
  if (ids.length === 0) return [];
  return executor
    .select()
    .from(carts)
    .where(inArray(carts.id, [...ids]));
}

/** lock-cart: line changes, merges and checkout of one cart take turns. */
export async function lockCart(tx: Tx, id: string): Promise<CartRow | null> {
  const [row] = await tx.select().from(carts).where(eq(carts.id, id)).for('update');
  return row ?? null;
}

/** ensure-customer-cart: one cart per customer, created on first use; a racing twin finds the winner's. */
export async function ensureCustomerCart(tx: Tx, customerId: string): Promise<CartRow> {
  await tx.insert(carts).values({ customerId }).onConflictDoNothing();
  const [row] = await tx.select().from(carts).where(eq(carts.customerId, customerId)).for('update');
  return row!;
}

/** insert-guest-cart */
export async function insertGuestCart(tx: Tx, tokenHash: string): Promise<CartRow> {
  const [row] = await tx.insert(carts).values({ guestTokenHash: tokenHash }).returning();
  return row!;
}

/** lines-of-carts */
export async function linesOfCarts(executor: Executor, cartIds: readonly string[]): Promise<CartLineRow[]> {
  if (cartIds.length === 0) return [];
  return executor
    .select()
    .from(cartLines)
    .where(inArray(cartLines.cartId, [...cartIds]))
    .orderBy(asc(cartLines.addedAt), asc(cartLines.sku));
}

/** add-line: adding a SKU already in the cart adds to its quantity (capped), keeping its first price. */
export async function addLine(
  tx: Tx,
  line: { cartId: string; sku: string; quantity: number; priceAtAddVnd: number; allowSubstitution: boolean },
): Promise<void> {
  await tx
    .insert(cartLines)
    .values(line)
    .onConflictDoUpdate({
      target: [cartLines.cartId, cartLines.sku],
      set: {
        quantity: sql`least(${cartLines.quantity} + excluded.quantity, ${MAX_LINE_QUANTITY})`,
        allowSubstitution: sql`excluded.allow_substitution`,
      },
    });
  await touch(tx, line.cartId);
}

/** set-line: quantity 0 removes the line; returns whether a line was there. */
export async function setLine(
  tx: Tx,
  cartId: string,
  sku: string,
  change: { quantity: number; allowSubstitution?: boolean | null },
): Promise<boolean> {
  const where = and(eq(cartLines.cartId, cartId), eq(cartLines.sku, sku));
  const rows =
    change.quantity === 0
      ? await tx.delete(cartLines).where(where).returning({ id: cartLines.id })
      : await tx
          .update(cartLines)
          .set({
            quantity: change.quantity,
            ...(change.allowSubstitution === null || change.allowSubstitution === undefined
              ? {}
              : { allowSubstitution: change.allowSubstitution }),
          })
          .where(where)
          .returning({ id: cartLines.id });
  await touch(tx, cartId);
  return rows.length > 0;
}

/** clear-cart: after checkout the cart starts empty again. */
export async function clearCart(tx: Tx, cartId: string): Promise<void> {
  await tx.delete(cartLines).where(eq(cartLines.cartId, cartId));
  await touch(tx, cartId);
}

/**
 * merge-guest-cart: the guest's lines join the customer's (quantities add up, capped;
 * the customer's own line keeps its first price), and the guest cart is closed.
 */
export async function mergeGuestCart(tx: Tx, guestCartId: string, customerCartId: string): Promise<void> {
  await tx.execute(sql`
    insert into orders.cart_lines (cart_id, sku, quantity, price_at_add_vnd, allow_substitution, added_at)
    select ${customerCartId}, sku, quantity, price_at_add_vnd, allow_substitution, added_at
    from orders.cart_lines where cart_id = ${guestCartId}
    on conflict (cart_id, sku) do update
      set quantity = least(orders.cart_lines.quantity + excluded.quantity, ${MAX_LINE_QUANTITY})`);
  await tx.delete(cartLines).where(eq(cartLines.cartId, guestCartId));
  await tx.update(carts).set({ mergedInto: customerCartId, updatedAt: new Date() }).where(eq(carts.id, guestCartId));
  await touch(tx, customerCartId);
}

async function touch(tx: Tx, cartId: string) {
  await tx.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, cartId));
}
