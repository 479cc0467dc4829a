import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@basket/platform';
import { startStack } from '@basket/router';
import type { FromServer, ToServer } from './protocol';

/**
 * The server under test, alone in its process (forked by startStackProcess): the whole
 * stack on free ports, embedded unless the environment names the services. Nothing else
 * runs here, so the load generator's CPU and memory never count as the server's.
 */
async function main() {
  const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn', ...process.env };
  let tempDir: string | undefined;
  if (!env.DATABASE_URL && !env.DATA_DIR) env.DATA_DIR = tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'basket-bench-'));
  const config = loadConfig(env);
  const stack = await startStack({ config, ports: { router: 0, subgraphs: 0 } });
  const send = (message: FromServer) => process.send!(message);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await stack.stop();
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    })());

  process.on('message', (message: ToServer) => {
    if (message.type === 'rss') send({ type: 'rss', bytes: process.memoryUsage().rss });
    if (message.type === 'stop') void stop().then(() => process.exit(0));
  });
  // The parent died or let go without asking: do not outlive it.
  process.on('disconnect', () => void stop().finally(() => process.exit(0)));
  send({ type: 'ready', url: stack.router.url, mode: config.embedded ? 'embedded' : 'services' });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
