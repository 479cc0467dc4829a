import type { RequestScope } from '@basket/platform';
import type { PaymentRow } from '../db/schema';
import { paymentsPolicy } from '../policy';

/**
 * Reading payments. Ownership is checked here, in the owning subgraph, whatever the
 * router or orders already checked: the order's customer and admins only
 * (UNAUTHENTICATED without a viewer, FORBIDDEN for anyone else). An order payments
 * knows nothing about has no payments ([]), not an error.
 */
export function createPaymentQueries() {
  return {
    async readable(scope: RequestScope, { payments }: { payments: PaymentRow[] }): Promise<PaymentRow[]> {
      for (const payment of payments) await paymentsPolicy.assertCan(scope.viewer, 'payment:read', payment);
      return payments;
    },
  };
}

export type PaymentQueries = ReturnType<typeof createPaymentQueries>;
