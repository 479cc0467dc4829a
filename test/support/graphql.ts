import { randomUUID } from 'node:crypto';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [k: string]: unknown } }[];
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Defaults to the router; pass a subgraph URL to call it directly. */
  url?: string;
}

export const routerUrl = () => required('BASKET_ROUTER_URL');
export const subgraphUrl = (name: string) => required(`BASKET_${name.toUpperCase()}_URL`);

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through jest so test/global-setup.ts starts the stack`);
  return value;
}

/** A plain GraphQL-over-HTTP client, as a storefront would use the router. */
export async function gql<T = Record<string, any>>(
  query: string,
  variables: Record<string, unknown> = {},
  options: RequestOptions = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(options.url ?? routerUrl(), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: res.status, ...body };
}

/** Asserts success and returns data, showing the errors when there are any. */
export async function ok<T = Record<string, any>>(
  query: string,
  variables?: Record<string, unknown>,
  options?: RequestOptions,
): Promise<T> {
  const res = await gql<T>(query, variables, options);
  if (res.errors?.length || !res.data) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data;
}

export const errorCodes = (res: GraphQLResponse<unknown>) => (res.errors ?? []).map((e) => e.extensions?.code);

export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomUUID().slice(0, 8)}@test.basket.local`;

/** Polls until check returns a value (not undefined/false), or fails after timeoutMs. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Reads one counter from a subgraph's /metrics (0 when absent). */
export async function metric(service: string, name: string, labels: Record<string, string>): Promise<number> {
  const url = subgraphUrl(service).replace(/\/graphql$/, '/metrics');
  const text = await (await fetch(url)).text();
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const labelPart = line.slice(name.length + 1, line.indexOf('}'));
    if (wanted.every((w) => labelPart.split(',').includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}
