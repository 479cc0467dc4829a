import pg from 'pg';

/**
 * Where a checkout's time goes between the services, read from the database after a level:
 * every saga message is an outbox row (created_at: the writing transaction, published_at:
 * after the relay's send to Kafka) and a processed_events row in the consuming schema
 * (processed_at: the consuming transaction). So per message type:
 *   toPublish = published_at - created_at   (the producer's outbox relay: wake-up, send, ack)
 *   toConsume = processed_at - published_at (Kafka delivery plus the wait in the consumer's queue)
 * A consumer that takes messages one at a time shows as a toConsume that grows with load.
 */
const SCHEMAS = ['orders', 'inventory', 'payments'] as const;

/** Saga traffic only: the commands and their replies. */
const SAGA_TYPES = [
  'ReserveStock',
  'StockReserved',
  'StockReservationFailed',
  'AuthorizePayment',
  'PaymentAuthorized',
  'PaymentDeclined',
  'CommitStock',
  'StockCommitted',
  'CapturePayment',
  'PaymentCaptured',
  'ReleaseStock',
  'StockReleased',
  'VoidPayment',
  'PaymentVoided',
];

export interface Hop {
  message: string;
  from: string;
  to: string;
  count: number;
  toPublishP50Ms: number;
  toPublishP95Ms: number;
  toConsumeP50Ms: number;
  toConsumeP95Ms: number;
}

export async function sagaHops(databaseUrl: string, from: Date, to: Date): Promise<Hop[]> {
  const outboxes = SCHEMAS.map((s) => `select '${s}' as src, id, type, created_at, published_at from ${s}.outbox`).join(' union all ');
  const consumed = SCHEMAS.map((s) => `select '${s}' as dst, event_id, processed_at from ${s}.processed_events`).join(' union all ');
  const ms = (a: string, b: string) => `extract(epoch from ${a} - ${b}) * 1000`;
  const p = (q: number, expr: string) => `round((percentile_cont(${q}) within group (order by ${expr}))::numeric)::int`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<Hop>(
      `with m as (${outboxes}), c as (${consumed})
       select m.type as message, m.src as "from", c.dst as "to", count(*)::int as count,
         ${p(0.5, ms('m.published_at', 'm.created_at'))} as "toPublishP50Ms",
         ${p(0.95, ms('m.published_at', 'm.created_at'))} as "toPublishP95Ms",
         ${p(0.5, ms('c.processed_at', 'm.published_at'))} as "toConsumeP50Ms",
         ${p(0.95, ms('c.processed_at', 'm.published_at'))} as "toConsumeP95Ms"
       from m join c on c.event_id = m.id
       where m.type = any($1) and m.created_at between $2 and $3
       group by 1, 2, 3 order by min(m.created_at)`,
      [SAGA_TYPES, from, to],
    );
    return rows;
  } finally {
    await client.end();
  }
}
