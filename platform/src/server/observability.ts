import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { RequestBase } from './request-context';

/** Hides unexpected failures from clients (they are logged with the correlation id). */
export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    if (original instanceof GraphQLError || (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR')) {
      return formatted;
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected resolver error');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

// Operation names come from clients; a bounded set of label values keeps a client
// from growing the metrics registry without limit.
const MAX_OPERATION_LABELS = 200;

export function operationLabeller(max = MAX_OPERATION_LABELS) {
  const seen = new Set<string>();
  return (name: string): string => {
    if (seen.has(name)) return name;
    if (seen.size >= max || !/^[A-Za-z_][\w,]{0,99}$/.test(name)) return 'other';
    seen.add(name);
    return name;
  };
}

/** Counts and times every operation, and writes one access-log line per request. */
export function observabilityPlugin(service: string, metrics: Metrics): ApolloServerPlugin<Pick<RequestBase, 'logger' | 'viewer'>> {
  const label = operationLabeller();
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      const stop = metrics.graphqlDuration.startTimer({ service });
      return {
        async willSendResponse({ operation, errors, request, contextValue }) {
          stop();
          const name = request.operationName ?? operationLabel(operation?.selectionSet.selections);
          metrics.graphqlRequests.inc({ service, operation: label(name), outcome: errors?.length ? 'error' : 'ok' });
          // contextValue is absent when context creation itself failed (e.g. a bad token).
          contextValue?.logger?.info(
            {
              operation: name,
              durationMs: Number(process.hrtime.bigint() - started) / 1e6,
              userId: contextValue.viewer?.userId,
              errors: errors?.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
            },
            'graphql request',
          );
        },
      };
    },
  };
}

/** Anonymous operations (like the router's _entities fetches) are labelled by their root fields. */
function operationLabel(selections: readonly { kind: string; name?: { value: string } }[] | undefined): string {
  const fields = (selections ?? []).flatMap((s) => (s.kind === 'Field' && s.name ? [s.name.value] : []));
  return fields.length ? fields.sort().join(',') : 'anonymous';
}
