import { inArray, sql } from 'drizzle-orm';
import { onlyUuids, type Executor } from '@basket/platform';
import { admins, type AdminRow } from './schema';

export async function findAdminsByIds(db: Executor, ids: readonly string[]): Promise<AdminRow[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return [];
  return db.select().from(admins).where(inArray(admins.id, valid));
}

/** Records whether a user is an admin as of a fact; a fact older than the row changes nothing. */
export async function upsertAdmin(tx: Executor, id: string, active: boolean, asOf: Date): Promise<void> {
  await tx
    .insert(admins)
    .values({ id, active, asOf })
    .onConflictDoUpdate({
      target: admins.id,
      set: { active, asOf, updatedAt: new Date() },
      setWhere: sql`${admins.asOf} <= excluded.as_of`,
    });
}

/** Demo data only: the seeded admin, in case its UserRegistered was consumed before this table existed. */
export async function ensureAdmin(db: Executor, id: string): Promise<void> {
  await db
    .insert(admins)
    .values({ id, active: true, asOf: new Date(0) })
    .onConflictDoNothing();
}
