import type { RequestBase } from '@basket/platform';

/** What a service call knows of its request: who asks, the correlation id, the client's address. */
export type Scope = Pick<RequestBase, 'viewer' | 'correlationId' | 'clientIp'>;
