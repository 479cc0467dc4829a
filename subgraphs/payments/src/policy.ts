import { definePolicy } from '@basket/platform';

/**
 * Who may do what with payments, by named action. A customer reads only the payments
 * of their own orders (payments keeps orderId -> customerId from AuthorizePayment);
 * admins read all. Vendors see none: a vendor's part of an order carries no card data.
 * Payments has no mutations: money moves only on orders' commands.
 */
export const paymentsPolicy = definePolicy({
  'payment:read': (viewer, payment: { customerId: string }) =>
    viewer.role === 'ADMIN' || viewer.userId === payment.customerId || 'Only the order’s customer or an admin may see its payments',
});
