import type { Viewer } from '@basket/platform';

/**
 * Who may do what in orders, by named action (checked in services, never in resolvers):
 * a customer sees and changes only their own carts and orders; a vendor sees and
 * advances only its own order parts; admins all.
 */
export interface OrderPolicyResources {
  'cart:use': { customerId: string | null };
  'order:read': { customerId: string };
  'order:cancel': { customerId: string };
  'order:requestReturn': { customerId: string };
  /** Accept or refuse a return: a vendor with a part in the order, or an admin. */
  'order:resolveReturn': { vendorIds: readonly string[] };
  'part:read': { vendorId: string };
  'part:advance': { vendorId: string };
}
export type OrderAction = keyof OrderPolicyResources;

export function can<A extends OrderAction>(viewer: Viewer | null, action: A, resource: OrderPolicyResources[A]): boolean {
  if (!viewer) return false;
  // Admins act on everyone's orders and parts, but carts and returns stay the customer's own.
  if (viewer.role === 'ADMIN' && action !== 'cart:use' && action !== 'order:requestReturn') return true;
  switch (action) {
    case 'cart:use':
    case 'order:read':
    case 'order:cancel':
    case 'order:requestReturn':
      return (resource as { customerId: string | null }).customerId === viewer.userId;
    case 'order:resolveReturn':
      return viewer.role === 'VENDOR' && (resource as { vendorIds: readonly string[] }).vendorIds.includes(viewer.userId);
    case 'part:read':
    case 'part:advance':
      return viewer.role === 'VENDOR' && (resource as { vendorId: string }).vendorId === viewer.userId;
  }
  return false;
}
