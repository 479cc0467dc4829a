import fs from 'node:fs';
import { createLogger, exitOnSignals, loadConfigOrExit, loadRouterSecret, loadSigningKeys } from '@basket/platform';
import { startRouter } from './router';
import { routerSettings } from './settings';

/** The router alone, in front of subgraphs that run as their own processes. */
async function main() {
  const config = loadConfigOrExit(process.env, { issuesTokens: false });
  const logger = createLogger('router', config.LOG_LEVEL);
  const keys = await loadSigningKeys({ publicKeyPem: config.JWT_PUBLIC_KEY, dataDir: config.dataDir });
  const router = await startRouter({
    supergraphSdl: fs.readFileSync(config.supergraphSdlPath, 'utf8'),
    // A new supergraph file is picked up without a restart.
    supergraphPath: config.supergraphSdlPath,
    port: config.ROUTER_PORT,
    host: process.env.HOST,
    logger,
    ...routerSettings(config, keys, loadRouterSecret({ secret: config.ROUTER_SECRET, dataDir: config.dataDir })),
  });
  logger.info({ url: router.url }, 'router ready');
  exitOnSignals(logger, () => router.close());
}

void main();
