import { loadConfigOrExit } from './config';
import { closePlatform, createPlatform, type PlatformDeps } from './platform';
import { readSupergraphConfig } from './supergraph-config';
import type { Subgraph } from './subgraph';
import { exitOnSignals } from './shutdown';

/**
 * Runs one subgraph as its own process: env -> deps -> migrate -> listen. Exits
 * non-zero with every configuration problem listed when the environment is wrong.
 */
export async function runStandalone(name: string, factory: (deps: PlatformDeps) => Subgraph): Promise<void> {
  const config = loadConfigOrExit(process.env, { issuesTokens: name === 'accounts' });
  const deps = await createPlatform(config, name);
  const subgraph = factory(deps);
  await subgraph.start();
  if (config.seedDemo) await subgraph.seed();
  const entry = readSupergraphConfig(config.supergraphConfigPath).find((s) => s.name === name);
  const port = config.PORT ?? entry?.port ?? 0;
  const server = await subgraph.listen(port, process.env.HOST ?? '127.0.0.1');
  deps.logger.info({ url: server.url }, `${name} ready`);
  exitOnSignals(deps.logger, async () => {
    await subgraph.stop();
    await closePlatform(deps);
  });
}
