import type { EventHandlers } from '@basket/platform';
import { findProductNames, markSkuRemoved, setProductActive, setSkuPrice, upsertSkus } from './db/skus-store';
import type { Checkout } from './service/checkout';
import type { OrderService } from './service/order-service';

/**
 * What orders consumes, each effect in the transaction of its processed_events row:
 * - catalog's product facts, into the SKU read model carts are priced from;
 * - the checkout saga's replies (inventory.events, payments.events), into the saga;
 * - PaymentRefunded, which completes a return.
 * Orders publishes OrderPlaced, OrderStatusChanged, OrderPartStatusChanged,
 * OrderConfirmed and OrderCancelled, and the saga's commands (see saga/).
 */
export function ordersConsumers(deps: { checkout: Checkout; orders: OrderService }): EventHandlers {
  const saga = (
    tx: Parameters<NonNullable<EventHandlers['StockReserved']>>[0],
    e: { id: string; type: string; data: { sagaId: string } },
  ) => deps.checkout.handle(tx, e).then(() => undefined);
  return {
    ProductCreated: (tx, { data }) =>
      upsertSkus(
        tx,
        data.variants.map((v) => ({
          sku: v.sku,
          productId: data.productId,
          vendorId: data.vendorId,
          nameVi: data.nameVi,
          nameEn: data.nameEn,
          unit: v.unit,
          priceVnd: v.priceVnd,
          available: true,
        })),
      ),
    VariantAdded: async (tx, { data }) => {
      // The product's names come with ProductCreated; a new variant borrows its sibling's.
      const names = await findProductNames(tx, data.productId);
      await upsertSkus(tx, [
        {
          sku: data.sku,
          productId: data.productId,
          vendorId: data.vendorId,
          nameVi: names?.nameVi ?? data.sku,
          nameEn: names?.nameEn ?? data.sku,
          unit: data.unit,
          priceVnd: data.priceVnd,
          available: true,
          productActive: names?.productActive ?? true,
        },
      ]);
    },
    VariantPriceChanged: (tx, { data }) => setSkuPrice(tx, data.sku, data.priceVnd),
    VariantRemoved: (tx, { data }) => markSkuRemoved(tx, data.sku),
    ProductUpdated: (tx, { data }) => setProductActive(tx, data.productId, data.status === 'ACTIVE'),

    StockReserved: saga,
    StockReservationFailed: saga,
    StockReleased: saga,
    StockCommitted: saga,
    ReservationExpired: saga,
    PaymentAuthorized: saga,
    PaymentDeclined: saga,
    PaymentVoided: saga,
    PaymentCaptured: saga,
    PaymentRefunded: (tx, { data }) => deps.orders.refunded(tx, data.orderId),
  };
}
