import path from 'node:path';
import { defineSubgraph, loader, type ContextOf, type PlatformDeps, type SubgraphManifest } from '@basket/platform';
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

/**
 * The saga's timeout sweeper of each process's instance, built with its services and run
 * between the subgraph's start and stop (the manifest has no hook for jobs yet; inventory
 * does the same for its jobs).
 */
const sweeperOf = new WeakMap<PlatformDeps, ReturnType<typeof sagaTimeoutJob>>();

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
    sweeperOf.set(deps, sagaTimeoutJob({ checkout, database: deps.database, logger }, timings.sweepMs));
    return {
      carts: createCartService({ db }),
      orders: createOrderService({ db, publish, send, transitions, checkout }),
      checkout,
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
});

/** What every orders resolver gets; inferred from the declaration above. */
export type OrdersContext = ContextOf<typeof orders>;

const manifest = orders.withResolvers(resolvers);

/** The manifest, with the saga's timeout sweeper running while the subgraph does. */
const withSweeper: SubgraphManifest<'orders', OrdersContext> = {
  ...manifest,
  create(deps) {
    const subgraph = manifest.create(deps);
    const sweeper = sweeperOf.get(deps)!;
    return {
      ...subgraph,
      async start() {
        await subgraph.start();
        sweeper.start();
      },
      async stop() {
        await sweeper.stop();
        await subgraph.stop();
      },
    };
  },
};

export default withSweeper;
