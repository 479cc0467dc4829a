import fs from 'node:fs';
import { closePlatform, createPlatform, readSupergraphConfig, type Config, type PlatformDeps, type Subgraph } from '@basket/platform';
import { isSubgraphName, subgraphRegistry, type SubgraphName } from '../../subgraphs/registry';
import { startRouter, type RunningRouter } from './router';
import { routerSettings } from './settings';

export interface StackOptions {
  config: Config;
  /** Override the ports of supergraph.yaml (tests use 0 for free ports). */
  ports?: { router?: number; subgraphs?: number };
}

export interface Stack {
  deps: PlatformDeps;
  subgraphs: Subgraph[];
  subgraphUrls: Record<string, string>;
  router: RunningRouter;
  stop(): Promise<void>;
}

/**
 * Every subgraph named in supergraph.yaml plus the router, in one process: the
 * embedded mode of `npm start`, and the system under test of the integration suite.
 * Each is built from its manifest in subgraphs/registry.ts (generated from supergraph.yaml).
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const { config } = options;
  const entries = readSupergraphConfig(config.supergraphConfigPath).filter((e) => !config.SUBGRAPHS || config.SUBGRAPHS.includes(e.name));
  const unknown = entries.map((e) => e.name).filter((name) => !isSubgraphName(name));
  if (unknown.length)
    throw new Error(`supergraph.yaml lists ${unknown.join(', ')}, missing from subgraphs/registry.ts: run \`npm run codegen\``);
  const manifests = entries.map((e) => subgraphRegistry[e.name as SubgraphName]);
  const deps = await createPlatform(config, 'basket');
  const subgraphs: Subgraph[] = [];
  const subgraphUrls: Record<string, string> = {};
  try {
    for (const manifest of manifests) {
      const subgraph: Subgraph = manifest.create(deps);
      await subgraph.start();
      subgraphs.push(subgraph);
    }
    if (config.seedDemo) {
      for (const s of subgraphs) await s.seed();
      await deps.eventsSettled();
    }
    let sdl = fs.readFileSync(config.supergraphSdlPath, 'utf8');
    for (const [i, s] of subgraphs.entries()) {
      const entry = entries[i]!;
      const server = await s.listen(options.ports?.subgraphs ?? entry.port);
      subgraphUrls[s.name] = server.url;
      // Point the router at where each subgraph actually listens (it may be a free port).
      sdl = sdl.split(entry.routingUrl).join(server.url);
    }
    const router = await startRouter({
      supergraphSdl: sdl,
      port: options.ports?.router ?? config.ROUTER_PORT,
      logger: deps.logger.child({ component: 'router' }),
      ...routerSettings(config, deps.keys, deps.routerSecret),
    });
    return {
      deps,
      subgraphs,
      subgraphUrls,
      router,
      async stop() {
        await router.close();
        for (const s of subgraphs) await s.stop();
        await closePlatform(deps);
      },
    };
  } catch (err) {
    for (const s of subgraphs) await s.stop().catch(() => undefined);
    await closePlatform(deps).catch(() => undefined);
    throw err;
  }
}
