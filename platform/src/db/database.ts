import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import type { Logger } from '../logger';
import { lockDataDir } from '../data-dir-lock';

/** The drizzle handle every service uses; the same type over node-postgres and PGlite. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;
/** Query functions take either a transaction or the root handle. */
export type Executor = Db | Tx;

export interface MigrateOptions {
  /** The subgraph's Postgres schema. */
  schema: string;
  migrationsFolder: string;
}

export interface Database {
  kind: 'pg' | 'pglite';
  db: Db;
  /** Subscribes to NOTIFY on a channel; returns the unsubscribe function. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  migrate(options: MigrateOptions): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  poolSize?: number;
  /** Postgres cancels any statement running longer (not PGlite: one in-process connection). */
  statementTimeoutMs?: number;
  dataDir: string;
  logger: Logger;
}

/**
 * Each subgraph's migration journal: a table of its own in a shared `drizzle` schema.
 * Not inside the subgraph's schema, because the migrator creates its journal schema
 * before running the first migration, which itself creates the subgraph's schema.
 */
const journal = (schema: string) => ({ migrationsSchema: 'drizzle', migrationsTable: `${schema}_migrations` });

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? createPgDatabase(options.databaseUrl, options) : createPgliteDatabase(options);
}

async function createPgDatabase(url: string, options: DatabaseOptions): Promise<Database> {
  // A statement that runs past the request deadline only burns a connection: cut it off.
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, statement_timeout: options.statementTimeoutMs });
  pool.on('error', (err) => options.logger.error({ err }, 'idle postgres client failed'));
  const db = drizzlePg(pool) as unknown as Db;
  const listeners: pg.Client[] = [];
  return {
    kind: 'pg',
    db,
    async listen(channel, onNotify) {
      // LISTEN needs a connection of its own that is never returned to the pool.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (msg) => msg.channel === channel && onNotify());
      client.on('error', (err) => options.logger.warn({ err, channel }, 'listen connection failed'));
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listeners.push(client);
      return async () => {
        listeners.splice(listeners.indexOf(client), 1);
        await client.end().catch(() => undefined);
      };
    },
    async migrate({ schema, migrationsFolder }) {
      // Several processes may start at once; an advisory lock serialises their migrations.
      const client = await pool.connect();
      try {
        // Waiting for another process's migration, or migrating a big table, is not a request.
        await client.query('SET statement_timeout = 0');
        await client.query('SELECT pg_advisory_lock(hashtext($1))', [`basket-migrate-${schema}`]);
        await migratePg(drizzlePg(client), { migrationsFolder, ...journal(schema) });
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`basket-migrate-${schema}`]).catch(() => undefined);
        await client.query('RESET statement_timeout').catch(() => undefined);
        client.release();
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      await Promise.all(listeners.map((c) => c.end().catch(() => undefined)));
      await pool.end();
    },
  };
}

async function createPgliteDatabase(options: DatabaseOptions): Promise<Database> {
  // Before PGlite opens (and migrations touch) the files: a second process fails here.
  const unlock = lockDataDir(options.dataDir);
  const dir = path.join(options.dataDir, 'pglite');
  let client: PGlite;
  try {
    fs.mkdirSync(dir, { recursive: true });
    // PGlite is one connection: every subgraph in the process shares this instance.
    client = await PGlite.create(dir);
  } catch (err) {
    unlock();
    throw err;
  }
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    async listen(channel, onNotify) {
      return client.listen(channel, () => onNotify());
    },
    async migrate({ schema, migrationsFolder }) {
      await migratePglite(drizzlePglite(client), { migrationsFolder, ...journal(schema) });
    },
    async ping() {
      await client.query('select 1');
    },
    async close() {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

/** Raw SQL returning rows, on either driver (both return `{ rows }`). */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
