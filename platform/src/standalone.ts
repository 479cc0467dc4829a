import { loadConfigOrExit } from './config';
import { closePlatform, createPlatform } from './platform';
import { readSupergraphConfig } from './supergraph-config';
import type { SubgraphManifest } from './manifest';
import { exitOnSignals } from './shutdown';

/**
 * Runs one subgraph as its own process: env -> deps -> migrate -> listen. The same
 * runner for every subgraph (subgraphs/main.ts picks the manifest by name). Exits
 * non-zero with every configuration problem listed when the environment is wrong.
 */
export async function runStandalone(manifest: SubgraphManifest): Promise<void> {
  const { name } = manifest;
  const config = loadConfigOrExit(process.env, { issuesTokens: manifest.issuesTokens });
  const deps = await createPlatform(config, name);
  const subgraph = manifest.create(deps);
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
