import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, logLevel, type Consumer, type Producer } from 'kafkajs';
import type { Logger } from '../logger';
import type { EventTransport } from './transport';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** Connection and request retries (kafkajs' exponential backoff). */
  retries?: number;
  /**
   * Prefixes every consumer group (`<prefix>.<consumer>`), so two deployments (or two
   * test runs) sharing a broker never split one group's partitions between them.
   */
  groupPrefix?: string;
  /**
   * Prefixes every topic on the broker (`<prefix>catalog.events`) while the code keeps
   * the logical names: a test run owns its own topics and never reads another run's
   * backlog or answers another run's commands on a shared broker.
   */
  topicPrefix?: string;
}

export function createKafkaTransport(options: KafkaTransportOptions): EventTransport {
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log }) => {
        const { message, ...extra } = log;
        // At-least-once with idempotent consumers is the contract; kafkajs' EoS caveat is noise here.
        if (String(message).startsWith('Limiting retries for the idempotent producer')) return;
        const fn = level <= logLevel.ERROR ? 'error' : 'warn';
        options.logger[fn]({ namespace, ...extra }, `kafka: ${message}`);
      },
    retry: { retries: options.retries ?? 8 },
  });
  // Idempotent: a retried send after a lost ack does not duplicate the message in the log.
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // Murmur2 on the key, like the Java client: an aggregate's events stay on one partition.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const consumers: Consumer[] = [];
  const prefix = options.topicPrefix ?? '';
  const physical = (topic: string) => prefix + topic;
  const logical = (topic: string) => (prefix && topic.startsWith(prefix) ? topic.slice(prefix.length) : topic);
  let producerReady: Promise<void> | undefined;
  // A failed connect is forgotten, so the next publish tries again instead of
  // failing forever on the same rejected promise.
  const connectProducer = () =>
    (producerReady ??= producer.connect().catch((err: unknown) => {
      producerReady = undefined;
      throw err;
    }));

  return {
    kind: 'kafka',
    async publish(messages) {
      if (messages.length === 0) return;
      await connectProducer();
      const byTopic = new Map<string, { key: string; value: string }[]>();
      for (const m of messages) {
        const topic = physical(m.topic);
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), { key: m.key, value: m.value }]);
      }
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })) });
    },
    async subscribe(subscription) {
      const shared = options.groupPrefix ? `${options.groupPrefix}.${subscription.groupId}` : subscription.groupId;
      // A broadcast group is this instance's alone; it commits nothing, so the broker forgets it once it leaves.
      const broadcast = subscription.broadcast ?? false;
      const consumer = kafka.consumer({
        groupId: broadcast ? `${shared}.broadcast.${randomUUID()}` : shared,
        allowAutoTopicCreation: false,
      });
      consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topics: subscription.topics.map(physical), fromBeginning: !broadcast });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          await subscription.handle({
            topic: logical(topic),
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? '',
          });
          if (broadcast) return;
          // Committed only after the effect is durable: a crash in between means redelivery, never loss.
          await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
        },
      });
    },
    async ping() {
      const admin = kafka.admin();
      await admin.connect();
      try {
        await admin.describeCluster();
      } finally {
        await admin.disconnect();
      }
    },
    async stop() {
      await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
      if (producerReady) await producer.disconnect().catch(() => undefined);
    },
  };
}
