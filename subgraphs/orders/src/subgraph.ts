import path from 'node:path';
import { defineSubgraph, loader, type ContextOf } from '@basket/platform';
import { tables } from './db/schema';
import { findOrdersByIds, historyOfOrders, linesOfParts, partsOfOrders } from './db/orders-store';
import { createCartService } from './service/cart-service';
import { createOrderService } from './service/order-service';
import { createOrderTransitions } from './service/order-transitions';
import { createCheckout } from './service/checkout';
import { commandSender } from './saga/command-outbox';
import { checkoutTimingsFromEnv, sagaTimeoutJob } from './saga/timeout-job';
import { ordersConsumers } from './events';
import { resolvers } from './resolvers';

/** The orders subgraph: carts, orders with a part per vendor, and the checkout saga that settles them. */
const orders = defineSubgraph({
  name: 'orders',
  root: path.join(__dirname, '..'),
  tables,
  services: ({ db, publish, logger, deps }) => {
    const send = commandSender(publish);
    const transitions = createOrderTransitions(publish);
    const timings = checkoutTimingsFromEnv(process.env);
    const checkout = createCheckout({ send, transitions, logger, timings });
    return {
      carts: createCartService({ db }),
      orders: createOrderService({ db, publish, send, transitions, checkout }),
      checkout,
      sagaTimeouts: sagaTimeoutJob({ checkout, database: deps.database, logger }, timings.sweepMs),
    };
  },
  loaders: ({ db }) => ({
    order: loader.keyed(
      (ids: readonly string[]) => findOrdersByIds(db, ids),
      (o) => o.id,
    ),
    partsOfOrder: loader.grouped(
      (ids: readonly string[]) => partsOfOrders(db, ids),
      (p) => p.orderId,
    ),
    linesOfPart: loader.grouped(
      (ids: readonly string[]) => linesOfParts(db, ids),
      (l) => l.partId,
    ),
    historyOfOrder: loader.grouped(
      (ids: readonly string[]) => historyOfOrders(db, ids),
      (h) => h.orderId,
    ),
  }),
  consumers: ({ services }) => ordersConsumers({ checkout: services.checkout, orders: services.orders }),
  // Runs at start, after migrations: the saga's clock. (The manifest has no jobs hook yet to stop it with the
  // subgraph; its timer does not keep the process alive. See /work/shared/requests/from-F-orders.md.)
  preflight: async ({ services }) => {
    services.sagaTimeouts.start();
  },
});

/** What every orders resolver gets; inferred from the declaration above. */
export type OrdersContext = ContextOf<typeof orders>;

export default orders.withResolvers(resolvers);
