import type { Logger } from './logger';

/**
 * Runs `stop` once on SIGINT or SIGTERM, then exits. A stop that hangs (a stuck
 * connection, a broker that does not answer) is cut off after `graceMs` with exit 1,
 * so Ctrl-C and orchestrators always get their process back.
 */
export function exitOnSignals(logger: Logger, stop: () => Promise<void>, graceMs = 15_000): void {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ graceMs }, 'shutdown timed out; exiting anyway');
      process.exit(1);
    }, graceMs).unref();
    stop().then(
      () => {
        logger.info('stopped cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
