import { and, asc, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Executor, TimeKey, Tx } from '@basket/platform';
import type { OrderStatus } from '../domain/order-lifecycle';
import type { PartStatus } from '../domain/order-parts';
import type { CheckoutFailure } from '../domain/checkout-failure';
import {
  orderHistory,
  orderLines,
  orderParts,
  orderRows,
  type OrderHistoryRow,
  type OrderLineRow,
  type OrderPartRow,
  type OrderRow,
} from './schema';

/** insert-order: the order, its parts and lines, all PLACED/PENDING. */
export async function insertOrder(
  tx: Tx,
  order: typeof orderRows.$inferInsert,
  parts: (typeof orderParts.$inferInsert)[],
  lines: (typeof orderLines.$inferInsert)[],
): Promise<OrderRow> {
  const [row] = await tx.insert(orderRows).values(order).returning();
  await tx.insert(orderParts).values(parts);
  await tx.insert(orderLines).values(lines);
  return row!;
}

/** order-by-idempotency-key */
export async function findOrderByKey(executor: Executor, customerId: string, key: string): Promise<OrderRow | null> {
  const [row] = await executor
    .select()
    .from(orderRows)
    .where(and(eq(orderRows.customerId, customerId), eq(orderRows.idempotencyKey, key)));
  return row ?? null;
}

/** find-orders */
export async function findOrdersByIds(executor: Executor, ids: readonly string[]): Promise<OrderRow[]> {
  if (ids.length === 0) return [];
  return executor
    .select()
    .from(orderRows)
    .where(inArray(orderRows.id, [...ids]));
}

/** lock-order: every move of an order or its parts locks the order row first (one order, one writer). */
export async function lockOrder(tx: Tx, id: string): Promise<OrderRow | null> {
  const [row] = await tx.select().from(orderRows).where(eq(orderRows.id, id)).for('update');
  return row ?? null;
}

/** update-order */
export async function updateOrder(
  tx: Tx,
  id: string,
  patch: { status?: OrderStatus; cancelReason?: string | null; failure?: CheckoutFailure | null; paymentId?: string | null },
): Promise<OrderRow> {
  const [row] = await tx
    .update(orderRows)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(orderRows.id, id))
    .returning();
  return row!;
}

/** parts-of-orders */
export async function partsOfOrders(executor: Executor, orderIds: readonly string[]): Promise<OrderPartRow[]> {
  if (orderIds.length === 0) return [];
  return executor
    .select()
    .from(orderParts)
    .where(inArray(orderParts.orderId, [...orderIds]))
    .orderBy(asc(orderParts.vendorId));
}

/** find-parts */
export async function findPartsByIds(executor: Executor, ids: readonly string[]): Promise<OrderPartRow[]> {
  if (ids.length === 0) return [];
  return executor
    .select()
    .from(orderParts)
    .where(inArray(orderParts.id, [...ids]));
}

/** update-part */
export async function updatePartStatus(tx: Tx, id: string, status: PartStatus): Promise<OrderPartRow> {
  const [row] = await tx.update(orderParts).set({ status, updatedAt: new Date() }).where(eq(orderParts.id, id)).returning();
  return row!;
}

/** lines-of-parts */
export async function linesOfParts(executor: Executor, partIds: readonly string[]): Promise<OrderLineRow[]> {
  if (partIds.length === 0) return [];
  return executor
    .select()
    .from(orderLines)
    .where(inArray(orderLines.partId, [...partIds]))
    .orderBy(asc(orderLines.sku));
}

/** lines-of-order */
export async function linesOfOrder(executor: Executor, orderId: string): Promise<OrderLineRow[]> {
  return executor.select().from(orderLines).where(eq(orderLines.orderId, orderId));
}

/** set-substitution: inventory reserved another SKU for a line that allowed it. */
export async function setSubstitution(tx: Tx, lineId: string, sku: string): Promise<void> {
  await tx.update(orderLines).set({ substitutedSku: sku }).where(eq(orderLines.id, lineId));
}

/** insert-history */
export async function insertHistory(tx: Tx, rows: (typeof orderHistory.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(orderHistory).values(rows);
}

/** history-of-orders, oldest first */
export async function historyOfOrders(executor: Executor, orderIds: readonly string[]): Promise<OrderHistoryRow[]> {
  if (orderIds.length === 0) return [];
  return executor
    .select()
    .from(orderHistory)
    .where(inArray(orderHistory.orderId, [...orderIds]))
    .orderBy(asc(orderHistory.id));
}

/** Rows after a newest-first keyset position (created_at, id). */
function after(
  createdAt: typeof orderRows.createdAt | typeof orderParts.createdAt,
  id: typeof orderRows.id | typeof orderParts.id,
  key?: TimeKey,
): SQL | undefined {
  if (!key) return undefined;
  return or(lt(createdAt, key.createdAt), and(eq(createdAt, key.createdAt), lt(id, key.id)));
}

/** customer-orders, newest first */
export async function listCustomerOrders(
  executor: Executor,
  args: { customerId: string; after?: TimeKey; limit: number },
): Promise<OrderRow[]> {
  return executor
    .select()
    .from(orderRows)
    .where(and(eq(orderRows.customerId, args.customerId), after(orderRows.createdAt, orderRows.id, args.after)))
    .orderBy(desc(orderRows.createdAt), desc(orderRows.id))
    .limit(args.limit);
}

/** vendor-parts, newest first */
export async function listVendorParts(
  executor: Executor,
  args: { vendorId: string; status?: PartStatus | null; after?: TimeKey; limit: number },
): Promise<OrderPartRow[]> {
  return executor
    .select()
    .from(orderParts)
    .where(
      and(
        eq(orderParts.vendorId, args.vendorId),
        args.status ? eq(orderParts.status, args.status) : undefined,
        after(orderParts.createdAt, orderParts.id, args.after),
      ),
    )
    .orderBy(desc(orderParts.createdAt), desc(orderParts.id))
    .limit(args.limit);
}
