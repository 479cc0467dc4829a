/**
 * The order lifecycle as data (after Vendure's order-state.ts): one table says which
 * status may follow which, and who may take each step. The GraphQL enum OrderStatus
 * and the database CHECK on orders.status are both derived from ORDER_STATUSES, and
 * test/domain.test.ts proves every status is reachable from PLACED and every
 * non-terminal status can still end in a terminal one.
 *
 *   PLACED ─▶ STOCK_RESERVED ─▶ AWAITING_PAYMENT ─▶ PAID ─▶ CONFIRMED ─▶ PACKING ─▶ OUT_FOR_DELIVERY ─▶ DELIVERED
 *     └────────────┴────────────────┴──────────────┴──────────┴─▶ CANCELLED (with a reason)          │
 *                                                   RETURN_REQUESTED ◀─────────────────────────────────┘
 *                                                     ├─▶ REFUNDED (the vendor accepted, the refund went through)
 *                                                     └─▶ DELIVERED (the return was refused)
 */

export const ORDER_STATUSES = [
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
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * Who takes a step. `system` is the checkout saga and event handlers; `customer` is the
 * order's owner; `vendor` a vendor with a part in the order; `admin` any administrator.
 */
export type OrderActor = 'system' | 'customer' | 'vendor' | 'admin';

type Transitions<S extends string> = { readonly [From in S]: { readonly [To in S]?: readonly OrderActor[] } };

export const orderTransitions = {
  PLACED: { STOCK_RESERVED: ['system'], CANCELLED: ['system', 'customer', 'admin'] },
  STOCK_RESERVED: { AWAITING_PAYMENT: ['system'], CANCELLED: ['system', 'customer', 'admin'] },
  AWAITING_PAYMENT: { PAID: ['system'], CANCELLED: ['system', 'customer', 'admin'] },
  PAID: { CONFIRMED: ['system'], CANCELLED: ['system', 'customer', 'admin'] },
  // Before packing starts the customer may still change their mind.
  CONFIRMED: { PACKING: ['system'], CANCELLED: ['customer', 'admin'] },
  // PACKING, OUT_FOR_DELIVERY and DELIVERED follow the vendors' parts (see order-parts.ts):
  // the order moves when its parts do, so only the system moves it.
  PACKING: { OUT_FOR_DELIVERY: ['system'], CANCELLED: ['admin'] },
  OUT_FOR_DELIVERY: { DELIVERED: ['system'] },
  DELIVERED: { RETURN_REQUESTED: ['customer'] },
  // The vendor (or an admin) decides; REFUNDED is written when payments confirms the refund.
  RETURN_REQUESTED: { REFUNDED: ['system'], DELIVERED: ['vendor', 'admin'] },
  CANCELLED: {},
  REFUNDED: {},
} as const satisfies Transitions<OrderStatus>;

/** Statuses with no way out: where every order ends (DELIVERED may still become a return). */
export const TERMINAL_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter((s) => Object.keys(orderTransitions[s]).length === 0);

/** Who may move an order from `from` to `to`; empty when the table has no such step. */
export function actorsFor(from: OrderStatus, to: OrderStatus): readonly OrderActor[] {
  return (orderTransitions[from] as Partial<Record<OrderStatus, readonly OrderActor[]>>)[to] ?? [];
}

export function canTransition(from: OrderStatus, to: OrderStatus, actor?: OrderActor): boolean {
  const actors = actorsFor(from, to);
  return actor ? actors.includes(actor) : actors.length > 0;
}

export function nextStatuses(from: OrderStatus): OrderStatus[] {
  return Object.keys(orderTransitions[from]) as OrderStatus[];
}

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}

/** Cancellation is open until a vendor starts packing (CONFIRMED is the last such status). */
export function customerMayCancel(status: OrderStatus): boolean {
  return canTransition(status, 'CANCELLED', 'customer');
}

/** Every status reachable from `start` by the table (including start). */
export function reachableFrom(start: OrderStatus): Set<OrderStatus> {
  const seen = new Set<OrderStatus>([start]);
  const queue = [start];
  for (let s = queue.shift(); s; s = queue.shift()) {
    for (const next of nextStatuses(s)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/** SQL for the CHECK constraint on a status column: exactly the statuses of the table. */
export function statusCheckSql(column: string, statuses: readonly string[] = ORDER_STATUSES): string {
  return `${column} in (${statuses.map((s) => `'${s}'`).join(', ')})`;
}
