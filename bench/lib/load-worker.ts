import { measureLoad } from './load';
import type { LoadOptions, LoadResult } from './protocol';

/** The load generator's process (forked by runLoad): receives one LoadOptions, answers one LoadResult. */
process.once('message', (options: LoadOptions) => {
  measureLoad(options).then(
    (result: LoadResult) => process.send!({ ok: true, result }, () => process.exit(0)),
    (err: unknown) => process.send!({ ok: false, error: err instanceof Error ? err.stack : String(err) }, () => process.exit(1)),
  );
});
