import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { createInProcessTransport } from '../src/events/in-process-transport';
import { createKafkaTransport } from '../src/events/kafka-transport';
import { createLogger } from '../src/logger';
import type { EventTransport, IncomingMessage } from '../src/events/transport';

/**
 * Broadcast subscriptions: every subscriber (every process instance) gets every message
 * published after it subscribed, even with the same group id; a shared group splits them.
 */
async function collect(transport: EventTransport, topic: string, broadcast: boolean): Promise<string[]> {
  const seen: string[] = [];
  await transport.subscribe({ groupId: 'g', topics: [topic], broadcast, handle: async (m: IncomingMessage) => void seen.push(m.value) });
  return seen;
}

const waitFor = async (check: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('broadcast subscriptions, in-process', () => {
  it('start at the end of the log and see everything after', async () => {
    const transport = createInProcessTransport();
    await transport.publish([{ topic: 't', key: 'k', value: 'before' }]);
    await transport.settled();
    const a = await collect(transport, 't', true);
    const b = await collect(transport, 't', true);
    const shared = await collect(transport, 't', false);
    await transport.publish([{ topic: 't', key: 'k', value: 'after' }]);
    await transport.settled();
    expect(a).toEqual(['after']);
    expect(b).toEqual(['after']);
    // A shared group reads from the beginning.
    expect(shared).toEqual(['before', 'after']);
    await transport.stop();
  });
});

describe('broadcast subscriptions, Kafka', () => {
  it('give each subscriber its own group from the latest offset', async () => {
    const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
    const topic = `basket-test.broadcast-${randomUUID().slice(0, 8)}`;
    const admin = new Kafka({ clientId: 'basket-test-admin', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    const options = { brokers, clientId: 'basket-test-broadcast', logger: createLogger('t', 'silent'), groupPrefix: 'basket-test' };
    const publisher = createKafkaTransport(options);
    const first = createKafkaTransport(options);
    const second = createKafkaTransport(options);
    try {
      await publisher.publish([{ topic, key: 'a', value: 'before' }]);
      const a = await collect(first, topic, true);
      const b = await collect(second, topic, true);
      // A fresh group reads from the latest offset once it has its partitions: publish until both hear.
      const sent: string[] = [];
      await waitFor(() => {
        if (a.length && b.length) return true;
        const value = `after-${sent.length}`;
        sent.push(value);
        void publisher.publish([
          { topic, key: 'a', value },
          { topic, key: 'b', value },
        ]);
        return false;
      }, 30_000).catch(() => undefined);
      await waitFor(() => a.length > 0 && b.length > 0, 5_000);
      // Once both listen, each hears every message, whichever partition it is on.
      await publisher.publish([
        { topic, key: 'a', value: 'final' },
        { topic, key: 'b', value: 'final' },
      ]);
      await waitFor(() => a.filter((v) => v === 'final').length === 2 && b.filter((v) => v === 'final').length === 2, 10_000);
      // Never the message sent before they subscribed.
      expect(a).not.toContain('before');
      expect(b).not.toContain('before');
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith('basket-test.g.broadcast.'));
      expect(groups.length).toBeGreaterThanOrEqual(2);
    } finally {
      await Promise.all([publisher.stop(), first.stop(), second.stop()]);
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  }, 60_000);
});
