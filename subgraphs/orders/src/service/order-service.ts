import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  conflict,
  decodeTimeCursor,
  forbidden,
  isUniqueViolation,
  notFound,
  pageSize,
  parseInput,
  requireViewer,
  toConnection,
  type Db,
  type Publish,
  type RequestScope,
  type Tx,
} from '@basket/platform';
import * as cartStore from '../db/carts-store';
import * as orderStore from '../db/orders-store';
import { sagaOfOrder } from '../db/saga-store';
import { findSkus, isSellable } from '../db/skus-store';
import type { OrderRow, SkuRow } from '../db/schema';
import { quoteCart, splitByVendor } from '../domain/cart-quote';
import { cancelReason, placeOrderInput } from '../domain/inputs';
import { customerMayCancel } from '../domain/order-lifecycle';
import { PART_STATUSES } from '../domain/order-parts';
import { ordersPolicy } from '../policy';
import type { CheckoutContext } from '../saga/checkout-saga';
import type { SendCommand } from '../saga/saga-runner';
import type { Checkout } from './checkout';
import type { Actor, OrderTransitions } from './order-transitions';

/** placeOrder's answer: the order, or why there is none (expected outcomes, typed in the schema). */
export type PlaceOrderResult =
  | { __typename: 'OrderPlaced'; order: OrderRow; replayed: boolean }
  | { __typename: 'EmptyCart'; message: string }
  | { __typename: 'UnavailableItems'; message: string; skus: string[] };

const uuid = z.uuid('must be a UUID');
const partStatus = z.enum(PART_STATUSES);

export interface OrderServiceDeps {
  db: Db;
  publish: Publish;
  send: SendCommand;
  transitions: OrderTransitions;
  checkout: Checkout;
}

