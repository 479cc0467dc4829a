import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Mode } from './protocol';

const ROOT = path.resolve(__dirname, '..', '..');
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');

function git(...args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** What a number is comparable with: the code measured and the machine it ran on. */
export function provenance() {
  const cpus = os.cpus();
  return {
    commit: { sha: git('rev-parse', 'HEAD'), dirty: (git('status', '--porcelain', '--untracked-files=no') ?? '') !== '' },
    machine: {
      os: `${os.type()} ${os.release()}`,
      arch: os.arch(),
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
      node: process.version,
    },
  };
}

/**
 * Writes bench/results/<name>-<time>.json: `data` plus when, the mode, the git commit
 * (and whether the tree had uncommitted changes) and the machine. Returns the path.
 */
export function writeResult(name: string, mode: Mode, data: Record<string, unknown>): string {
  const at = new Date().toISOString();
  const report = { benchmark: name, at, mode, ...provenance(), ...data };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}-${at.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
