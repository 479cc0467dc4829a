/**
 * The broker's name for a logical topic in this test run: the global setup gives each
 * run its own topics (KAFKA_TOPIC_PREFIX), and the platform's transport adds the same
 * prefix. Tests reading or writing Kafka directly go through this.
 */
export function kafkaTopic(logical: string): string {
  return (process.env.KAFKA_TOPIC_PREFIX ?? '') + logical;
}
