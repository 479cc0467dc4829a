import { request } from 'undici';
import { RECORD_PATH } from './memo-server';

/** POSTs a query to a GraphQL URL and returns the answer's text; throws unless HTTP 200. */
export async function post(url: string, query: string): Promise<string> {
  const answer = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const text = await answer.body.text();
  if (answer.statusCode !== 200) throw new Error(`${url} answered HTTP ${answer.statusCode}: ${text.slice(0, 500)}`);
  return text;
}

/** The bodies each memo server (`subgraphUrls`, by subgraph name) received while `during` ran, by subgraph name. */
export async function recordFetches(
  subgraphUrls: Record<string, string>,
  during: () => Promise<unknown>,
): Promise<Record<string, string[]>> {
  const at = (url: string) => new URL(RECORD_PATH, url).toString();
  await Promise.all(Object.values(subgraphUrls).map((url) => request(at(url), { method: 'POST' }).then((r) => r.body.dump())));
  await during();
  const entries = await Promise.all(
    Object.entries(subgraphUrls).map(async ([name, url]) => [name, (await (await request(at(url))).body.json()) as string[]] as const),
  );
  return Object.fromEntries(entries);
}
