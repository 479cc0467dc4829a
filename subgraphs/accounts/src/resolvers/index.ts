import { badInput, DateTimeScalar } from '@basket/platform';
import type { Resolvers } from '../generated/resolvers-types';
import type { AccountsContext } from '../subgraph';
import type { AuthResult } from '../service/auth-service';
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

/**
 * A user's private fields (email, phone, role, addresses): to themself and admins (the
 * policy's user:readPrivate), and to whoever just proved to be them in this request.
 */
async function assertPrivateTo(ctx: AccountsContext, userId: string): Promise<true> {
  if (!ctx.provenUserIds.has(userId)) await ctx.services.policy.assertCan(ctx.viewer, 'user:readPrivate', { id: userId });
  return true;
}

/** Only sellers are vendors publicly; a demoted one stays visible to themself and admins. */
async function visibleVendor(ctx: AccountsContext, user: UserRow | null): Promise<UserRow | null> {
  if (!user) return null;
  if (user.role === 'VENDOR') return user;
  return ctx.provenUserIds.has(user.id) || (await ctx.services.policy.can(ctx.viewer, 'user:readPrivate', user)) ? user : null;
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
    user: (_, args, ctx) => ctx.services.users.user(ctx, args),
    users: (_, args, ctx) => ctx.services.users.list(ctx, args),
    vendor: async (_, args, ctx) => visibleVendor(ctx, await ctx.services.shops.vendorUser(ctx, args)),
  },
  Mutation: {
    register: (_, args, ctx) => {
      onePasswordCheck(ctx);
      return proven(ctx, ctx.services.auth.register(ctx, args));
    },
    login: (_, args, ctx) => {
      onePasswordCheck(ctx);
      return proven(ctx, ctx.services.auth.login(ctx, args));
    },
    refreshToken: (_, args, ctx) => proven(ctx, ctx.services.auth.refresh(ctx, args)),
    logout: (_, args, ctx) => ctx.services.auth.logout(ctx, args),
    updateProfile: (_, args, ctx) => ctx.services.users.updateProfile(ctx, args),
    addAddress: (_, args, ctx) => ctx.services.users.addAddress(ctx, args),
    updateAddress: (_, args, ctx) => ctx.services.users.updateAddress(ctx, args),
    deleteAddress: (_, args, ctx) => ctx.services.users.deleteAddress(ctx, args),
    setDefaultAddress: (_, args, ctx) => ctx.services.users.setDefaultAddress(ctx, args),
    changeUserRole: (_, args, ctx) => ctx.services.users.changeRole(ctx, args),
    setShop: (_, args, ctx) => ctx.services.shops.setShop(ctx, args),
  },
  User: {
    __resolveReference: (ref, ctx) => ctx.loaders.user.load(ref.id),
    email: async (user, _, ctx) => (await assertPrivateTo(ctx, user.id)) && user.email,
    phone: async (user, _, ctx) => (await assertPrivateTo(ctx, user.id)) && user.phone,
    role: async (user, _, ctx) => (await assertPrivateTo(ctx, user.id)) && user.role,
    addresses: async (user, _, ctx) => (await assertPrivateTo(ctx, user.id)) && ctx.loaders.addresses.load(user.id),
  },
  Vendor: {
    __resolveReference: async (ref, ctx) => visibleVendor(ctx, await ctx.loaders.user.load(ref.id)),
    name: async (user, _, ctx) => (await shopOfVendor(ctx, user)).name,
    slug: async (user, _, ctx) => (await shopOfVendor(ctx, user)).slug,
    memberSince: (user) => user.createdAt,
  },
};
