import type { Shopper } from './setup';

/** What the benchmark sends its shoppers' process for one concurrency level (over node's IPC channel). */
export interface ShoppersOptions {
  url: string;
  /** One loop per shopper: as many shoppers as concurrent customers. */
  shoppers: Shopper[];
  /** Shopper i buys skus[i % skus.length]. */
  skus: string[];
  /** Shoppers start new checkouts for this long; the ones under way are followed to their end. */
  durationMs: number;
  /** Wait between two polls of an order's status. */
  pollMs: number;
  /** An order not CONFIRMED or CANCELLED after this long counts as unsettled. */
  settleTimeoutMs: number;
}

/** One checkout as a shopper saw it. */
export interface CheckoutSample {
  /** CONFIRMED, CANCELLED, or UNSETTLED when it had not ended within settleTimeoutMs. */
  status: string;
  /** placeOrder sent to the poll that saw the final status, in ms (the customer's wait, to within one poll interval). */
  placeToSettledMs: number;
  /** The placeOrder mutation's own round trip, in ms. */
  placeOrderMs: number;
  /** From the order's createdAt to its CONFIRMED (or CANCELLED) history row, by the server's clock, in ms. */
  serverMs: number | null;
  polls: number;
  /** Per status the order went through, ms from the previous history row to this one (server clock): where checkout spent its time. */
  steps?: Record<string, number>;
  cancelReason?: string | null;
  failure?: string | null;
}

/** What the shoppers' process answers. */
export interface ShoppersResult {
  samples: CheckoutSample[];
  /** Failed requests (GraphQL error code, 'http <status>' or 'network') by step, e.g. 'placeOrder BAD_USER_INPUT'. */
  errors: Record<string, number>;
  /** The first message of each kind of error. */
  errorExamples: Record<string, string>;
  /** From the first shopper's start to the last checkout's end, in s. */
  seconds: number;
  /** CPU time the shoppers' process used, in ms. */
  generatorCpuMs: number;
}
