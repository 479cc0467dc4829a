import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import { onlyUuids, type Executor } from '@basket/platform';
import type { RoleName } from '@basket/schema';
import { users, type UserRow } from './schema';

export async function insertUser(tx: Executor, values: typeof users.$inferInsert): Promise<UserRow | null> {
  // ON CONFLICT keeps a concurrent duplicate registration from surfacing as a 500.
  const [row] = await tx.insert(users).values(values).onConflictDoNothing({ target: users.email }).returning();
  return row ?? null;
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row ?? null;
}

export async function findUsersByIds(db: Executor, ids: readonly string[]): Promise<UserRow[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return [];
  return db.select().from(users).where(inArray(users.id, valid));
}

export async function lockUser(tx: Executor, id: string): Promise<UserRow | null> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  return row ?? null;
}

export async function updateUser(tx: Executor, id: string, patch: Partial<typeof users.$inferInsert>): Promise<UserRow> {
  const [row] = await tx
    .update(users)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  if (!row) throw new Error(`user ${id} vanished inside its own transaction`);
  return row;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listUsers(
  db: Executor,
  options: { role?: RoleName | null; after?: { createdAt: Date; id: string }; limit: number },
): Promise<UserRow[]> {
  const conditions: SQL[] = [];
  if (options.role) conditions.push(eq(users.role, options.role));
  if (options.after) {
    const { createdAt, id } = options.after;
    conditions.push(or(lt(users.createdAt, createdAt), and(eq(users.createdAt, createdAt), lt(users.id, id)))!);
  }
  return db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(options.limit);
}
