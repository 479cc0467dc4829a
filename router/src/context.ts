import type { Viewer } from '@basket/platform';

export interface RouterContext {
  authorization?: string;
  acceptLanguage?: string;
  correlationId: string;
  clientIp?: string;
  /** Checked at the edge when the router has the public key; subgraphs check again. */
  viewer: Viewer | null;
}
