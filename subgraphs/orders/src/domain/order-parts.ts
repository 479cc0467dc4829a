import type { OrderActor, OrderStatus } from './order-lifecycle';

/**
 * An order with several vendors' products has one part per vendor (as Vendure splits
 * by seller): each vendor sees and fulfils only its own part, with its own status.
 *
 * The rule that keeps the order consistent with its parts:
 * - until the saga confirms the order, every part is PENDING; confirmation makes them
 *   all CONFIRMED; cancelling the order cancels every part;
 * - after that the order's status is derived from its parts, never set on its own:
 *   PACKING as soon as any part is being packed (from then on the customer can no
 *   longer cancel), OUT_FOR_DELIVERY once every part has left, DELIVERED once every
 *   part has arrived. A part advances one step at a time, so the derived status also
 *   moves one step at a time along the order table.
 */
export const PART_STATUSES = ['PENDING', 'CONFIRMED', 'PACKING', 'OUT_FOR_DELIVERY', 'DELIVERED', 'CANCELLED'] as const;
export type PartStatus = (typeof PART_STATUSES)[number];

type PartTransitions = { readonly [From in PartStatus]: { readonly [To in PartStatus]?: readonly OrderActor[] } };

export const partTransitions = {
  PENDING: { CONFIRMED: ['system'], CANCELLED: ['system'] },
  CONFIRMED: { PACKING: ['vendor', 'admin'], CANCELLED: ['system'] },
  PACKING: { OUT_FOR_DELIVERY: ['vendor', 'admin'], CANCELLED: ['system'] },
  OUT_FOR_DELIVERY: { DELIVERED: ['vendor', 'admin'] },
  DELIVERED: {},
  CANCELLED: {},
} as const satisfies PartTransitions;

export function partActorsFor(from: PartStatus, to: PartStatus): readonly OrderActor[] {
  return (partTransitions[from] as Partial<Record<PartStatus, readonly OrderActor[]>>)[to] ?? [];
}

/** The single step a vendor can take from here (parts move forward only), or null. */
export function nextPartStatus(from: PartStatus): PartStatus | null {
  const forward = (Object.keys(partTransitions[from]) as PartStatus[]).filter((s) => s !== 'CANCELLED');
  return forward[0] ?? null;
}

const rank: Record<PartStatus, number> = { PENDING: 0, CONFIRMED: 1, PACKING: 2, OUT_FOR_DELIVERY: 3, DELIVERED: 4, CANCELLED: -1 };

/** The fulfilment status an order takes from its (non-cancelled) parts; see the rule above. */
export function orderStatusFromParts(
  parts: readonly PartStatus[],
): Extract<OrderStatus, 'CONFIRMED' | 'PACKING' | 'OUT_FOR_DELIVERY' | 'DELIVERED'> {
  const live = parts.filter((p) => p !== 'CANCELLED');
  if (live.length === 0) throw new Error('an order in fulfilment has at least one live part');
  const lowest = Math.min(...live.map((p) => rank[p]));
  if (lowest >= rank.DELIVERED) return 'DELIVERED';
  if (lowest >= rank.OUT_FOR_DELIVERY) return 'OUT_FOR_DELIVERY';
  if (live.some((p) => rank[p] >= rank.PACKING)) return 'PACKING';
  return 'CONFIRMED';
}
