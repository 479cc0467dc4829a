import { envelopeSchema } from '@basket/schema';
import type { EventTransport, Logger } from '@basket/platform';

/**
 * Which products changed, for the productChanged subscription, from catalog's own events
 * on catalog.events. The subscription is a broadcast one (its own consumer group per
 * process, from the latest offset, nothing deduplicated): every replica hears every
 * change, whichever replica made it.
 *
 * A listener holds at most one pending notice: the subscription re-reads the product when
 * it delivers, so changes that pile up while a subscriber is slow collapse into one, and
 * a slow subscriber costs nothing more than one flag.
 */
export interface ProductChanges {
  /** Notices for one product until `return()` (graphql-ws calls it when the client leaves). */
  listen(productId: string): AsyncIterableIterator<string>;
  /** Products with a listener, and how many (for tests and metrics). */
  listeners(): number;
}

const TOPIC = 'catalog.events';

export function createProductChanges({ transport, logger }: { transport: EventTransport; logger: Logger }): ProductChanges {
  const byProduct = new Map<string, Set<() => void>>();

  const notify = (productId: string) => {
    for (const wake of byProduct.get(productId) ?? []) wake();
  };

  transport
    .subscribe({
      groupId: 'catalog.product-changes',
      topics: [TOPIC],
      broadcast: true,
      // Never throws: a message it cannot read concerns no subscriber, and a broadcast consumer has nothing to retry.
      handle: async (message) => {
        try {
          const envelope = envelopeSchema.safeParse(JSON.parse(message.value));
          const productId = envelope.success ? (envelope.data.data as { productId?: unknown }).productId : undefined;
          if (typeof productId === 'string') notify(productId);
        } catch (err) {
          logger.warn({ err, topic: message.topic, offset: message.offset }, 'unreadable catalog event ignored by productChanged');
        }
      },
    })
    .catch((err: unknown) => logger.error({ err }, 'productChanged: could not subscribe to catalog.events'));

  return {
    listen(productId) {
      let pending = false;
      let done = false;
      let waiting: ((result: IteratorResult<string>) => void) | undefined;
      const wake = () => {
        if (waiting) {
          const resolve = waiting;
          waiting = undefined;
          resolve({ value: productId, done: false });
        } else pending = true;
      };
      let set = byProduct.get(productId);
      if (!set) byProduct.set(productId, (set = new Set()));
      set.add(wake);
      const finish = (): Promise<IteratorResult<string>> => {
        done = true;
        set.delete(wake);
        if (!set.size) byProduct.delete(productId);
        waiting?.({ value: undefined, done: true });
        waiting = undefined;
        return Promise.resolve({ value: undefined, done: true });
      };
      return {
        next() {
          if (done) return Promise.resolve({ value: undefined, done: true });
          if (pending) {
            pending = false;
            return Promise.resolve({ value: productId, done: false });
          }
          return new Promise((resolve) => (waiting = resolve));
        },
        return: finish,
        throw: finish,
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    },
    listeners() {
      let count = 0;
      for (const set of byProduct.values()) count += set.size;
      return count;
    },
  };
}
