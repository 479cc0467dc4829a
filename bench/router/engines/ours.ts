import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, loadConfig, loadRouterSecret, loadSigningKeys } from '@basket/platform';
import { startRouter } from '@basket/router';
import { routerSettings } from '@basket/router/src/settings';
import type { EngineOptions, RunningEngine } from '../engine-process';

/** Basket's router (startRouter) with the settings `npm start` gives it, over the load's supergraph. */
export async function startOurs(options: Extract<EngineOptions, { kind: 'ours' }>): Promise<RunningEngine> {
  const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn', ...process.env, ...options.config };
  // The router's own keys (it verifies tokens; the load sends none) unless the services' are set.
  let tempDir: string | undefined;
  if (!env.DATA_DIR) env.DATA_DIR = tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'basket-bench-ours-'));
  if (options.engine) env.ROUTER_ENGINE = options.engine;
  const config = loadConfig(env, undefined, { issuesTokens: false });
  const keys = await loadSigningKeys({ publicKeyPem: config.JWT_PUBLIC_KEY, dataDir: config.dataDir });
  // The engine travels as ROUTER_ENGINE, which routerSettings reads like `npm start` does.
  const router = await startRouter({
    ...routerSettings(config, keys, loadRouterSecret({ secret: config.ROUTER_SECRET, dataDir: config.dataDir })),
    supergraphSdl: options.supergraphSdl,
    port: 0,
    logger: createLogger('router', config.LOG_LEVEL),
  });
  return {
    url: router.url,
    async close() {
      await router.close();
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
