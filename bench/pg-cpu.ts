/**
 * CPU time of a benchmark's embedded PostgreSQL, read from /proc (Linux): the postmaster, its
 * live children (backends, background workers) and the children that have exited (the
 * postmaster's cutime/cstime). On a shared machine this is far less distorted than wall time.
 * Returns null off Linux or when the postmaster is not running.
 */
import fs from 'node:fs';
import os from 'node:os';
import { runningPostmaster } from '../src/server/db/embedded.js';

/** Clock ticks per second of /proc/<pid>/stat (getconf CLK_TCK; 100 on every Linux we run). */
const TICKS_PER_S = 100;

interface ProcStat {
  ppid: number;
  /** utime + stime, ticks. */
  own: number;
  /** cutime + cstime, ticks. */
  children: number;
}

function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces: fields after it start after the last ')'.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
  return { ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), children: Number(f[13]) + Number(f[14]) };
}

/** Milliseconds of CPU the cluster in `dataDir` has used so far (null when unknown). */
export function postgresCpuMs(dataDir: string): number | null {
  if (os.platform() !== 'linux') return null;
  const postmaster = runningPostmaster(dataDir);
  if (!postmaster) return null;
  const root = readStat(postmaster.pid);
  if (!root) return null;
  let ticks = root.own + root.children;
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat?.ppid === postmaster.pid) ticks += stat.own;
  }
  return (ticks * 1000) / TICKS_PER_S;
}