export function createOrderService(deps: OrderServiceDeps) {
  const { db, publish, send, transitions, checkout } = deps;

  const actorOf = (scope: RequestScope, kind: 'customer' | 'vendor'): Actor => {
    const viewer = requireViewer(scope.viewer);
    return { kind: viewer.role === 'ADMIN' ? 'admin' : kind, id: viewer.userId };
  };

  /** The order if the caller may read it, else NOT_FOUND (another customer's order does not exist for them). */
  async function lockReadable(
    tx: Tx,
    rawId: unknown,
    scope: RequestScope,
    action: 'order:cancel' | 'order:requestReturn',
  ): Promise<OrderRow> {
    const id = parseInput(uuid, rawId);
    const order = await orderStore.lockOrder(tx, id);
    if (!order || !(await ordersPolicy.can(scope.viewer, 'order:read', order))) throw notFound('Order');
    await ordersPolicy.assertCan(scope.viewer, action, order);
    return order;
  }

  async function place(
    tx: Tx,
    customerId: string,
    input: z.output<typeof placeOrderInput>,
    scope: RequestScope,
  ): Promise<PlaceOrderResult> {
    const cart = await cartStore.lockCart(tx, input.cartId);
    if (!cart || !(await ordersPolicy.can(scope.viewer, 'cart:use', cart))) throw notFound('Cart');
    // A twin request with the same key waited on the cart lock: it finds the first one's order.
    const twin = await orderStore.findOrderByKey(tx, customerId, input.idempotencyKey);
    if (twin) return { __typename: 'OrderPlaced', order: twin, replayed: true };
    const lines = await cartStore.linesOfCarts(tx, [cart.id]);
    if (lines.length === 0) return { __typename: 'EmptyCart', message: 'The cart is empty' };
    const items = new Map(
      (
        await findSkus(
          tx,
          lines.map((l) => l.sku),
        )
      ).map((s) => [s.sku, s]),
    );
    const gone = lines.filter((l) => !isSellable(items.get(l.sku))).map((l) => l.sku);
    if (gone.length) return { __typename: 'UnavailableItems', message: 'Some items are no longer sold; remove them first', skus: gone };

    const priced = lines.map((l) => {
      const item = items.get(l.sku) as SkuRow;
      return { ...l, item, vendorId: item.vendorId, currentPriceVnd: item.priceVnd, lineId: randomUUID() };
    });
    const quote = quoteCart(priced);
    const orderId = randomUUID();
    const sagaId = randomUUID();
    const parts = [...splitByVendor(priced)].map(([vendorId, partLines]) => ({
      id: randomUUID(),
      orderId,
      vendorId,
      status: 'PENDING' as const,
      subtotalVnd: partLines.reduce((s, l) => s + l.currentPriceVnd * l.quantity, 0),
      lines: partLines,
    }));
    const order = await orderStore.insertOrder(
      tx,
      {
        id: orderId,
        customerId,
        idempotencyKey: input.idempotencyKey,
        status: 'PLACED',
        region: input.deliveryAddress.region,
        deliveryAddress: input.deliveryAddress,
        paymentMethod: input.paymentMethod,
        subtotalVnd: quote.subtotalVnd,
        discountVnd: quote.discountVnd,
        deliveryFeeVnd: quote.deliveryFeeVnd,
        totalVnd: quote.totalVnd,
        sagaId,
      },
      parts.map(({ lines: _lines, ...part }) => part),
      parts.flatMap((part) =>
        part.lines.map((l) => ({
          id: l.lineId,
          orderId,
          partId: part.id,
          sku: l.sku,
          productId: l.item.productId,
          nameVi: l.item.nameVi,
          nameEn: l.item.nameEn,
          unit: l.item.unit,
          quantity: l.quantity,
          unitPriceVnd: l.currentPriceVnd,
          allowSubstitution: l.allowSubstitution,
        })),
      ),
    );
    await orderStore.insertHistory(tx, [{ orderId, fromStatus: null, toStatus: 'PLACED', actor: 'customer', actorId: customerId }]);
    await publish(
      tx,
      [
        {
          type: 'OrderPlaced',
          aggregateId: orderId,
          data: {
            orderId,
            sagaId,
            customerId,
            region: order.region,
            totalVnd: order.totalVnd,
            parts: parts.map((p) => ({ partId: p.id, vendorId: p.vendorId, subtotalVnd: p.subtotalVnd })),
          },
        },
      ],
      scope.correlationId,
    );
    const context: CheckoutContext = {
      orderId,
      customerId,
      region: order.region,
      totalVnd: order.totalVnd,
      paymentMethod: input.paymentMethod,
      paymentKey: `order:${orderId}:authorize`,
      lines: priced.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity, allowSubstitution: l.allowSubstitution })),
    };
    await checkout.start(tx, { sagaId, orderId, data: context });
    await cartStore.clearCart(tx, cart.id);
    return { __typename: 'OrderPlaced', order, replayed: false };
  }

  /** Sends the refund of a captured (or authorized) payment; keyed so a retry never refunds twice. */
  async function refund(tx: Tx, order: OrderRow, why: 'cancel' | 'return', reason: string) {
    await send(tx, 'RefundPayment', order.id, {
      orderId: order.id,
      ...(order.paymentId ? { paymentId: order.paymentId } : {}),
      amountVnd: order.totalVnd,
      reason,
      idempotencyKey: `order:${order.id}:refund:${why}`,
    });
  }

  return {
    /**
     * Turns the caller's cart into an order with one part per vendor and starts the
     * checkout saga, in one transaction. The same idempotency key returns the same order.
     */
    async placeOrder(scope: RequestScope, args: { input: unknown }): Promise<PlaceOrderResult> {
      const viewer = await ordersPolicy.assertCan(scope.viewer, 'order:place');
      const input = parseInput(placeOrderInput, args.input);
      const existing = await orderStore.findOrderByKey(db, viewer.userId, input.idempotencyKey);
      if (existing) return { __typename: 'OrderPlaced', order: existing, replayed: true };
      try {
        return await db.transaction((tx) => place(tx, viewer.userId, input, scope));
      } catch (err) {
        // The same key raced in from another cart: the unique index kept one order; return it.
        if (!isUniqueViolation(err)) throw err;
        const order = await orderStore.findOrderByKey(db, viewer.userId, input.idempotencyKey);
        if (!order) throw err;
        return { __typename: 'OrderPlaced', order, replayed: true };
      }
    },

    /** One order, if the caller may see it (its customer or an admin); null otherwise. */
    async order(scope: RequestScope, args: { id: string }): Promise<OrderRow | null> {
      const ids = [args.id].filter((id) => uuid.safeParse(id).success);
      const [order] = await orderStore.findOrdersByIds(db, ids);
      return order && (await ordersPolicy.can(scope.viewer, 'order:read', order)) ? order : null;
    },

    /** The caller's orders, newest first. */
    async myOrders(scope: RequestScope, args: { first?: number | null; after?: string | null }) {
      const viewer = requireViewer(scope.viewer);
      return this.customerOrders(scope, { customerId: viewer.userId, ...args });
    },

    /** A customer's orders (for User.orders): their own, or any for admins; null for anyone else. */
    async customerOrders(scope: RequestScope, args: { customerId: string; first?: number | null; after?: string | null }) {
      if (!(await ordersPolicy.can(scope.viewer, 'order:read', { customerId: args.customerId }))) return null;
      const limit = pageSize(args.first);
      const rows = await orderStore.listCustomerOrders(db, {
        customerId: args.customerId,
        after: decodeTimeCursor(args.after),
        limit: limit + 1,
      });
      return toConnection(rows, limit);
    },

    /** A vendor's own parts (admins name the vendor), newest first, optionally by status. */
    async vendorOrders(
      scope: RequestScope,
      args: { vendorId?: string | null; status?: unknown; first?: number | null; after?: string | null },
    ) {
      const viewer = await ordersPolicy.assertCan(scope.viewer, 'parts:list');
      const vendorId = args.vendorId ? parseInput(uuid, args.vendorId) : viewer.userId;
      if (!(await ordersPolicy.can(viewer, 'part:read', { vendorId }))) throw forbidden('Vendors see only their own order parts');
      const status = parseInput(partStatus.nullish(), args.status);
      const limit = pageSize(args.first);
      const rows = await orderStore.listVendorParts(db, { vendorId, status, after: decodeTimeCursor(args.after), limit: limit + 1 });
      return toConnection(rows, limit);
    },

    /** A vendor moves its own part one step (PACKING, OUT_FOR_DELIVERY, DELIVERED); the order follows. */
    async advanceOrderPart(scope: RequestScope, args: { partId: unknown; status: unknown }) {
      const actor = actorOf(scope, 'vendor');
      const partId = parseInput(uuid, args.partId);
      const to = parseInput(partStatus, args.status);
      return db.transaction(async (tx) => {
        const [part] = await orderStore.findPartsByIds(tx, [partId]);
        if (!part || !(await ordersPolicy.can(scope.viewer, 'part:read', part))) throw notFound('Order part');
        // The order row is the lock for the order and all its parts.
        const order = (await orderStore.lockOrder(tx, part.orderId))!;
        const [current] = await orderStore.findPartsByIds(tx, [partId]);
        await ordersPolicy.assertCan(scope.viewer, 'part:advance', current!);
        return transitions.movePart(tx, order, current!, to, actor, scope.correlationId);
      });
    },

    /**
     * Cancels before packing. While the saga runs, its compensations release what it
     * holds; a confirmed order gets its stock released and its payment refunded.
     */
    async cancelOrder(scope: RequestScope, args: { id: unknown; reason?: unknown }): Promise<OrderRow> {
      const reasonText = parseInput(cancelReason, args.reason);
      const actor = actorOf(scope, 'customer');
      return db.transaction(async (tx) => {
        const order = await lockReadable(tx, args.id, scope, 'order:cancel');
        if (order.status === 'CANCELLED') return order;
        if (actor.kind === 'customer' && !customerMayCancel(order.status)) {
          throw conflict(`The order is ${order.status} and can no longer be cancelled`);
        }
        const reason = reasonText ?? (actor.kind === 'admin' ? 'Cancelled by Basket' : 'Cancelled at your request');
        const saga = await sagaOfOrder(tx, order.id);
        const aborted = saga ? await checkout.abort(tx, saga.id, reason) : false;
        if (!aborted && saga) {
          // The saga completed: stock was committed and the payment captured.
          const context = (saga.context as { data: CheckoutContext }).data;
          await send(tx, 'ReleaseStock', saga.id, {
            sagaId: saga.id,
            orderId: order.id,
            reservationIds: context.reservationIds ?? [],
            reason,
          });
          await refund(tx, order, 'cancel', reason);
        }
        return transitions.moveOrder(tx, order, 'CANCELLED', actor, {
          reason,
          failure: { kind: 'CANCELLED', by: actor.kind === 'admin' ? 'admin' : 'customer' },
          traceId: scope.correlationId,
        });
      });
    },

    /** After delivery the customer may ask to return the order; its vendor (or an admin) decides. */
    async requestReturn(scope: RequestScope, args: { id: unknown; reason?: unknown }): Promise<OrderRow> {
      const reason = parseInput(cancelReason, args.reason) ?? undefined;
      const actor = actorOf(scope, 'customer');
      return db.transaction(async (tx) => {
        const order = await lockReadable(tx, args.id, scope, 'order:requestReturn');
        return transitions.moveOrder(tx, order, 'RETURN_REQUESTED', actor, { reason, traceId: scope.correlationId });
      });
    },

    /** Accepting sends the refund (the order becomes REFUNDED when payments confirms it); refusing restores DELIVERED. */
    async resolveReturn(scope: RequestScope, args: { id: unknown; accept: boolean }): Promise<OrderRow> {
      const actor = actorOf(scope, 'vendor');
      const id = parseInput(uuid, args.id);
      return db.transaction(async (tx) => {
        const order = await orderStore.lockOrder(tx, id);
        const vendorIds = order ? (await orderStore.partsOfOrders(tx, [order.id])).map((p) => p.vendorId) : [];
        if (!order || !(await ordersPolicy.can(scope.viewer, 'order:resolveReturn', { vendorIds }))) throw notFound('Order');
        if (order.status !== 'RETURN_REQUESTED') throw conflict(`The order is ${order.status}: there is no return to decide`);
        if (!args.accept)
          return transitions.moveOrder(tx, order, 'DELIVERED', actor, { reason: 'Return refused', traceId: scope.correlationId });
        await refund(tx, order, 'return', 'Return accepted');
        return order;
      });
    },

    /** PaymentRefunded: a return's refund went through. */
    async refunded(tx: Tx, orderId: string): Promise<void> {
      const order = await orderStore.lockOrder(tx, orderId);
      if (order?.status === 'RETURN_REQUESTED') await transitions.moveOrder(tx, order, 'REFUNDED', { kind: 'system', id: null });
    },
  };
}

export type OrderService = ReturnType<typeof createOrderService>;
