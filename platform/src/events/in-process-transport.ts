import type { EventTransport, IncomingMessage, OutgoingMessage, Subscription } from './transport';

interface GroupCursor {
  subscription: Subscription;
  offsets: Map<string, number>;
  draining: boolean;
  idle: Promise<void>;
}

/**
 * Embedded-mode transport: an append-only log per topic in memory, one cursor per
 * consumer group, delivery on a later tick. Delivery must not run inside the
 * publisher's call: with PGlite's single connection the relay still holds its
 * transaction, and a consumer's transaction would wait on it forever.
 */
export function createInProcessTransport(onError: (err: unknown) => void = () => undefined): EventTransport & { settled(): Promise<void> } {
  const log = new Map<string, IncomingMessage[]>();
  const groups: GroupCursor[] = [];
  let stopped = false;

  const behind = (g: GroupCursor) => g.subscription.topics.some((t) => (g.offsets.get(t) ?? 0) < (log.get(t)?.length ?? 0));

  const drain = (group: GroupCursor) => {
    if (group.draining || stopped) return;
    group.draining = true;
    group.idle = (async () => {
      try {
        for (let progressed = true; progressed && !stopped;) {
          progressed = false;
          for (const topic of group.subscription.topics) {
            const messages = log.get(topic) ?? [];
            const next = group.offsets.get(topic) ?? 0;
            const message = messages[next];
            if (!message) continue;
            await group.subscription.handle(message);
            group.offsets.set(topic, next + 1);
            progressed = true;
          }
        }
      } catch (err) {
        // The consumer could not even park the message (e.g. the database is down):
        // keep the offset and try again shortly, as Kafka would redeliver.
        onError(err);
        setTimeout(() => drain(group), 1000).unref();
      } finally {
        group.draining = false;
      }
    })();
  };

  return {
    kind: 'in-process',
    async publish(messages: OutgoingMessage[]) {
      for (const m of messages) {
        const topicLog = log.get(m.topic) ?? [];
        log.set(m.topic, topicLog);
        topicLog.push({ topic: m.topic, partition: 0, offset: String(topicLog.length), key: m.key, value: m.value });
      }
      setImmediate(() => groups.forEach(drain));
    },
    async subscribe(subscription) {
      // A broadcast subscription starts at the end of the log, as a fresh Kafka group at the latest offset.
      const offsets = new Map(subscription.broadcast ? subscription.topics.map((t) => [t, log.get(t)?.length ?? 0]) : []);
      const group: GroupCursor = { subscription, offsets, draining: false, idle: Promise.resolve() };
      groups.push(group);
      setImmediate(() => drain(group));
    },
    async ping() {},
    async stop() {
      // Deliver what was published before stopping: the outbox already marked it sent.
      // Bounded, in case delivery keeps failing (the database is gone).
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.settled(), new Promise((r) => (timer = setTimeout(r, 10_000)))]);
      clearTimeout(timer);
      stopped = true;
    },
    /** Resolves once every group has caught up; tests, the seeder and stop use it. */
    async settled() {
      for (;;) {
        await new Promise((r) => setImmediate(r));
        await Promise.all(groups.map((g) => g.idle));
        if (!groups.some((g) => g.draining || behind(g))) return;
        // Behind but idle: a failed delivery waits for its retry; do not spin meanwhile.
        await new Promise((r) => setTimeout(r, 20));
        groups.forEach(drain);
      }
    },
  };
}
