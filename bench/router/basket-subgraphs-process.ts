import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { loadConfig, readSupergraphConfig, ROUTER_CREDENTIAL_HEADER, signRouterCredential } from '@basket/platform';
import { startStack } from '@basket/router';
import { serveInChild } from '../lib/children';
import type { Mode } from '../lib';
import { startMemoServer, type MemoServer } from './memo-server';

export interface BasketSubgraphsReady {
  /** Basket's supergraph with each subgraph's URL pointing at its memo server. */
  supergraphSdl: string;
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
  const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn', SUBGRAPHS: 'accounts,catalog', ...process.env };
  let tempDir: string | undefined;
  if (!env.DATABASE_URL && !env.DATA_DIR) env.DATA_DIR = tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'basket-bench-router-'));
  const config = loadConfig(env);
  const stack = await startStack({ config, ports: { router: 0, subgraphs: 0 } });
  const memos: MemoServer[] = [];
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
    sdl = sdl.split(entry.routingUrl).join(memo.url);
  }
  return {
    ready: { supergraphSdl: sdl, mode: config.embedded ? 'embedded' : 'services' },
    async stop() {
      for (const memo of memos) await memo.close();
      await stack.stop();
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    },
  };
});
