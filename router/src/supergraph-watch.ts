import fs from 'node:fs';
import type { Logger } from '@basket/platform';

/**
 * Watches the supergraph file and hands each new version to `reload`. Polling (stat)
 * rather than fs.watch: deploy tools replace the file by renaming a new one over it,
 * which fs.watch loses on some platforms. A version that fails to load is logged and the
 * router keeps serving the one it has.
 */
export function watchSupergraph(file: string, reload: (sdl: string) => void, logger: Logger, intervalMs = 1_000): () => void {
  let last = fs.readFileSync(file, 'utf8');
  const onChange = (current: fs.Stats, previous: fs.Stats) => {
    if (current.mtimeMs === previous.mtimeMs && current.size === previous.size) return;
    let sdl: string;
    try {
      sdl = fs.readFileSync(file, 'utf8');
    } catch (err) {
      logger.error({ err, file }, 'supergraph file unreadable; keeping the current supergraph');
      return;
    }
    if (sdl === last || !sdl.trim()) return;
    try {
      reload(sdl);
      last = sdl;
      logger.info({ file }, 'supergraph reloaded');
    } catch (err) {
      logger.error({ err, file }, 'supergraph failed to load; keeping the current supergraph');
    }
  };
  fs.watchFile(file, { interval: intervalMs, persistent: false }, onChange);
  return () => fs.unwatchFile(file, onChange);
}
