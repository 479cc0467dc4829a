import { loadConfig, ConfigError } from './config';
import { closePlatform, createPlatform, type PlatformDeps } from './platform';
import { readSupergraphConfig } from './supergraph-config';
import type { Subgraph } from './subgraph';

/**
 * Runs one subgraph as its own process: env -> deps -> migrate -> listen. Exits
 * non-zero with every configuration problem listed when the environment is wrong.
 */
export async function runStandalone(name: string, factory: (deps: PlatformDeps) => Subgraph): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  const deps = await createPlatform(config, name);
  const subgraph = factory(deps);
  await subgraph.start();
  if (config.seedDemo) await subgraph.seed();
  const entry = readSupergraphConfig(config.SUPERGRAPH_CONFIG).find((s) => s.name === name);
  const port = config.PORT ?? entry?.port ?? 0;
  const server = await subgraph.listen(port, process.env.HOST ?? '127.0.0.1');
  deps.logger.info({ url: server.url }, `${name} ready`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, 'shutting down');
    await subgraph.stop();
    await closePlatform(deps);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
