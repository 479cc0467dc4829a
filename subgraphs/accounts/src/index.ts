import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { defineSubgraph, keyedLoader, groupedLoader, outboxPublisher, type PlatformDeps } from '@basket/platform';
import { tables } from './db/schema';
import { findUsersByIds } from './db/users-store';
import { addressesOfUsers } from './db/addresses-store';
import { createAuthService } from './service/auth-service';
import { createUserService } from './service/user-service';
import { createShopService } from './service/shop-service';
import { findShopsByUserIds } from './db/shops-store';
import { resolvers } from './resolvers';
import { demoAccountsWithPublishedPasswords, seedAccounts } from './seed';
import type { AccountsContext } from './context';

const NAME = 'accounts';
export const typeDefs = parse(fs.readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));

export function createSubgraph(deps: PlatformDeps) {
  // Accounts signs every token: without the private key it could serve nothing but errors.
  if (!deps.keys.privateKey) throw new Error('accounts issues tokens: set JWT_PRIVATE_KEY (PEM) along with JWT_PUBLIC_KEY');
  const db = deps.database.db;
  const publish = outboxPublisher(NAME, tables);
  const services = {
    auth: createAuthService({
      db,
      publish,
      tokens: { keys: deps.keys, issuer: deps.config.JWT_ISSUER, accessTtlSeconds: deps.config.ACCESS_TOKEN_TTL_SECONDS },
      refreshTtlSeconds: deps.config.REFRESH_TOKEN_TTL_SECONDS,
      rateLimiter: deps.rateLimiter,
      limits: {
        loginFailuresPerClientEmail: deps.config.LOGIN_FAILURES_PER_CLIENT_EMAIL,
        loginFailuresPerClient: deps.config.LOGIN_FAILURES_PER_CLIENT,
        registrationsPerClientPerHour: deps.config.REGISTRATIONS_PER_CLIENT_PER_HOUR,
        signInsPerClientPerMinute: deps.config.SIGN_INS_PER_CLIENT_PER_MINUTE,
      },
    }),
    users: createUserService({ db, publish }),
    shops: createShopService({ db, publish }),
  };
  return defineSubgraph<AccountsContext>(deps, {
    name: NAME,
    typeDefs,
    resolvers,
    tables,
    migrationsFolder: path.join(__dirname, 'db', 'migrations'),
    context: (base) => ({
      ...base,
      services,
      provenUserIds: new Set(),
      passwordWork: { done: false },
      loaders: {
        user: keyedLoader(
          deps.metrics,
          { service: NAME, loader: 'user' },
          (ids) => findUsersByIds(db, ids),
          (u) => u.id,
        ),
        addresses: groupedLoader(
          deps.metrics,
          { service: NAME, loader: 'addresses' },
          (ids) => addressesOfUsers(db, ids),
          (a) => a.userId,
        ),
        shop: keyedLoader(
          deps.metrics,
          { service: NAME, loader: 'shop' },
          (ids) => findShopsByUserIds(db, ids),
          (s) => s.userId,
        ),
      },
    }),
    preflight: async () => {
      if (!deps.config.production) return;
      const exposed = await demoAccountsWithPublishedPasswords(db);
      if (exposed.length) {
        throw new Error(
          `Refusing to serve production: demo accounts still have their published passwords (${exposed.join(', ')}); change their passwords or delete them`,
        );
      }
    },
    seed: async () => {
      const created = await seedAccounts(db, publish);
      if (created) deps.logger.info({ created }, 'seeded demo accounts');
    },
  });
}
