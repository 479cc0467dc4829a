import fs from 'node:fs';
import { testRun } from './global-setup';
import { brokersFromEnv, deleteTopics } from '../infra/kafka/create-topics';

/** Stops the stack and removes what the run created, so a run leaves nothing behind. */
export default async function globalTeardown(): Promise<void> {
  const run = testRun();
  try {
    await run.stack?.stop();
  } finally {
    if (run.topics) await deleteTopics(brokersFromEnv(), run.topics).catch(() => undefined);
    for (const dir of run.tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}
