import type { Logger } from './logger';

export interface Periodic {
  start(): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
  /** One run now (what the timer does); for tests and start-up. */
  runOnce(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs`, never two at once; a failed run is logged and the
 * next one tries again. The timer does not keep the process alive.
 */
export function periodic(name: string, intervalMs: number, task: () => Promise<void>, logger: Logger): Periodic {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const runOnce = () =>
    (running ??= task()
      .catch((err: unknown) => logger.error({ err, job: name }, 'periodic job failed'))
      .finally(() => (running = undefined)));
  return {
    start() {
      timer ??= setInterval(() => void runOnce(), intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
    runOnce,
  };
}
