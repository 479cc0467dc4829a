import { forbidden, requireViewer, type RequestBase } from '@basket/platform';
import type { PaymentRow } from '../db/schema';
import { can } from '../domain/policy';

/** The request scope services take (viewer, correlation id, client address). */
export type Scope = Pick<RequestBase, 'viewer' | 'correlationId' | 'clientIp'>;

/**
 * Reading payments. Ownership is checked here, in the owning subgraph, whatever the
 * router or orders already checked: the order's customer and admins only. An order
 * payments knows nothing about has no payments ([]), not an error.
 */
export function createPaymentQueries() {
  return {
    readable({ payments }: { payments: PaymentRow[] }, scope: Scope): PaymentRow[] {
      const viewer = requireViewer(scope.viewer);
      if (payments.some((p) => !can(viewer, 'payment:read', p)))
        throw forbidden('Only the order’s customer or an admin may see its payments');
      return payments;
    },
  };
}

export type PaymentQueries = ReturnType<typeof createPaymentQueries>;
