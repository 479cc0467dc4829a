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
