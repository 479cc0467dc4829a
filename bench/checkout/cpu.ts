import fs from 'node:fs';

/**
 * How the stack's process spent a level, from /proc (Linux). The stack runs the router and
 * every subgraph on one event loop (the main thread), so: CPU time of the whole process, and
 * for the main thread the time it ran and the time it was ready to run but waited for a
 * core (schedstat): on a shared machine the second tells "starved by other work" from
 * "waiting on the database or Kafka". Null where /proc is not there.
 */
export interface ProcessTimes {
  /** User + system CPU of the whole process (every thread), ms. */
  cpuMs: number;
  /** The main thread (event loop): time on a CPU and time runnable but waiting for one, ms. */
  mainRunMs: number;
  mainRunQueueMs: number;
}

export function processTimes(pid: number): ProcessTimes | null {
  try {
    // Fields after the command (in parentheses, which may hold spaces): utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // USER_HZ is 100 on Linux: 10 ms a tick.
    const cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
    const [runNs, waitNs] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
    return { cpuMs, mainRunMs: Math.round(runNs! / 1e6), mainRunQueueMs: Math.round(waitNs! / 1e6) };
  } catch {
    return null;
  }
}

/** What a level did to the stack's process, as shares of the level's wall time. */
export function timesDuring(before: ProcessTimes | null, after: ProcessTimes | null, seconds: number, confirmed: number) {
  if (!before || !after) return null;
  const share = (ms: number) => Math.round((ms / 1000 / seconds) * 100) / 100;
  const cpuMs = after.cpuMs - before.cpuMs;
  return {
    cpuMs,
    /** Cores the whole process used on average (router, subgraphs, and node's helper threads). */
    coresBusy: share(cpuMs),
    /** Share of the time the event loop ran: near 1 means the one loop was the limit. */
    eventLoopRunning: share(after.mainRunMs - before.mainRunMs),
    /** Share of the time the event loop was ready but waited for a core taken by other processes. */
    eventLoopWaitingForCpu: share(after.mainRunQueueMs - before.mainRunQueueMs),
    msPerConfirmedOrder: Math.round(cpuMs / Math.max(1, confirmed)),
  };
}
