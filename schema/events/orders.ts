import { z } from 'zod';

/** Order statuses in facts; the same list as orders' lifecycle table (a unit test in orders compares them). */
export const OrderStatusName = z.enum([
  'PLACED',
  'STOCK_RESERVED',
  'AWAITING_PAYMENT',
  'PAID',
  'CONFIRMED',
  'PACKING',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'CANCELLED',
  'RETURN_REQUESTED',
  'REFUNDED',
]);
export const OrderPartStatusName = z.enum(['PENDING', 'CONFIRMED', 'PACKING', 'OUT_FOR_DELIVERY', 'DELIVERED', 'CANCELLED']);

const vnd = z.number().int().nonnegative();

/** Topic: orders.events, key: order id. Facts for anyone (notifications, analytics, delivery later). */
export const ordersEvents = {
  /** A customer placed an order; the checkout saga (sagaId) starts with it. */
  OrderPlaced: {
    version: 1,
    data: z.object({
      orderId: z.uuid(),
      sagaId: z.uuid(),
      customerId: z.uuid(),
      region: z.enum(['HA_NOI', 'HO_CHI_MINH']),
      totalVnd: vnd,
      parts: z.array(z.object({ partId: z.uuid(), vendorId: z.uuid(), subtotalVnd: vnd })).min(1),
    }),
  },
  /** Every move of the lifecycle table, with the readable reason when it ends the order. */
  OrderStatusChanged: {
    version: 1,
    data: z.object({
      orderId: z.uuid(),
      customerId: z.uuid(),
      from: OrderStatusName,
      to: OrderStatusName,
      reason: z.string().optional(),
    }),
  },
  /** A vendor's part of an order moved (packing, out for delivery, delivered...). */
  OrderPartStatusChanged: {
    version: 1,
    data: z.object({
      orderId: z.uuid(),
      partId: z.uuid(),
      vendorId: z.uuid(),
      from: OrderPartStatusName,
      to: OrderPartStatusName,
    }),
  },
  /** Stock held and payment authorized: the vendors can start packing. */
  OrderConfirmed: {
    version: 1,
    data: z.object({ orderId: z.uuid(), customerId: z.uuid(), totalVnd: vnd }),
  },
  /** The order ended without being fulfilled; reason is written for the customer. */
  OrderCancelled: {
    version: 1,
    data: z.object({ orderId: z.uuid(), customerId: z.uuid(), reason: z.string().min(1) }),
  },
} as const;

/** Orders executes no commands today: the saga it runs sends commands to inventory and payments. */
export const ordersCommands = {} as const;
