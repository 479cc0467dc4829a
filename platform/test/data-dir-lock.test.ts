import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertDataDirFree, DataDirLockedError, lockDataDir } from '../src/data-dir-lock';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'basket-lock-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const lockFile = () => path.join(dir, 'basket.lock');
const holderOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DataDirLockedError) return err.holderPid;
    throw err;
  }
  return 'not locked';
};

describe('the data directory lock', () => {
  it('is exclusive while held, and free again once released', () => {
    const release = lockDataDir(dir);
    expect(fs.readFileSync(lockFile(), 'utf8').trim()).toBe(String(process.pid));
    expect(holderOf(() => lockDataDir(dir))).toBe(process.pid);
    release();
    expect(fs.existsSync(lockFile())).toBe(false);
    lockDataDir(dir)();
  });

  it('refuses while another live process holds it, and names that process', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      fs.writeFileSync(lockFile(), `${other.pid}\n`);
      expect(holderOf(() => lockDataDir(dir))).toBe(other.pid);
      expect(holderOf(() => assertDataDirFree(dir))).toBe(other.pid);
      expect(() => lockDataDir(dir)).toThrow(/^Data directory .* is in use by process \d+ \(is Basket already running\?\)/);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('takes over a lock left by a process that died', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    fs.writeFileSync(lockFile(), `${dead}\n`);
    expect(holderOf(() => assertDataDirFree(dir))).toBe('not locked');
    const release = lockDataDir(dir);
    expect(fs.readFileSync(lockFile(), 'utf8').trim()).toBe(String(process.pid));
    release();
  });

  it('treats a lock file without a pid as being written while fresh, and as stale once old', () => {
    fs.writeFileSync(lockFile(), '');
    expect(holderOf(() => lockDataDir(dir))).toBeNull();
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockFile(), old, old);
    lockDataDir(dir)();
  });

  it('a release does not remove a lock another process has taken since', () => {
    const release = lockDataDir(dir);
    fs.writeFileSync(lockFile(), '999999999\n');
    release();
    expect(fs.readFileSync(lockFile(), 'utf8')).toBe('999999999\n');
  });
});
