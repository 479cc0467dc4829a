import { GraphQLError } from 'graphql';

/**
 * Why the router ended a subscription. Each is sent once, as the subscription's last
 * message (a graphql-ws `error`, or a multipart part with `payload: null` and `errors`);
 * the client subscribes again if it wants to go on.
 */
export const subscriptionErrors = {
  /** The access token the connection was opened with has expired: sign in again, then resubscribe. */
  tokenExpired: () => new GraphQLError('Access token expired', { extensions: { code: 'TOKEN_EXPIRED' } }),
  /** The supergraph changed under the subscription; its plan may no longer be valid. */
  schemaReload: () =>
    new GraphQLError('The supergraph was reloaded; subscribe again', { extensions: { code: 'SUBSCRIPTION_SCHEMA_RELOAD' } }),
  /** The client did not take its events as fast as they came (see ClientStream's bound). */
  tooSlow: (bound: number) =>
    new GraphQLError(`More than ${bound} events were waiting for this client; subscribe again`, {
      extensions: { code: 'SUBSCRIPTION_CLIENT_TOO_SLOW' },
    }),
  /** The subgraph's side of the subscription went away (closed, unreachable, stopped answering pings). */
  upstreamLost: (subgraph: string, detail: string) =>
    new GraphQLError(`Subgraph "${subgraph}" ended the subscription (${detail}); subscribe again`, {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: subgraph },
    }),
  /** The router is shutting down. */
  shutdown: () => new GraphQLError('The router is shutting down; subscribe again', { extensions: { code: 'SHUTTING_DOWN' } }),
};

/** How a subscription ended, when not by a plain completion: the errors are the client's last message. */
export class SubscriptionEnded extends Error {
  constructor(readonly errors: readonly GraphQLError[]) {
    super(errors[0]?.message ?? 'Subscription ended');
  }
}
