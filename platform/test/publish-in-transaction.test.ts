import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { pgSchema } from 'drizzle-orm/pg-core';
import { createDatabase, queryRows, type Database, type Db } from '../src/db/database';
import { type createInProcessTransport } from '../src/events/in-process-transport';
import { writeOutbox } from '../src/events/outbox';
import { type createOutboxRelay } from '../src/events/relay';
import { startOutboxPipeline } from './support/outbox-pipeline';
import { eventTables } from '../src/events/tables';
import { createLogger } from '../src/logger';
import { outboxPublisher, type Publish } from '../src/subgraph';
import { eventually } from '../../test/support/graphql';

/**
 * Events are published with the state change or not at all. The types make the root
 * handle unusable for publishing; these tests show what that buys at runtime, on the
 * real Postgres: a service transaction that fails after it published leaves no outbox
 * row, and the relay and consumer never see the event.
 */

// Type-level: never called, checked by `npm run typecheck` (tsc includes platform/test).
// Each call below fails to compile without its expect-error directive, and tsc reports
// an unused directive, so widening Publish back to any executor breaks the build.
export function publishingThroughTheRootHandleDoesNotCompile(db: Db, publish: Publish): void {
  // @ts-expect-error the root handle is not a transaction
  void publish(db, []);
  // @ts-expect-error writeOutbox takes a transaction too
  void writeOutbox(db, tables, schemaName, []);
}

// A schema of this run's own in the shared test database, so this relay and consumer
// never touch the running stack's outbox (nor it theirs), and nothing is left behind.
const schemaName = `publish_test_${randomBytes(4).toString('hex')}`;
const tables = eventTables(pgSchema(schemaName));
const logger = createLogger('test', 'silent');
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/basket_test';

let database: Database;
let transport: ReturnType<typeof createInProcessTransport>;
let relay: ReturnType<typeof createOutboxRelay>;
const publish = outboxPublisher(schemaName, tables);

const registered = (userId: string) => ({
  type: 'UserRegistered' as const,
  aggregateId: userId,
  data: { userId, email: `${userId.slice(0, 8)}@x.vn`, name: 'Test', role: 'CUSTOMER' as const },
});

/** A service write as the subgraphs do it: state change, publish, more work, all in one transaction. */
function openShop(id: string, name: string, afterPublish: (tx: Parameters<Publish>[0]) => Promise<unknown> = async () => undefined) {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`insert into ${sql.identifier(schemaName)}.shops (id, name) values (${id}, ${name})`);
    await publish(tx, [registered(id)], 'trace');
    await afterPublish(tx);
  });
}

const rows = (table: string, where: ReturnType<typeof sql>) =>
  queryRows<Record<string, unknown>>(database.db, sql`select * from ${sql.identifier(schemaName)}.${sql.identifier(table)} where ${where}`);

beforeAll(async () => {
  database = await createDatabase({ databaseUrl, dataDir: '', logger, poolSize: 4 });
  const s = sql.identifier(schemaName);
  // The event tables exactly as a subgraph's migrations create them (accounts' as the model).
  await database.db.execute(sql`create schema ${s}`);
  for (const table of ['outbox', 'processed_events', 'dead_letters']) {
    await database.db.execute(sql`create table ${s}.${sql.identifier(table)} (like accounts.${sql.identifier(table)} including all)`);
  }
  await database.db.execute(sql`create table ${s}.shops (id uuid primary key, name text not null unique)`);
  await database.db.execute(sql`create table ${s}.effects (user_id uuid primary key)`);
  ({ transport, relay } = await startOutboxPipeline({
    database,
    schemaName,
    tables,
    logger,
    handlers: {
      UserRegistered: async (tx, event) => {
        await tx.execute(sql`insert into ${sql.identifier(schemaName)}.effects values (${event.data.userId})`);
      },
    },
  }));
}, 30_000);

afterAll(async () => {
  await relay?.stop();
  await transport?.stop();
  await database?.db.execute(sql`drop schema if exists ${sql.identifier(schemaName)} cascade`);
  await database?.close();
});

/**
 * Commits a control event after the failed one and waits for its effect. The relay
 * sends in seq order and the consumer applies in order, so once the control's effect
 * is there, an event from the failed transaction would have been applied before it.
 */
async function afterTheNextCommittedEvent(): Promise<void> {
  const control = randomUUID();
  await openShop(control, `control-${control}`);
  await eventually(async () => (await rows('effects', sql`user_id = ${control}`)).length === 1, 10_000, 'the control event to be consumed');
}

async function expectNoTrace(userId: string) {
  expect(await rows('shops', sql`id = ${userId}`)).toHaveLength(0);
  expect(await rows('outbox', sql`key = ${userId}`)).toHaveLength(0);
  expect(await rows('effects', sql`user_id = ${userId}`)).toHaveLength(0);
}

describe('a service transaction that fails after it published (real Postgres, relay and consumer)', () => {
  it('a unique violation after the publish leaves no outbox row and no consumer effect', async () => {
    const taken = `Chợ ${randomUUID()}`;
    await openShop(randomUUID(), taken);
    const id = randomUUID();
    await expect(
      openShop(id, `Sạp ${randomUUID()}`, (tx) =>
        tx.execute(sql`insert into ${sql.identifier(schemaName)}.shops (id, name) values (${randomUUID()}, ${taken})`),
      ),
    ).rejects.toMatchObject({ cause: { code: '23505' } });
    await afterTheNextCommittedEvent();
    await expectNoTrace(id);
  });

  it('an error thrown after the publish leaves no outbox row and no consumer effect', async () => {
    const id = randomUUID();
    await expect(
      openShop(id, `Sạp ${randomUUID()}`, async () => {
        throw new Error('stock check failed');
      }),
    ).rejects.toThrow('stock check failed');
    await afterTheNextCommittedEvent();
    await expectNoTrace(id);
  });

  it('a committed publish is delivered once (so the checks above can fail)', async () => {
    const id = randomUUID();
    await openShop(id, `Sạp ${randomUUID()}`);
    await eventually(async () => (await rows('effects', sql`user_id = ${id}`)).length === 1, 10_000, 'the event to be consumed');
    const outbox = await rows('outbox', sql`key = ${id}`);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.published_at).not.toBeNull();
  });
});
