import { conflict, forbidden, type Publish, type Tx } from '@basket/platform';
import { actorsFor, type OrderActor, type OrderStatus } from '../domain/order-lifecycle';
import { orderStatusFromParts, partActorsFor, type PartStatus } from '../domain/order-parts';
import type { CheckoutFailure } from '../domain/checkout-failure';
import * as orderStore from '../db/orders-store';
import type { OrderPartRow, OrderRow } from '../db/schema';

export interface Actor {
  kind: OrderActor;
  /** The user acting; null for the system. */
  id: string | null;
}

export const SYSTEM: Actor = { kind: 'system', id: null };

const FULFILMENT: readonly OrderStatus[] = ['CONFIRMED', 'PACKING', 'OUT_FOR_DELIVERY'];

/**
 * The only way an order or a part changes status: the lifecycle table decides (a step
 * it lacks is CONFLICT, a step this actor may not take is FORBIDDEN), and the new
 * status, its history row and its events are written in the caller's transaction.
 * Callers lock the order row first (orderStore.lockOrder).
 */
export function createOrderTransitions(publish: Publish) {
  async function moveOrder(
    tx: Tx,
    order: OrderRow,
    to: OrderStatus,
    actor: Actor,
    options: { reason?: string; failure?: CheckoutFailure; traceId?: string | null } = {},
  ): Promise<OrderRow> {
    const allowed = actorsFor(order.status, to);
    if (allowed.length === 0) throw conflict(`The order is ${order.status} and cannot become ${to}`);
    if (!allowed.includes(actor.kind)) throw forbidden(`A ${actor.kind} cannot move an order from ${order.status} to ${to}`);
    const cancelled = to === 'CANCELLED';
    const reason = options.reason ?? (cancelled ? 'Cancelled' : undefined);
    const updated = await orderStore.updateOrder(tx, order.id, {
      status: to,
      ...(cancelled ? { cancelReason: reason, failure: options.failure ?? null } : {}),
    });
    await orderStore.insertHistory(tx, [
      { orderId: order.id, fromStatus: order.status, toStatus: to, actor: actor.kind, actorId: actor.id, reason },
    ]);
    const base = { orderId: order.id, customerId: order.customerId };
    await publish(
      tx,
      [
        { type: 'OrderStatusChanged', aggregateId: order.id, data: { ...base, from: order.status, to, ...(reason ? { reason } : {}) } },
        ...(to === 'CONFIRMED'
          ? [{ type: 'OrderConfirmed' as const, aggregateId: order.id, data: { ...base, totalVnd: order.totalVnd } }]
          : []),
        ...(cancelled ? [{ type: 'OrderCancelled' as const, aggregateId: order.id, data: { ...base, reason: reason! } }] : []),
      ],
      options.traceId,
    );
    // Confirmation opens every part for its vendor; a cancellation closes them all.
    if (to === 'CONFIRMED' || cancelled) {
      const partTo: PartStatus = cancelled ? 'CANCELLED' : 'CONFIRMED';
      for (const part of await orderStore.partsOfOrders(tx, [order.id])) {
        if (part.status !== partTo && partActorsFor(part.status, partTo).includes('system'))
          await writePart(tx, order, part, partTo, SYSTEM);
      }
    }
    return updated;
  }

  async function writePart(tx: Tx, order: OrderRow, part: OrderPartRow, to: PartStatus, actor: Actor, traceId?: string | null) {
    const updated = await orderStore.updatePartStatus(tx, part.id, to);
    await orderStore.insertHistory(tx, [
      { orderId: order.id, partId: part.id, fromStatus: part.status, toStatus: to, actor: actor.kind, actorId: actor.id },
    ]);
    await publish(
      tx,
      [
        {
          type: 'OrderPartStatusChanged',
          aggregateId: order.id,
          data: { orderId: order.id, partId: part.id, vendorId: part.vendorId, from: part.status, to },
        },
      ],
      traceId,
    );
    return updated;
  }

  /** A vendor (or admin) moves its part; the order follows its parts by the rule in order-parts.ts. */
  async function movePart(tx: Tx, order: OrderRow, part: OrderPartRow, to: PartStatus, actor: Actor, traceId?: string | null) {
    const allowed = partActorsFor(part.status, to);
    if (allowed.length === 0) throw conflict(`The part is ${part.status} and cannot become ${to}`);
    if (!allowed.includes(actor.kind)) throw forbidden(`A ${actor.kind} cannot move a part from ${part.status} to ${to}`);
    const updated = await writePart(tx, order, part, to, actor, traceId);
    if (FULFILMENT.includes(order.status)) {
      const parts = (await orderStore.partsOfOrders(tx, [order.id])).map((p) => (p.id === part.id ? to : p.status));
      const derived = orderStatusFromParts(parts);
      if (derived !== order.status) await moveOrder(tx, order, derived, SYSTEM, { traceId });
    }
    return updated;
  }

  return { moveOrder, movePart };
}

export type OrderTransitions = ReturnType<typeof createOrderTransitions>;
