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

/** Creates the database of a postgres URL when it does not exist (a test's own instance of a subgraph). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    // A concurrent creator may win between the check and the create; either way it exists.
    if (!rowCount) await admin.query(`create database ${pg.escapeIdentifier(name)}`).catch(() => undefined);
  } finally {
    await admin.end();
  }
}
