import { randomUUID } from 'node:crypto';
import {
  concurrencyGate,
  appError,
  parseInput,
  signAccessToken,
  unauthenticated,
  conflict,
  type Db,
  type Executor,
  type Publish,
  type RateLimiter,
  type RequestScope,
  type TokenSettings,
} from '@basket/platform';
import { findUserByEmail, findUsersByIds, insertUser } from '../db/users-store';
import { insertRefreshToken, lockRefreshToken, markRefreshTokenUsed, revokeFamily } from '../db/tokens-store';
import type { UserRow } from '../db/schema';
import { DUMMY_HASH_INPUT, hashPassword, verifyPassword } from '../domain/password';
import { assessRefreshToken, hashRefreshToken, newRefreshToken } from '../domain/refresh-token';
import { loginInput, registerInput } from '../domain/inputs';

export interface AuthResult {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  user: UserRow;
}

export interface AuthServiceDeps {
  db: Db;
  publish: Publish;
  tokens: TokenSettings;
  refreshTtlSeconds: number;
  rateLimiter: RateLimiter;
  limits: AuthLimits;
}

/**
 * Failed logins are counted per (client, email) and per client. Keying on the client
 * too means a stranger cannot lock a user out; the per-client cap bounds guessing one
 * password across many emails. Registrations are capped per client (each costs a
 * scrypt hash).
 */
export interface AuthLimits {
  loginFailuresPerClientEmail: number;
  loginFailuresPerClient: number;
  registrationsPerClientPerHour: number;
  /** Every sign-in attempt, right password or not, per client and minute: each is a scrypt. */
  signInsPerClientPerMinute: number;
}
const LOGIN_WINDOW_SECONDS = 15 * 60;
const REGISTRATION_WINDOW_SECONDS = 60 * 60;

const rateLimited = (retryAfterSeconds: number) => appError('RATE_LIMITED', 'Too many attempts; try again later', { retryAfterSeconds });

export function createAuthService(deps: AuthServiceDeps) {
  const { limits } = deps;
  let dummyHash: Promise<string> | undefined;

  async function issueRefreshToken(tx: Executor, userId: string, familyId: string): Promise<string> {
    const { token, hash } = newRefreshToken();
    await insertRefreshToken(tx, {
      userId,
      familyId,
      tokenHash: hash,
      expiresAt: new Date(Date.now() + deps.refreshTtlSeconds * 1000),
    });
    return token;
  }

  async function result(user: UserRow, refreshToken: string): Promise<AuthResult> {
    const access = await signAccessToken(deps.tokens, { userId: user.id, role: user.role });
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, user };
  }

  // Password hashing runs on libuv's pool at one core's worth: a flood of sign-ins waits
  // here (or gets RATE_LIMITED) instead of taking every core from the rest of the platform.
  const passwordWork = concurrencyGate({ concurrency: 1, queue: 32 }, 'Too many sign-ins at once; retry shortly');

  return {
    async register(scope: RequestScope, args: { input: unknown }): Promise<AuthResult> {
      const input = parseInput(registerInput, args.input);
      const wait = await deps.rateLimiter.hit(
        `register:${scope.clientIp}`,
        limits.registrationsPerClientPerHour,
        REGISTRATION_WINDOW_SECONDS,
      );
      if (wait > 0) throw rateLimited(wait);
      const passwordHash = await passwordWork.run(() => hashPassword(input.password));
      const { user, refreshToken } = await deps.db.transaction(async (tx) => {
        const user = await insertUser(tx, { email: input.email, passwordHash, name: input.name, phone: input.phone ?? null });
        if (!user) throw conflict('An account with this email already exists');
        await deps.publish(
          tx,
          [
            {
              type: 'UserRegistered',
              aggregateId: user.id,
              data: { userId: user.id, email: user.email, name: user.name, role: user.role },
            },
          ],
          scope.correlationId,
        );
        return { user, refreshToken: await issueRefreshToken(tx, user.id, randomUUID()) };
      });
      return result(user, refreshToken);
    },

    async login(scope: RequestScope, args: { input: unknown }): Promise<AuthResult> {
      const { clientIp } = scope;
      const input = parseInput(loginInput, args.input);
      const attempts = await deps.rateLimiter.hit(`login:${clientIp}`, limits.signInsPerClientPerMinute, 60);
      if (attempts > 0) throw rateLimited(attempts);
      const pairKey = `login-fail:${clientIp}:${input.email}`;
      const clientKey = `login-fail:${clientIp}`;
      const wait = Math.max(
        await deps.rateLimiter.blocked(pairKey, limits.loginFailuresPerClientEmail),
        await deps.rateLimiter.blocked(clientKey, limits.loginFailuresPerClient),
      );
      if (wait > 0) throw rateLimited(wait);
      const user = await findUserByEmail(deps.db, input.email);
      // Verify against a dummy hash for unknown emails so timing does not reveal which exist.
      const ok = await passwordWork.run(async () =>
        user
          ? verifyPassword(input.password, user.passwordHash)
          : (await verifyPassword(input.password, await (dummyHash ??= hashPassword(DUMMY_HASH_INPUT))), false),
      );
      if (!user || !ok) {
        await deps.rateLimiter.hit(pairKey, limits.loginFailuresPerClientEmail, LOGIN_WINDOW_SECONDS);
        await deps.rateLimiter.hit(clientKey, limits.loginFailuresPerClient, LOGIN_WINDOW_SECONDS);
        throw unauthenticated('Invalid email or password');
      }
      await deps.rateLimiter.reset(pairKey);
      const refreshToken = await deps.db.transaction((tx) => issueRefreshToken(tx, user.id, randomUUID()));
      return result(user, refreshToken);
    },

    async refresh(_scope: RequestScope, { refreshToken: token }: { refreshToken: string }): Promise<AuthResult> {
      const outcome = await deps.db.transaction(async (tx) => {
        const row = await lockRefreshToken(tx, hashRefreshToken(token));
        if (!row) return { error: 'Invalid refresh token' } as const;
        const verdict = assessRefreshToken(row, new Date());
        if (verdict === 'reused') {
          // Commit the revocation, then fail: the thief and the owner both lose the session.
          await revokeFamily(tx, row.familyId);
          return { error: 'Refresh token reuse detected; the session was revoked' } as const;
        }
        if (verdict !== 'valid') return { error: `Refresh token ${verdict}` } as const;
        const [user] = await findUsersByIds(tx, [row.userId]);
        if (!user) return { error: 'Invalid refresh token' } as const;
        await markRefreshTokenUsed(tx, row.id);
        return { user, refreshToken: await issueRefreshToken(tx, user.id, row.familyId) };
      });
      if ('error' in outcome) throw unauthenticated(outcome.error);
      return result(outcome.user, outcome.refreshToken);
    },

    async logout(_scope: RequestScope, { refreshToken: token }: { refreshToken: string }): Promise<boolean> {
      return deps.db.transaction(async (tx) => {
        const row = await lockRefreshToken(tx, hashRefreshToken(token));
        if (!row) return false;
        return (await revokeFamily(tx, row.familyId)) > 0;
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
