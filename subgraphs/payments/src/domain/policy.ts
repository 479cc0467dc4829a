import type { Viewer } from '@basket/platform';

/**
 * Who may do what with payments, by named action. A customer reads only the payments
 * of their own orders (payments keeps orderId -> customerId from AuthorizePayment);
 * admins read all. Vendors see none: a vendor's part of an order carries no card data.
 */
export type PaymentAction = 'payment:read';

export function can(viewer: Viewer, action: PaymentAction, payment: { customerId: string }): boolean {
  switch (action) {
    case 'payment:read':
      return viewer.role === 'ADMIN' || viewer.userId === payment.customerId;
  }
}
