import { DateTimeScalar } from '@basket/platform';
import type { Resolvers } from '../generated/resolvers-types';

/** The database's lower-case words as the schema's enum values. */
const upper = <T extends string>(value: T) => value.toUpperCase() as Uppercase<T>;

/** Thin: loaders fetch, the queries service decides who may see what. */
export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Order: {
    __resolveReference: (ref) => ({ id: ref.id }),
    payments: async (order, _args, ctx) =>
      ctx.services.queries.readable(ctx, { payments: await ctx.loaders.paymentsOfOrder.load(order.id) }),
  },
  Payment: {
    __resolveReference: async (ref, ctx) => {
      const payment = await ctx.loaders.payment.load(ref.id);
      return payment ? ((await ctx.services.queries.readable(ctx, { payments: [payment] }))[0] ?? null) : null;
    },
    order: (payment) => ({ id: payment.orderId }),
    currency: () => 'VND',
    status: (payment) => upper(payment.status),
    provider: (payment) => upper(payment.provider),
    method: (payment) => payment.methodLabel,
    refunds: (payment, _args, ctx) => ctx.loaders.refundsOfPayment.load(payment.id),
    refundedVnd: async (payment, _args, ctx) =>
      (await ctx.loaders.refundsOfPayment.load(payment.id)).filter((r) => r.status !== 'failed').reduce((sum, r) => sum + r.amountVnd, 0),
  },
  Refund: {
    status: (refund) => upper(refund.status),
  },
};
