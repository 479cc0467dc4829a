import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createDatabase, queryRows, type Database } from '../src/db/database';
import { createEventConsumer, PermanentFailure } from '../src/events/consumer';
import { createLogger } from '../src/logger';
import { createMetrics } from '../src/metrics';
import { tables } from '../../subgraphs/accounts/src/db/schema';

const logger = createLogger('test', 'silent');
let database: Database;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanent-'));
  database = await createDatabase({ dataDir, logger });
  await database.migrate({ schema: 'accounts', migrationsFolder: path.join(__dirname, '../../subgraphs/accounts/src/db/migrations') });
}, 60_000);
afterAll(async () => {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function message() {
  const userId = randomUUID();
  const envelope = {
    id: randomUUID(),
    type: 'UserRegistered',
    version: 1,
    occurredAt: new Date().toISOString(),
    aggregateId: userId,
    data: { userId, email: `${userId.slice(0, 8)}@x.vn`, name: 'Test', role: 'CUSTOMER' },
    traceId: null,
  };
  return { topic: 'accounts.events', partition: 0, offset: '7', key: userId, value: JSON.stringify(envelope) };
}

async function attemptsUntilParked(failure: () => Error) {
  let attempts = 0;
  const consumer = createEventConsumer({
    consumer: `test-${randomUUID()}`,
    service: 'test',
    database,
    tables,
    logger,
    metrics: createMetrics(),
    retryDelayMs: 1,
    maxAttempts: 4,
    handlers: {
      UserRegistered: async () => {
        attempts++;
        throw failure();
      },
    },
  });
  const sent = message();
  await consumer.handle(sent);
  const parked = await queryRows<{ error: string }>(
    database.db,
    sql`select error from accounts.dead_letters where payload = ${sent.value}`,
  );
  return { attempts, parked: parked.map((p) => p.error) };
}

describe('a handler failure that retrying cannot fix', () => {
  it('is parked at the first attempt when the handler says so (PermanentFailure)', async () => {
    expect(await attemptsUntilParked(() => new PermanentFailure('no such payment'))).toEqual({ attempts: 1, parked: ['no such payment'] });
  });

  it('while any other failure is retried up to maxAttempts first', async () => {
    expect(await attemptsUntilParked(() => new Error('database hiccup'))).toEqual({ attempts: 4, parked: ['database hiccup'] });
  });
});
