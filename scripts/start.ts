import net from 'node:net';
import { demoAccounts, exitOnSignals, loadConfigOrExit, readSupergraphConfig, type Config } from '@basket/platform';
import { startStack } from '@basket/router';
import { assertDataDirFree, DataDirLockedError } from '../platform/src/data-dir-lock';
import { startBanner } from './start-banner';

/**
 * `npm start`: every subgraph in supergraph.yaml and the router in one process.
 * With nothing configured it is fully embedded (PGlite under .data/, in-process
 * events, in-memory rate limits) and seeds demo data on first start.
 */
async function main() {
  const config = loadConfigOrExit();
  // A second `npm start` must fail before it opens (and migrates) the first one's
  // database: the data directory lock first (the clearer message), then the ports.
  // createDatabase takes the lock itself, atomically, before PGlite opens.
  if (config.embedded) assertDataDirFree(config.dataDir);
  await assertPortsFree(config);
  const stack = await startStack({ config });
  console.log(
    startBanner({ config, routerUrl: stack.router.url, subgraphUrls: stack.subgraphUrls, demoAccounts: Object.values(demoAccounts) }),
  );
  exitOnSignals(stack.deps.logger, () => stack.stop());
}

class PortInUseError extends Error {}

/** The router's and every subgraph's port (0 means any free port, never busy). */
async function assertPortsFree(config: Config): Promise<void> {
  const wanted = [
    { name: 'router (ROUTER_PORT)', port: config.ROUTER_PORT },
    ...readSupergraphConfig(config.supergraphConfigPath)
      .filter((e) => !config.SUBGRAPHS || config.SUBGRAPHS.includes(e.name))
      .map((e) => ({ name: `subgraph ${e.name} (supergraph.yaml)`, port: e.port })),
  ];
  for (const { name, port } of wanted) {
    if (port !== 0 && (await portInUse(port))) {
      throw new PortInUseError(
        `Port ${port} for the ${name} is already in use (is Basket already running?); stop that process or change the port`,
      );
    }
  }
}

function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve(true) : reject(err)));
    probe.listen(port, host, () => probe.close(() => resolve(false)));
  });
}

void main().catch((err) => {
  // Expected refusals get one line; anything else its stack.
  console.error(err instanceof DataDirLockedError || err instanceof PortInUseError ? `basket: ${err.message}` : err);
  process.exit(1);
});
