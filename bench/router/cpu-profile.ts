import fs from 'node:fs';
import path from 'node:path';

/** The parts of a V8 .cpuprofile (node --cpu-prof) that self time needs. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  /** function (file:line), files relative to the repository or node_modules. */
  where: string;
  selfMs: number;
  /** Of the busy time: everything but (idle). */
  percent: number;
}

const shorten = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(`${path.resolve(__dirname, '..', '..')}/`, '');

/**
 * The functions a profile spent the most self time in, (idle) left out: where an engine's
 * CPU goes, so a regression or the next thing to optimise shows in the benchmark's output.
 */
export function hottestFunctions(file: string, count = 15): { busyMs: number; top: HotFunction[] } {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const parents = new Map(profile.nodes.flatMap((n) => (n.children ?? []).map((child) => [child, n.id] as const)));
  // Stopping the profiler (an inspector call in the profiled process) is not the engine's work.
  const profiling = new Map<number, boolean>();
  const underInspector = (id: number | undefined): boolean => {
    if (id === undefined) return false;
    let known = profiling.get(id);
    if (known === undefined) profiling.set(id, (known = frames.get(id)!.url === 'node:inspector' || underInspector(parents.get(id))));
    return known;
  };
  const self = new Map<string, number>();
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    const frame = frames.get(id)!;
    if (frame.functionName === '(idle)' || underInspector(id)) return;
    const us = profile.timeDeltas[i] ?? 0;
    busyUs += us;
    const name = frame.functionName || '(anonymous)';
    const where = frame.url ? `${name} (${shorten(frame.url)}:${frame.lineNumber + 1})` : name;
    self.set(where, (self.get(where) ?? 0) + us);
  });
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([where, us]) => ({ where, selfMs: Math.round(us / 1000), percent: Math.round((us / busyUs) * 1000) / 10 }));
  return { busyMs: Math.round(busyUs / 1000), top };
}
