import type { Comparable } from './compare';

/**
 * One entry of the differential corpus: an HTTP request to a router, as data. The
 * corpus is tables of these (operations/), one jest test each, named by `name`.
 */
export interface Operation<Ctx = undefined> {
  /** Unique in its corpus; the jest test's name. */
  name: string;
  /** For the corpus counts and to find related operations. */
  category: string;
  query?: string;
  /** Either fixed, or computed from what the suite set up (ids, tokens) once per engine. */
  variables?: Record<string, unknown> | ((ctx: Ctx) => Record<string, unknown>);
  operationName?: string;
  headers?: Record<string, string> | ((ctx: Ctx) => Record<string, string>);
  /** GET with the operation in the query string instead of a JSON POST. */
  method?: 'GET' | 'POST';
  /** Sent as the POST body instead of { query, variables, operationName }: malformed requests. */
  rawBody?: string;
  /**
   * What the reference engine is expected to answer, checked besides the comparison:
   * an operation meant to exercise partial data must not silently test a 400 instead.
   * data: data and no errors; partial: data (not null) and errors; errors: errors and
   * null or absent data.
   */
  expects: 'data' | 'partial' | 'errors';
  /** The error codes the reference answer must contain (in any order), when expects is not data. */
  codes?: string[];
  /**
   * Runs on a new pair of routers of its own: for operations whose subgraph fetches fail in
   * transport, which our engine's circuit breaker counts (the gateway has none), so that
   * one operation's failures never decide how a later one is answered.
   */
  isolated?: boolean;
  /** Why the reference answers as it does when that is surprising (a gateway quirk kept as the oracle). */
  note?: string;
  /**
   * A difference the candidate is meant to have (behaviour issue 7 asks for that the
   * gateway lacks): the candidate must give exactly the reference's answer with this
   * change applied, so everything else is still compared. See KNOWN_DIFFERENCES.md.
   */
  intended?: IntendedDifference;
}

export interface IntendedDifference {
  why: string;
  adjust(reference: Comparable): Comparable;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  /** Parsed JSON when the body is JSON, else the text. */
  body: unknown;
}

export function resolve<Ctx, T>(value: T | ((ctx: Ctx) => T) | undefined, ctx: Ctx): T | undefined {
  return typeof value === 'function' ? (value as (ctx: Ctx) => T)(ctx) : value;
}

/** Sends one operation as a client would: JSON POST by default, GET on request. */
export async function send<Ctx>(url: string, op: Operation<Ctx>, ctx: Ctx): Promise<HttpAnswer> {
  const variables = resolve(op.variables, ctx);
  const headers = { ...resolve(op.headers, ctx) };
  let res: Response;
  if (op.method === 'GET') {
    const target = new URL(url);
    if (op.query !== undefined) target.searchParams.set('query', op.query);
    if (variables) target.searchParams.set('variables', JSON.stringify(variables));
    if (op.operationName) target.searchParams.set('operationName', op.operationName);
    // Apollo's CSRF prevention refuses a GET without a non-simple header.
    res = await fetch(target, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  } else {
    const body = op.rawBody ?? JSON.stringify({ query: op.query, variables, operationName: op.operationName });
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  }
  const contentType = res.headers.get('content-type') ?? '';
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: compared as text.
  }
  return { status: res.status, contentType, body };
}
