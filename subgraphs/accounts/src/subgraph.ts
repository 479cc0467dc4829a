import path from 'node:path';
import { defineSubgraph, loader, type ContextOf } from '@basket/platform';
import { tables } from './db/schema';
import { findUsersByIds } from './db/users-store';
import { addressesOfUsers } from './db/addresses-store';
import { findShopsByUserIds } from './db/shops-store';
import { createAuthService } from './service/auth-service';
import { createUserService } from './service/user-service';
import { createShopService } from './service/shop-service';
import { createAccountsPolicy } from './policy';
import { resolvers } from './resolvers';
import { demoAccountsWithPublishedPasswords, seedAccounts } from './seed';

/** The accounts subgraph: users, sign-in and tokens, addresses, roles, vendors' shops. */
const accounts = defineSubgraph({
  name: 'accounts',
  root: path.join(__dirname, '..'),
  tables,
  issuesTokens: true,
  services: ({ deps, config, db, publish }) => {
    // Accounts signs every token: without the private key it could serve nothing but errors.
    if (!deps.keys.privateKey) throw new Error('accounts issues tokens: set JWT_PRIVATE_KEY (PEM) along with JWT_PUBLIC_KEY');
    const policy = createAccountsPolicy(db);
    return {
      policy,
      auth: createAuthService({
        db,
        publish,
        tokens: { keys: deps.keys, issuer: config.JWT_ISSUER, accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS },
        refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
        rateLimiter: deps.rateLimiter,
        limits: {
          loginFailuresPerClientEmail: config.LOGIN_FAILURES_PER_CLIENT_EMAIL,
          loginFailuresPerClient: config.LOGIN_FAILURES_PER_CLIENT,
          registrationsPerClientPerHour: config.REGISTRATIONS_PER_CLIENT_PER_HOUR,
          signInsPerClientPerMinute: config.SIGN_INS_PER_CLIENT_PER_MINUTE,
        },
      }),
      users: createUserService({ db, publish, policy }),
      shops: createShopService({ db, publish, policy }),
    };
  },
  loaders: ({ db }) => ({
    user: loader.keyed(
      (ids: readonly string[]) => findUsersByIds(db, ids),
      (u) => u.id,
    ),
    addresses: loader.grouped(
      (ids: readonly string[]) => addressesOfUsers(db, ids),
      (a) => a.userId,
    ),
    /** A vendor's shop by user id; null for users who never sold (or vendors from before shops). */
    shop: loader.keyed(
      (ids: readonly string[]) => findShopsByUserIds(db, ids),
      (s) => s.userId,
    ),
  }),
  requestState: () => ({
    /** Users who proved their identity in this request (register, login, refresh) and may see their own fields in its response. */
    provenUserIds: new Set<string>(),
    /**
     * Whether this request already checked or hashed a password. Each check is tens of ms of
     * scrypt and 32 MiB: thirty aliased logins in one request would be one client taking a core.
     */
    passwordWork: { done: false },
  }),
  preflight: async ({ config, db }) => {
    if (!config.production) return;
    const exposed = await demoAccountsWithPublishedPasswords(db);
    if (exposed.length) {
      throw new Error(
        `Refusing to serve production: demo accounts still have their published passwords (${exposed.join(', ')}); change their passwords or delete them`,
      );
    }
  },
  seed: async ({ db, publish, logger }) => {
    const created = await seedAccounts(db, publish);
    if (created) logger.info({ created }, 'seeded demo accounts');
  },
});

/** What every accounts resolver gets; inferred from the declaration above. */
export type AccountsContext = ContextOf<typeof accounts>;

export default accounts.withResolvers(resolvers);
