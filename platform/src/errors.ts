import { GraphQLError } from 'graphql';

/**
 * The one registry of `extensions.code` values. Clients switch on these, so a code
 * never changes meaning once shipped; add new ones instead.
 */
export const ErrorCode = {
  BAD_USER_INPUT: { description: 'The input failed validation; nothing was written.', http: 200 },
  UNAUTHENTICATED: { description: 'No valid access token: missing, expired, tampered, or revoked.', http: 200 },
  FORBIDDEN: { description: 'Authenticated, but the role or ownership does not allow this.', http: 200 },
  NOT_FOUND: { description: 'The addressed object does not exist or is not visible to the caller.', http: 200 },
  CONFLICT: { description: 'The write clashes with current state (duplicate, concurrent change).', http: 200 },
  RATE_LIMITED: { description: 'Too many attempts; retry after the time in extensions.retryAfterSeconds.', http: 200 },
  COST_ESTIMATED_TOO_EXPENSIVE: {
    description:
      'The operation is estimated to cost more than the budget (extensions.cost, extensions.maxCost): ask for smaller pages or fewer nested lists. Same code as Apollo Router.',
    http: 400,
  },
  REQUEST_TIMEOUT: { description: 'The request passed its deadline; nothing more was done for it. Same code as Apollo Router.', http: 504 },
  RESPONSE_TOO_LARGE: { description: 'The answer exceeded the response size cap; ask for less.', http: 200 },
  // The next two are Apollo Server's own, listed so clients find every code here.
  GRAPHQL_PARSE_FAILED: { description: 'The document is not valid GraphQL syntax.', http: 400 },
  GRAPHQL_VALIDATION_FAILED: {
    description: 'The operation does not fit the schema or exceeds the depth, alias, directive or expanded-field limits.',
    http: 400,
  },
  INTERNAL_SERVER_ERROR: { description: 'An unexpected failure; it was logged with the correlation id.', http: 500 },
} as const;

export type ErrorCodeName = keyof typeof ErrorCode;

export interface FieldProblem {
  path: string;
  message: string;
}

export function appError(code: ErrorCodeName, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const badInput = (message: string, problems: FieldProblem[] = []) =>
  appError('BAD_USER_INPUT', message, problems.length ? { problems } : {});
export const unauthenticated = (message = 'Authentication required') => appError('UNAUTHENTICATED', message);
export const forbidden = (message = 'Not allowed') => appError('FORBIDDEN', message);
export const notFound = (what: string) => appError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string) => appError('CONFLICT', message);

export function errorCodeOf(err: unknown): string | undefined {
  if (err instanceof GraphQLError) return err.extensions?.code as string | undefined;
  return undefined;
}

/** Postgres' unique_violation: a concurrent insert won the race for a unique key. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
