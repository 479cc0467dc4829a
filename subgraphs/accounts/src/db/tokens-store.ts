import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '@basket/platform';
import { refreshTokens, type RefreshTokenRow } from './schema';

export async function insertRefreshToken(tx: Executor, values: typeof refreshTokens.$inferInsert): Promise<void> {
  await tx.insert(refreshTokens).values(values);
}

/** Row-locked, so two concurrent refreshes with the same token cannot both succeed. */
export async function lockRefreshToken(tx: Executor, tokenHash: string): Promise<RefreshTokenRow | null> {
  const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).for('update');
  return row ?? null;
}

export async function markRefreshTokenUsed(tx: Executor, id: string): Promise<void> {
  await tx.update(refreshTokens).set({ usedAt: new Date() }).where(eq(refreshTokens.id, id));
}

export async function revokeFamily(tx: Executor, familyId: string): Promise<number> {
  const rows = await tx
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  return rows.length;
}
