/**
 * CPU time of a benchmark's embedded PostgreSQL (Linux): the postmaster, its live descendants
 * (backends, background workers) and the children that have exited (the postmaster's
 * cutime/cstime), through {@link treeCpu}. On a shared machine this is far less distorted than
 * wall time. Returns null off Linux or when the postmaster is not running.
 */
import { runningPostmaster } from '../src/server/db/embedded.js';
import { treeCpu } from './lib.js';

/** Milliseconds of CPU the cluster in `dataDir` has used so far (null when unknown). */
export function postgresCpuMs(dataDir: string): number | null {
  const postmaster = runningPostmaster(dataDir);
  const cpu = postmaster ? treeCpu(postmaster.pid) : undefined;
  return cpu ? cpu.selfMs + cpu.descendantsMs : null;
}
