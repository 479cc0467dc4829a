import type { NewCommand, Publish } from '@basket/platform';
import type { SendCommand } from './saga-runner';

/**
 * Commands travel like events: a row in orders' outbox, committed with the state change
 * that decided them, validated against the commands registry, published by the relay to
 * the topic it gives them (the executor's `<domain>.commands`), keyed by saga id so one
 * saga's commands stay in order on one partition.
 */
export function commandSender(publish: Publish): SendCommand {
  return (tx, type, key, data) => publish(tx, [{ type, aggregateId: key, data } as NewCommand]);
}
