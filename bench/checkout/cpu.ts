import fs from 'node:fs';

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux): the stack's
 * process runs the router and every subgraph on one event loop, so how busy it was during
 * a level tells CPU-bound from waiting. Null where /proc is not there.
 */
export function processCpuMs(pid: number): number | null {
  try {
    // Fields after the command (in parentheses, which may hold spaces): utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    // USER_HZ is 100 on Linux.
    return ticks * 10;
  } catch {
    return null;
  }
}
