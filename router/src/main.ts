import fs from 'node:fs';
import { createLogger, exitOnSignals, loadConfigOrExit, loadSigningKeys } from '@basket/platform';
import { startRouter } from './router';

/** The router alone, in front of subgraphs that run as their own processes. */
async function main() {
  const config = loadConfigOrExit();
  const logger = createLogger('router', config.LOG_LEVEL);
  const keys = await loadSigningKeys({ publicKeyPem: config.JWT_PUBLIC_KEY, dataDir: config.dataDir });
  const router = await startRouter({
    supergraphSdl: fs.readFileSync(config.supergraphSdlPath, 'utf8'),
    port: config.ROUTER_PORT,
    host: process.env.HOST,
    logger,
    production: config.NODE_ENV === 'production',
    auth: { keys, issuer: config.JWT_ISSUER },
  });
  logger.info({ url: router.url }, 'router ready');
  exitOnSignals(logger, () => router.close());
}

void main();
