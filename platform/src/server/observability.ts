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

export interface RecordedOperation {
  /** process.hrtime.bigint() when the request started. */
  started: bigint;
  operationName: string | null | undefined;
  /** The operation's root selections, to label an anonymous operation. */
  selections: readonly { kind: string; name?: { value: string } }[] | undefined;
  errors: readonly { extensions?: Record<string, unknown> }[] | undefined;
  /** Absent when context creation itself failed (e.g. a bad token). */
  context: Pick<RequestBase, 'logger' | 'viewer'> | undefined;
}

/** Counts and times one operation and writes its access-log line; shared by Apollo's plugin and the router's fast path. */
export function operationRecorder(service: string, metrics: Metrics) {
  const label = operationLabeller();
  return ({ started, operationName, selections, errors, context }: RecordedOperation): void => {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    metrics.graphqlDuration.observe({ service }, durationMs / 1000);
    const name = operationName ?? operationLabel(selections);
    metrics.graphqlRequests.inc({ service, operation: label(name), outcome: errors?.length ? 'error' : 'ok' });
    context?.logger?.info(
      {
        operation: name,
        durationMs,
        userId: context.viewer?.userId,
        errors: errors?.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
      },
      'graphql request',
    );
  };
}

/** Counts and times every operation, and writes one access-log line per request. */
export function observabilityPlugin(service: string, metrics: Metrics): ApolloServerPlugin<Pick<RequestBase, 'logger' | 'viewer'>> {
  const record = operationRecorder(service, metrics);
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, errors, request, contextValue }) {
          record({
            started,
            operationName: request.operationName,
            selections: operation?.selectionSet.selections,
            errors,
            context: contextValue,
          });
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
