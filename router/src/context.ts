import type { Logger, Viewer } from '@basket/platform';

export interface RouterContext {
  authorization?: string;
  acceptLanguage?: string;
  correlationId: string;
  /** The client's socket address: never a header the client sent. */
  clientIp: string;
  /** Verified at the edge; subgraphs receive it inside the router's credential. */
  viewer: Viewer | null;
  /** The signed credential for one subgraph's fetches of this request (made once per subgraph). */
  credentialFor(subgraph: string): Promise<string>;
  /** Epoch ms by which the whole request must be answered: no subgraph fetch outlives it. */
  deadline: number;
  /** Aborted just after the deadline (the client's REQUEST_TIMEOUT goes out first): every subgraph fetch listens to it. */
  fetchSignal?: AbortSignal;
  logger: Logger;
}
