import path from 'node:path';
import { defineSubgraph, loader, type ContextOf } from '@basket/platform';
import { tables } from './db/schema';
import { findPaymentsByIds, paymentsOfOrders } from './db/payments-store';
import { refundsOfPayments } from './db/refunds-store';
import { providerFromConfig } from './provider/create-provider';
import { createPaymentCommands } from './service/payment-commands';
import { createPaymentQueries } from './service/payment-queries';
import { createProviderEvents } from './service/provider-events';
import { replies } from './service/replies';
import { paymentsConsumers } from './events';
import { resolvers } from './resolvers';

/** The payments subgraph: authorizations, captures, voids and refunds through a payment provider. */
const payments = defineSubgraph({
  name: 'payments',
  root: path.join(__dirname, '..'),
  tables,
  services: ({ db, publish, config, logger }) => {
    const provider = providerFromConfig(config);
    const answers = replies(publish);
    const commands = createPaymentCommands({ provider, replies: answers, logger });
    return {
      provider,
      commands,
      queries: createPaymentQueries(),
      providerEvents: createProviderEvents({ db, provider, commands, replies: answers, logger }),
    };
  },
  loaders: ({ db }) => ({
    payment: loader.keyed(
      (ids: readonly string[]) => findPaymentsByIds(db, ids),
      (p) => p.id,
    ),
    paymentsOfOrder: loader.grouped(
      (ids: readonly string[]) => paymentsOfOrders(db, ids),
      (p) => p.orderId,
    ),
    refundsOfPayment: loader.grouped(
      (ids: readonly string[]) => refundsOfPayments(db, ids),
      (r) => r.paymentId,
    ),
  }),
  consumers: ({ services }) => paymentsConsumers(services.commands),
  httpRoutes: ({ services }) => ({ '/webhooks/stripe': services.providerEvents.webhook }),
});

/** What every payments resolver gets; inferred from the declaration above. */
export type PaymentsContext = ContextOf<typeof payments>;

export default payments.withResolvers(resolvers);
