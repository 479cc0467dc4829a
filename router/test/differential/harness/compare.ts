import type { HttpAnswer, Operation } from './operation';

interface GraphQLBody {
  data?: unknown;
  errors?: Record<string, unknown>[];
  extensions?: unknown;
}

export interface Comparable {
  status: number;
  /** The media type only: a charset parameter is spelled differently by different servers without meaning anything else. */
  mediaType: string;
  /** A request error has no `data` at all; a failed execution of a non-null root has `data: null`. They differ. */
  hasData?: boolean;
  data?: unknown;
  errors?: Record<string, unknown>[];
  extensions?: unknown;
  /** Not GraphQL JSON (an HTML error page, plain text): compared whole. */
  body?: unknown;
}

const isGraphQLBody = (body: unknown): body is GraphQLBody =>
  typeof body === 'object' && body !== null && !Array.isArray(body) && ('data' in body || 'errors' in body);

const sortKey = (e: Record<string, unknown>) => `${JSON.stringify(e.path ?? [])}\u0000${String(e.message)}`;

export const sortErrors = (errors: Record<string, unknown>[]) =>
  [...errors].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));

/**
 * The parts of an answer both engines must agree on, normalised only where a difference
 * means nothing:
 * - errors are sorted by path then message: the gateway appends each fetch's errors when
 *   that fetch completes, so parallel fetches list theirs in whichever order the
 *   subgraphs answered; clients cannot rely on that order and neither may the test.
 * Everything else (status, data, each error's message, path, locations and extensions)
 * must be equal.
 */
export function comparable(answer: HttpAnswer): Comparable {
  const mediaType = answer.contentType.split(';')[0]!.trim().toLowerCase();
  const { body } = answer;
  if (!isGraphQLBody(body)) return { status: answer.status, mediaType, body };
  return {
    status: answer.status,
    mediaType,
    hasData: 'data' in body,
    data: body.data,
    errors: body.errors && sortErrors(body.errors),
    extensions: body.extensions,
  };
}

/**
 * Every field of `data` as a path, in the order it was serialised: the response must
 * follow the operation's selection order (GraphQL spec, "Serialized Map Ordering"),
 * which deep equality does not see.
 */
export function fieldOrder(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => fieldOrder(v, `${at}/${i}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [`${at}/${k}`, ...fieldOrder(v, `${at}/${k}`)]);
  return [];
}

/** Whether the reference answer is what the operation is meant to exercise; a message when not. */
export function unmetExpectation(op: Pick<Operation<unknown>, 'expects' | 'codes'>, reference: HttpAnswer): string | undefined {
  const c = comparable(reference);
  // The gateway reports a null it had to put in a non-null field the subgraph left empty
  // without an error (a subgraph breaking its contract) under extensions.valueCompletion,
  // not in errors. For what an operation exercises, those are errors too.
  const completion = (c.extensions as { valueCompletion?: Record<string, unknown>[] } | undefined)?.valueCompletion ?? [];
  const errors = [...(c.errors ?? []), ...completion];
  const dataPresent = c.data !== null && c.data !== undefined;
  const shape = errors.length ? (dataPresent ? 'partial' : 'errors') : dataPresent ? 'data' : 'nothing';
  if (shape !== op.expects)
    return `expected ${op.expects}, the reference answered ${shape}: ${JSON.stringify(reference.body).slice(0, 2000)}`;
  const codes = errors.map((e) => (e.extensions as { code?: string } | undefined)?.code ?? '(no code)');
  const missing = (op.codes ?? []).filter((code) => !codes.includes(code));
  if (missing.length) return `expected error codes ${missing.join(', ')} among ${codes.join(', ')}`;
  return undefined;
}
