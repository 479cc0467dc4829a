import { definePolicy } from '@basket/platform';

const isAdmin = (viewer: { role: string }) => viewer.role === 'ADMIN';

/**
 * Who may do what in orders, by named action: a customer sees and changes only their
 * own carts and orders; a vendor sees and advances only its own order parts; admins
 * act on every order and part, but carts and return requests stay the customer's own.
 */
export const ordersPolicy = definePolicy({
  'cart:use': (viewer, cart: { customerId: string | null }) => cart.customerId === viewer.userId || 'Not your cart',
  'order:place': (viewer) => viewer.role === 'CUSTOMER' || viewer.role === 'VENDOR' || viewer.role === 'ADMIN',
  'order:read': (viewer, order: { customerId: string }) => isAdmin(viewer) || order.customerId === viewer.userId,
  'order:cancel': (viewer, order: { customerId: string }) =>
    isAdmin(viewer) || order.customerId === viewer.userId || 'Only the customer or an admin may cancel an order',
  'order:requestReturn': (viewer, order: { customerId: string }) =>
    order.customerId === viewer.userId || 'Only the customer may ask to return an order',
  /** Accept or refuse a return: a vendor with a part in the order, or an admin. */
  'order:resolveReturn': (viewer, order: { vendorIds: readonly string[] }) =>
    isAdmin(viewer) || (viewer.role === 'VENDOR' && order.vendorIds.includes(viewer.userId)),
  'parts:list': (viewer) => isAdmin(viewer) || viewer.role === 'VENDOR' || 'Only vendors have order parts',
  'part:read': (viewer, part: { vendorId: string }) => isAdmin(viewer) || (viewer.role === 'VENDOR' && part.vendorId === viewer.userId),
  'part:advance': (viewer, part: { vendorId: string }) =>
    isAdmin(viewer) || (viewer.role === 'VENDOR' && part.vendorId === viewer.userId) || 'Vendors advance only their own parts',
});
