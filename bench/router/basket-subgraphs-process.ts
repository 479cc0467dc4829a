import fs from 'node:fs';
import { request } from 'undici';
import { readSupergraphConfig, ROUTER_CREDENTIAL_HEADER, signRouterCredential } from '@basket/platform';
import { serveInChild } from '../lib/children';
import { startBenchStack } from '../lib/embedded-stack';
import type { Mode } from '../lib';
import { startMemoServer, type MemoServer } from './memo-server';

export interface BasketSubgraphsReady {
  /** Basket's supergraph with each subgraph's URL pointing at its memo server. */
  supergraphSdl: string;
  /** The memo servers, by subgraph name: the subgraphs run here. */
  subgraphUrls: Record<string, string>;
  mode: Mode;
}

/**
 * Basket's real subgraphs (embedded, or on the services the environment names, as
 * bench/abuse.ts starts them), each behind a memo server in this same process: a body is
 * executed by the real subgraph once, then answered from the cache. Whichever engine sends
 * a body first, the subgraph gets it with an anonymous router credential of its own, so a
 * router that signs nothing (the stock gateway) is answered as well in services mode.
 */
serveInChild<Record<string, never>, BasketSubgraphsReady>(async () => {
  // The storefront listing reads catalog and accounts only; other subgraphs stay out of its process.
  const { stack, config, stop: stopStack } = await startBenchStack({ SUBGRAPHS: 'accounts,catalog', ...process.env });
  const memos: MemoServer[] = [];
  const subgraphUrls: Record<string, string> = {};
  let sdl = fs.readFileSync(config.supergraphSdlPath, 'utf8');
  for (const entry of readSupergraphConfig(config.supergraphConfigPath)) {
    const upstream = stack.subgraphUrls[entry.name];
    if (!upstream) continue; // not run here (SUBGRAPHS)
    const memo = await startMemoServer(async (body) => {
      const credential = await signRouterCredential(stack.deps.routerSecret, entry.name, {
        clientIp: '127.0.0.1',
        correlationId: 'bench-router',
        viewer: null,
      });
      const answer = await request(upstream, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [ROUTER_CREDENTIAL_HEADER]: credential },
        body,
      });
      return {
        status: answer.statusCode,
        contentType: String(answer.headers['content-type'] ?? 'application/json'),
        body: Buffer.from(await answer.body.arrayBuffer()),
      };
    });
    memos.push(memo);
    subgraphUrls[entry.name] = memo.url;
    sdl = sdl.split(entry.routingUrl).join(memo.url);
  }
  return {
    ready: { supergraphSdl: sdl, subgraphUrls, mode: config.embedded ? 'embedded' : 'services' },
    async stop() {
      for (const memo of memos) await memo.close();
      await stopStack();
    },
  };
});
