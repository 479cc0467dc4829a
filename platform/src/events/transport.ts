export interface OutgoingMessage {
  topic: string;
  key: string;
  value: string;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
}

export interface Subscription {
  groupId: string;
  topics: string[];
  /**
   * Every process instance sees every message, from the moment it subscribes: its own
   * group (the group id plus an id of this instance), reading from the latest offset,
   * committing nothing. For fan-out inside a process (e.g. GraphQL subscriptions fed by
   * events), not for effects: those need the shared group and processed_events.
   */
  broadcast?: boolean;
  /** Must settle only after the effect is durable; the offset is committed afterwards. */
  handle(message: IncomingMessage): Promise<void>;
}

/** Kafka in services mode, an in-process log in embedded mode; the outbox code is the same. */
export interface EventTransport {
  kind: 'kafka' | 'in-process';
  publish(messages: OutgoingMessage[]): Promise<void>;
  subscribe(subscription: Subscription): Promise<void>;
  ping(): Promise<void>;
  stop(): Promise<void>;
}
