import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createDatabase, queryRows, type Database } from '../src/db/database';
import { type createInProcessTransport } from '../src/events/in-process-transport';
import { writeOutbox } from '../src/events/outbox';
import { type createOutboxRelay } from '../src/events/relay';
import { startOutboxPipeline } from './support/outbox-pipeline';
import { createLogger } from '../src/logger';
// Any subgraph's event tables and migrations do; accounts' are used as a real example.
import { tables } from '../../subgraphs/accounts/src/db/schema';

const logger = createLogger('test', 'silent');
const migrationsFolder = path.join(__dirname, '../../subgraphs/accounts/src/db/migrations');

let database: Database;
let transport: ReturnType<typeof createInProcessTransport>;
let relay: ReturnType<typeof createOutboxRelay>;
const handled: string[] = [];
let failuresLeft = 0;

const registered = (userId = randomUUID()) => ({
  type: 'UserRegistered' as const,
  aggregateId: userId,
  data: { userId, email: `${userId.slice(0, 8)}@x.vn`, name: 'Test', role: 'CUSTOMER' as const },
});

const effects = async () =>
  (await queryRows<{ event_id: string }>(database.db, sql`select event_id from effects order by event_id`)).map((r) => r.event_id);

let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
  database = await createDatabase({ dataDir, logger });
  await database.migrate({ schema: 'accounts', migrationsFolder });
  await database.db.execute(sql`create table effects (event_id uuid primary key)`);
  ({ transport, relay } = await startOutboxPipeline({
    database,
    schemaName: 'accounts',
    tables,
    logger,
    retryDelayMs: 1,
    maxAttempts: 3,
    handlers: {
      UserRegistered: async (tx, event) => {
        if (failuresLeft-- > 0) throw new Error('transient failure');
        handled.push(event.id);
        await tx.execute(sql`insert into effects values (${event.id})`);
      },
    },
  }));
}, 60_000);

afterAll(async () => {
  await relay.stop();
  await transport.stop();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function settle() {
  await new Promise((r) => setTimeout(r, 50));
  await relay.idle();
  await transport.settled();
}

describe('outbox, relay and consumer in embedded mode (PGlite + in-process transport)', () => {
  it('publishes nothing when the writing transaction rolls back', async () => {
    const event = registered();
    await expect(
      database.db.transaction(async (tx) => {
        await writeOutbox(tx, tables, 'accounts', [event]);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await settle();
    expect(await queryRows(database.db, sql`select 1 from accounts.outbox where key = ${event.aggregateId}`)).toHaveLength(0);
  });

  it('delivers a committed event once, woken by NOTIFY, and marks it published', async () => {
    const [envelope] = await database.db.transaction((tx) => writeOutbox(tx, tables, 'accounts', [registered()], 'trace-1'));
    await settle();
    expect(await effects()).toContain(envelope!.id);
    const [row] = await queryRows<{ published_at: Date | null }>(
      database.db,
      sql`select published_at from accounts.outbox where id = ${envelope!.id}`,
    );
    expect(row?.published_at).not.toBeNull();
  });

  it('ignores a redelivered event (processed_events) and keeps one effect', async () => {
    const [envelope] = await database.db.transaction((tx) => writeOutbox(tx, tables, 'accounts', [registered()]));
    await settle();
    await transport.publish([{ topic: 'accounts.events', key: envelope!.aggregateId, value: JSON.stringify(envelope) }]);
    await settle();
    expect(handled.filter((id) => id === envelope!.id)).toHaveLength(1);
  });

  it('retries a failing handler, and rolls back the failed attempts', async () => {
    failuresLeft = 2;
    const [envelope] = await database.db.transaction((tx) => writeOutbox(tx, tables, 'accounts', [registered()]));
    await settle();
    expect(handled.filter((id) => id === envelope!.id)).toHaveLength(1);
  });

  it('parks an event whose handler keeps failing, and one that is not an envelope', async () => {
    failuresLeft = 3;
    const [envelope] = await database.db.transaction((tx) => writeOutbox(tx, tables, 'accounts', [registered()]));
    await transport.publish([{ topic: 'accounts.events', key: 'k', value: 'garbage' }]);
    await settle();
    expect(await effects()).not.toContain(envelope!.id);
    const parked = await queryRows<{ error: string; payload: string }>(
      database.db,
      sql`select error, payload from accounts.dead_letters order by id`,
    );
    expect(parked.map((p) => p.error).sort()).toEqual(['transient failure', 'value is not JSON']);
    // Parked means not processed: the event id is free for a manual replay.
    expect(await queryRows(database.db, sql`select 1 from accounts.processed_events where event_id = ${envelope!.id}`)).toHaveLength(0);
  });

  it('refuses to write an event whose data breaks its contract', async () => {
    const bad = { ...registered(), data: { userId: 'not-a-uuid', email: 'x', name: 'n', role: 'CUSTOMER' as const } };
    await expect(database.db.transaction((tx) => writeOutbox(tx, tables, 'accounts', [bad]))).rejects.toThrow();
  });
});
