import { badInput, DateTimeScalar } from '@basket/platform';
import type { Resolvers } from '../generated/resolvers-types';
import type { AccountsContext } from '../subgraph';
import type { AuthResult } from '../service/auth-service';
import { assertSelfOrAdmin } from '../service/user-service';
import { legacyShop } from '../domain/shop';
import type { UserRow } from '../db/schema';

/** The user an auth mutation returns may read their own private fields in that response. */
async function proven(ctx: AccountsContext, pending: Promise<AuthResult>): Promise<AuthResult> {
  const result = await pending;
  ctx.provenUserIds.add(result.user.id);
  return result;
}

/** One password check (login) or hash (register) per request; see AccountsContext.passwordWork. */
function onePasswordCheck(ctx: AccountsContext): void {
  if (ctx.passwordWork.done) throw badInput('Sign in or register once per request');
  ctx.passwordWork.done = true;
}

/** Only sellers are vendors publicly; a demoted one stays visible to themself and admins. */
async function visibleVendor(ctx: AccountsContext, user: UserRow | null): Promise<UserRow | null> {
  if (!user) return null;
  if (user.role === 'VENDOR') return user;
  return (await assertSelfOrAdmin(ctx, user.id).catch(() => false)) ? user : null;
}

/** The vendor's shop, or what a vendor from before shops reads as. */
async function shopOfVendor(ctx: AccountsContext, user: UserRow) {
  return (await ctx.loaders.shop.load(user.id)) ?? legacyShop(user);
}

/** Thin: arguments in, service call, result out. Rules live in src/service. */
export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    me: (_, __, ctx) => (ctx.viewer ? ctx.loaders.user.load(ctx.viewer.userId) : null),
    user: (_, { id }, ctx) => ctx.services.users.user(ctx.viewer, id),
    users: (_, args, ctx) => ctx.services.users.list(ctx.viewer, args),
    vendor: async (_, args, ctx) => visibleVendor(ctx, await ctx.services.shops.vendorUser(args)),
  },
  Mutation: {
    register: (_, { input }, ctx) => {
      onePasswordCheck(ctx);
      return proven(ctx, ctx.services.auth.register(input, ctx.correlationId, ctx.clientIp));
    },
    login: (_, { input }, ctx) => {
      onePasswordCheck(ctx);
      return proven(ctx, ctx.services.auth.login(input, ctx.clientIp));
    },
    refreshToken: (_, { refreshToken }, ctx) => proven(ctx, ctx.services.auth.refresh(refreshToken)),
    logout: (_, { refreshToken }, ctx) => ctx.services.auth.logout(refreshToken),
    updateProfile: (_, { input }, ctx) => ctx.services.users.updateProfile(ctx.viewer, input, ctx.correlationId),
    addAddress: (_, { input }, ctx) => ctx.services.users.addAddress(ctx.viewer, input),
    updateAddress: (_, { id, input }, ctx) => ctx.services.users.updateAddress(ctx.viewer, id, input),
    deleteAddress: (_, { id }, ctx) => ctx.services.users.deleteAddress(ctx.viewer, id),
    setDefaultAddress: (_, { id }, ctx) => ctx.services.users.setDefaultAddress(ctx.viewer, id),
    changeUserRole: (_, { userId, role }, ctx) => ctx.services.users.changeRole(ctx.viewer, userId, role, ctx.correlationId),
    setShop: (_, { input }, ctx) => ctx.services.shops.setShop(ctx.viewer, input, ctx.correlationId),
  },
  User: {
    __resolveReference: (ref, ctx) => ctx.loaders.user.load(ref.id),
    email: async (user, _, ctx) => (await assertSelfOrAdmin(ctx, user.id)) && user.email,
    phone: async (user, _, ctx) => (await assertSelfOrAdmin(ctx, user.id)) && user.phone,
    role: async (user, _, ctx) => (await assertSelfOrAdmin(ctx, user.id)) && user.role,
    addresses: async (user, _, ctx) => (await assertSelfOrAdmin(ctx, user.id)) && ctx.loaders.addresses.load(user.id),
  },
  Vendor: {
    __resolveReference: async (ref, ctx) => visibleVendor(ctx, await ctx.loaders.user.load(ref.id)),
    name: async (user, _, ctx) => (await shopOfVendor(ctx, user)).name,
    slug: async (user, _, ctx) => (await shopOfVendor(ctx, user)).slug,
    memberSince: (user) => user.createdAt,
  },
};
