import { DateTimeScalar, type Locale } from '@basket/platform';
import type { Resolvers } from '../generated/resolvers-types';
import type { OrdersContext } from '../subgraph';

/** A line's name in the field's locale, else the request's, else Vietnamese (catalog's rule). */
function nameIn(names: { nameVi: string; nameEn: string }, arg: 'VI' | 'EN' | null | undefined, ctx: OrdersContext): string {
  const locale: Locale = arg ? (arg === 'EN' ? 'en' : 'vi') : (ctx.locale ?? 'vi');
  return (locale === 'en' ? names.nameEn : names.nameVi).trim() || names.nameVi;
}

const failureTypes = {
  OUT_OF_STOCK: 'OutOfStock',
  PAYMENT_DECLINED: 'PaymentDeclined',
  TIMED_OUT: 'CheckoutTimedOut',
  CANCELLED: 'CancelledByRequest',
} as const;

/** Thin: arguments in, service or loader call, result out. */
export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    cart: (_, args, ctx) => ctx.services.carts.cart(ctx, args),
    myOrders: async (_, args, ctx) => (await ctx.services.orders.myOrders(ctx, args))!,
    order: (_, args, ctx) => ctx.services.orders.order(ctx, args),
    vendorOrders: (_, args, ctx) => ctx.services.orders.vendorOrders(ctx, args),
  },
  Mutation: {
    createCart: async (_, __, ctx) => {
      const cart = await ctx.services.carts.createCart(ctx);
      return { cart, guestToken: cart.guestToken };
    },
    addToCart: async (_, { input }, ctx) => {
      const cart = await ctx.services.carts.addToCart(ctx, { input });
      return { cart, guestToken: cart.guestToken };
    },
    updateCartLine: async (_, { input }, ctx) => ({ cart: await ctx.services.carts.updateCartLine(ctx, { input }), guestToken: null }),
    removeCartLine: async (_, args, ctx) => ({ cart: await ctx.services.carts.removeCartLine(ctx, args), guestToken: null }),
    placeOrder: (_, { input }, ctx) => ctx.services.orders.placeOrder(ctx, { input }),
    cancelOrder: (_, args, ctx) => ctx.services.orders.cancelOrder(ctx, args),
    requestReturn: (_, args, ctx) => ctx.services.orders.requestReturn(ctx, args),
    resolveReturn: (_, args, ctx) => ctx.services.orders.resolveReturn(ctx, args),
    advanceOrderPart: (_, args, ctx) => ctx.services.orders.advanceOrderPart(ctx, args),
  },
  User: {
    __resolveReference: (ref) => ({ id: ref.id }),
    cart: (u, _, ctx) => ctx.services.carts.customerCart(ctx, { customerId: u.id }),
    orders: (u, args, ctx) => ctx.services.orders.customerOrders(ctx, { customerId: u.id, ...args }),
  },
  Cart: {
    lines: (c) => c.lines,
    quote: (c) => c.quote,
  },
  CartLine: {
    variant: (l) => ({ sku: l.sku }),
    name: (l, { locale }, ctx) => (l.item ? nameIn(l.item, locale, ctx) : null),
    unit: (l) => l.item?.unit ?? null,
  },
  Order: {
    __resolveReference: (ref, ctx) => ctx.services.orders.order(ctx, { id: ref.id }),
    failure: (o) => o.failure ?? null,
    parts: (o, _, ctx) => ctx.loaders.partsOfOrder.load(o.id),
    currency: () => 'VND',
    history: (o, _, ctx) => ctx.loaders.historyOfOrder.load(o.id),
  },
  OrderPart: {
    vendor: (p) => ({ id: p.vendorId }),
    lines: (p, _, ctx) => ctx.loaders.linesOfPart.load(p.id),
    // The part's own view of the order: where to deliver, never the other vendors' parts.
    deliveryAddress: async (p, _, ctx) => (await ctx.loaders.order.load(p.orderId))!.deliveryAddress,
  },
  OrderLine: {
    variant: (l) => ({ sku: l.sku }),
    name: (l, { locale }, ctx) => nameIn(l, locale, ctx),
    totalVnd: (l) => l.unitPriceVnd * l.quantity,
  },
  OrderStatusChange: {
    from: (h) => h.fromStatus,
    to: (h) => h.toStatus,
  },
  CheckoutFailure: {
    __resolveType: (f) => failureTypes[f.kind],
  },
  CheckoutTimedOut: { step: (f) => f.step },
  CancelledByRequest: { by: (f) => f.by },
  PlaceOrderResult: {
    __resolveType: (r) => (r as { __typename: 'OrderPlaced' | 'EmptyCart' | 'UnavailableItems' }).__typename,
  },
};
