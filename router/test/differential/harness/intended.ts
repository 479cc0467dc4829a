import { sortErrors, type Comparable } from './compare';
import type { IntendedDifference } from './operation';

/** The reference's answer to a failed subgraph fetch: the data source's error, masked by the router's formatError. */
const isMasked = (e: Record<string, unknown>) =>
  e.message === 'Internal server error' && (e.extensions as { code?: string } | undefined)?.code === 'INTERNAL_SERVER_ERROR' && !e.path;

/**
 * Issue 7 §4: "a failing subgraph gives partial data with an error that names it". The
 * gateway's fetch error (connection refused, a body that is not JSON, a timeout) is not a
 * GraphQLError, so the router's formatError masks it as "Internal server error"; our
 * engine names the subgraph instead. Same data, same number of errors.
 */
export const namesUnavailableSubgraph = (subgraph: string): IntendedDifference => ({
  why: `the engine names the unavailable subgraph (${subgraph}) where the gateway's error is masked`,
  adjust: (reference: Comparable): Comparable => ({
    ...reference,
    errors:
      reference.errors &&
      sortErrors(
        reference.errors.map((e) =>
          isMasked(e)
            ? { message: `Subgraph "${subgraph}" is unavailable`, extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: subgraph } }
            : e,
        ),
      ),
  }),
});

/**
 * An operation name that names no operation (or none given for several) is the
 * client's mistake: Apollo Server answers 400 OPERATION_RESOLUTION_FAILURE, but behind
 * a gateway the gateway's own check throws first and the client gets 500 INVALID_GRAPHQL.
 * Our engine answers as Apollo Server does without a gateway. Same message.
 */
export const operationResolutionIsAClientError: IntendedDifference = {
  why: 'an operation name that resolves to nothing is a 400 OPERATION_RESOLUTION_FAILURE, not a 500',
  adjust: (reference: Comparable): Comparable => ({
    ...reference,
    status: 400,
    errors: reference.errors?.map((e) => ({ ...e, extensions: { ...(e.extensions as object), code: 'OPERATION_RESOLUTION_FAILURE' } })),
  }),
};
