/**
 * What each GraphQL object type's resolvers receive as parent, under the type's name;
 * codegen (codegen.ts) reads these exports.
 */
export type { OrderRef as Order, PaymentRow as Payment, RefundRow as Refund } from './db/schema';
