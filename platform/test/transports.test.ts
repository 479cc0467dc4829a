import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import { createInProcessTransport } from '../src/events/in-process-transport';
import { createKafkaTransport } from '../src/events/kafka-transport';
import { createLogger } from '../src/logger';

describe('in-process transport', () => {
  it('delivers everything already published before it stops', async () => {
    const transport = createInProcessTransport();
    const handled: string[] = [];
    await transport.subscribe({
      groupId: 'g',
      topics: ['t'],
      handle: async (m) => {
        await new Promise((r) => setTimeout(r, 10));
        handled.push(m.value);
      },
    });
    await transport.publish(['a', 'b', 'c'].map((value) => ({ topic: 't', key: 'k', value })));
    await transport.stop();
    expect(handled).toEqual(['a', 'b', 'c']);
  });

  it('keeps the offset when delivery fails and delivers on retry', async () => {
    const errors: unknown[] = [];
    const transport = createInProcessTransport((err) => errors.push(err));
    let fail = true;
    const handled: string[] = [];
    await transport.subscribe({
      groupId: 'g',
      topics: ['t'],
      handle: async (m) => {
        if (fail) {
          fail = false;
          throw new Error('database unavailable');
        }
        handled.push(m.value);
      },
    });
    await transport.publish([{ topic: 't', key: 'k', value: 'x' }]);
    await transport.settled();
    expect(handled).toEqual(['x']);
    expect(errors).toHaveLength(1);
    await transport.stop();
  });
});

describe('Kafka transport', () => {
  it('connects again after a failed first connect instead of failing forever', async () => {
    const broker = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',')[0]!;
    const [host, port] = broker.split(':');
    // A bootstrap address that refuses connections at first, then forwards to the real broker.
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const proxyPort = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));

    // A topic of its own: a domain topic would hand this message to real consumers.
    const kafka = new Kafka({ clientId: 'basket-test-admin', brokers: [broker], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'basket-test.reconnect', numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();

    const transport = createKafkaTransport({
      brokers: [`127.0.0.1:${proxyPort}`],
      clientId: 'basket-test-reconnect',
      logger: createLogger('t', 'silent'),
      retries: 1,
    });
    const message = [{ topic: 'basket-test.reconnect', key: 'reconnect-test', value: '{"reconnect":true}' }];
    await expect(transport.publish(message)).rejects.toThrow();

    const proxy = net.createServer((client) => {
      const upstream = net.connect(Number(port), host);
      client.pipe(upstream).pipe(client);
      const close = () => (client.destroy(), upstream.destroy());
      client.on('error', close);
      upstream.on('error', close);
    });
    await new Promise<void>((r) => proxy.listen(proxyPort, '127.0.0.1', r));
    try {
      await expect(transport.publish(message)).resolves.toBeUndefined();
    } finally {
      await transport.stop();
      proxy.close();
    }
  });
});
