import fs from 'node:fs';
import path from 'node:path';

const LOCK_FILE = 'basket.lock';
/** A lock file without a readable pid younger than this is being written, not stale. */
const FRESH_MS = 5_000;

/** Thrown when another live process holds the data directory; the message is one line for the user. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number | null,
  ) {
    super(
      `Data directory ${dataDir} is in use by ${holderPid ? `process ${holderPid}` : 'another process'} (is Basket already running?); ` +
        `stop it or set DATA_DIR to another directory (delete ${path.join(dataDir, LOCK_FILE)} if no Basket is running)`,
    );
    this.name = 'DataDirLockedError';
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(file: string, holder: number | null): boolean {
  if (holder !== null) return !isAlive(holder);
  try {
    return Date.now() - fs.statSync(file).mtimeMs > FRESH_MS;
  } catch {
    return true; // gone meanwhile
  }
}

/**
 * Takes the data directory for this process: PGlite is one connection over its files,
 * and a second process opening (and migrating) them would corrupt or fight the first.
 * The lock is a file holding the owner's pid, created with O_EXCL; it is stale, and
 * taken over, once that pid is dead (a crash or SIGKILL leaves it behind). Returns the
 * release function. Throws DataDirLockedError when a live process holds it.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => {
        if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readPid(file);
    if (!isStale(file, holder)) throw new DataDirLockedError(dataDir, holder);
    // Remove the stale file only if it is still the one judged stale (a racing starter
    // may have replaced it), then retry the exclusive create: one starter wins it.
    if (readPid(file) === holder) fs.rmSync(file, { force: true });
  }
  throw new DataDirLockedError(dataDir, readPid(file));
}

/**
 * Fails early, without taking the lock, when a live process holds the data directory:
 * `npm start` calls it before its port checks so the more precise message wins. The
 * lock itself is taken when the database opens (createDatabase).
 */
export function assertDataDirFree(dataDir: string): void {
  const file = path.join(dataDir, LOCK_FILE);
  if (!fs.existsSync(file)) return;
  const holder = readPid(file);
  if (!isStale(file, holder)) throw new DataDirLockedError(dataDir, holder);
}
