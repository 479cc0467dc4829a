import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '@basket/platform';
import { startStack, type Stack } from '@basket/router';

/**
 * The whole stack on free ports for a benchmark: embedded (PGlite in a temporary folder,
 * removed at stop) unless `env` names the services (DATABASE_URL and the rest).
 */
export async function startBenchStack(env: NodeJS.ProcessEnv): Promise<{ stack: Stack; config: Config; stop(): Promise<void> }> {
  const withDefaults: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn', ...env };
  let tempDir: string | undefined;
  if (!withDefaults.DATABASE_URL && !withDefaults.DATA_DIR) {
    withDefaults.DATA_DIR = tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'basket-bench-'));
  }
  const config = loadConfig(withDefaults);
  try {
    const stack = await startStack({ config, ports: { router: 0, subgraphs: 0 } });
    return {
      stack,
      config,
      async stop() {
        await stack.stop();
        if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    throw err;
  }
}
