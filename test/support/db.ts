import pg from 'pg';

let pool: pg.Pool | undefined;

/** Direct reads of the test database, to prove what was (not) written. */
export async function sql<T extends pg.QueryResultRow = Record<string, any>>(text: string, params: unknown[] = []): Promise<T[]> {
  pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  return (await pool.query<T>(text, params)).rows;
}

export async function closeDb(): Promise<void> {
  await pool?.end();
  pool = undefined;
}
