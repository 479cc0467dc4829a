import { serveInChild } from './children';
import { startBenchStack } from './embedded-stack';
import type { Mode } from './protocol';

export interface StackReady {
  url: string;
  mode: Mode;
}

/**
 * The server under test, alone in its process (started by startStackProcess): the whole
 * stack on free ports, embedded unless the environment names the services. Nothing else
 * runs here, so the load generator's CPU and memory never count as the server's.
 */
serveInChild<Record<string, never>, StackReady>(async () => {
  const { stack, config, stop } = await startBenchStack(process.env);
  return { ready: { url: stack.router.url, mode: config.embedded ? 'embedded' : 'services' }, stop };
});
