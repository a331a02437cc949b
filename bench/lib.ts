/**
 * Shared plumbing of the benchmarks: temp data dirs, seeding, starting `bin/xieshou.mjs` on a
 * loopback port, and result tables. Everything runs on 127.0.0.1 and in dirs under the OS temp
 * dir that are removed afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConfig, type Config } from '../src/server/config.js';
import { runningPostmaster } from '../src/server/db/embedded.js';
import { openStore } from '../src/server/db/store.js';
import { iterateEnterprises } from '../src/server/demo/generator.js';
import { ensureAdmin } from '../src/server/modules/accounts/index.js';
import { importEnterprises } from '../src/server/modules/enterprises/index.js';
import { SYSTEM_ACTOR } from '../src/server/platform/actor.js';
import { pollUntilOk, spawnXieshou, type ServerProcess } from './app-process.js';

/** One row of the results table. `isPass` is null when there is no target or nothing was measured. */
export interface BenchResult {
  metric: string;
  target: string;
  measured: string;
  isPass: boolean | null;
}


/** True when the module at `moduleUrl` is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(path.resolve(script)).href === moduleUrl;
}

/**
 * The environment of a platform run in a benchmark: the caller's, minus anything that would
 * point it at a real database or port, plus a private data dir, no demo data and quiet logs.
 */
export function benchEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['DATABASE_URL', 'XIESHOU_PG_PORT', 'PORT', 'HOST', 'XIESHOU_ADMIN_PASSWORD']) {
    delete env[key];
  }
  return { ...env, XIESHOU_DATA_DIR: dataDir, XIESHOU_DEMO: '0', XIESHOU_LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...extra };
}

/** Validated config for an in-process store on `dataDir`. */
export function benchConfig(dataDir: string): Config {
  return parseConfig(benchEnv(dataDir));
}

/** Stops an embedded postmaster still running in `dataDir` (one this benchmark started). */
async function stopLeftoverPostgres(dataDir: string): Promise<void> {
  const postmaster = runningPostmaster(dataDir);
  if (!postmaster) {
    return;
  }
  process.kill(postmaster.pid, 'SIGINT');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && runningPostmaster(dataDir)) {
    await sleep(50);
  }
}

/** Runs `fn` with a fresh data dir path under the OS temp dir and removes it afterwards. */
export async function withTempDir<T>(label: string, fn: (dataDir: string) => Promise<T>): Promise<T> {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), `xieshou-bench-${label}-`));
  // When we are root the embedded cluster runs as `postgres`, which must reach the data dir.
  fs.chmodSync(parent, 0o755);
  const dataDir = path.join(parent, 'data');
  try {
    return await fn(dataDir);
  } finally {
    await stopLeftoverPostgres(dataDir);
    fs.rmSync(parent, { recursive: true, force: true });
  }
}

/** A data dir holding generated enterprises and an `admin` with a known password; the database is stopped. */
export interface SeededDir {
  dataDir: string;
  usccs: string[];
  adminPassword: string;
  seedMs: number;
}

/** Creates the store in `dataDir`, imports `count` generated enterprises and the admin, then closes it. */
export async function seedDataDir(dataDir: string, options: { count: number; seed?: number }): Promise<SeededDir> {
  const { csvHeader, csvLine } = await import('./gen-csv.js');
  const seed = options.seed ?? 2;
  const parts: string[] = [csvHeader()];
  const usccs: string[] = [];
  for (const e of iterateEnterprises({ seed, count: options.count })) {
    parts.push(csvLine(e));
    usccs.push(e.uscc);
  }
  const adminPassword = 'bench-admin-password';
  const t0 = performance.now();
  const store = await openStore(benchConfig(dataDir));
  try {
    const report = await importEnterprises(store.db, { actor: SYSTEM_ACTOR }, Buffer.from(parts.join(''), 'utf8'), { isDryRun: false });
    if (report.created !== options.count) {
      throw new Error(`seeding created ${report.created} of ${options.count} enterprises`);
    }
    await ensureAdmin(store.db, adminPassword);
  } finally {
    await store.close();
  }
  return { dataDir, usccs, adminPassword, seedMs: performance.now() - t0 };
}

/** A free TCP port on 127.0.0.1 (released before returning, so there is a small race). */
export { freePort } from '../src/server/db/embedded.js';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export { ROOT, loginToken, stopServer, type ServerProcess } from './app-process.js';

/** Spawns `node bin/xieshou.mjs start --no-build` on `port` with the benchmark environment. */
export function spawnServer(dataDir: string, port: number, env: Record<string, string> = {}): ServerProcess {
  return spawnXieshou(benchEnv(dataDir, { PORT: String(port), ...env }));
}

/** Polls `GET /healthz` until it answers 200; returns the milliseconds since `startedAt`. */
export async function waitForHealthy(server: ServerProcess, startedAt: number, timeoutMs = 60_000): Promise<number> {
  if (await pollUntilOk(server, '/healthz', startedAt + timeoutMs, 20)) {
    return performance.now() - startedAt;
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${server.output()}`);
}

/** Thousands with separators, e.g. 12,345. */
export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The results as a markdown table. */
export function resultsTable(results: readonly BenchResult[]): string {
  const verdict = (r: BenchResult) => (r.isPass === null ? '—' : r.isPass ? 'pass' : 'FAIL');
  const lines = ['| metric | target | measured | result |', '| --- | --- | --- | --- |'];
  for (const r of results) {
    lines.push(`| ${r.metric} | ${r.target} | ${r.measured} | ${verdict(r)} |`);
  }
  return lines.join('\n');
}

/** A small deterministic PRNG (mulberry32), the one the matching evaluation uses. */
export { seededRandom as random } from '../src/server/platform/random.js';

/** CPU time (user + system, ms) of a process and of its descendants, read from Linux `/proc`. */
export interface TreeCpu {
  selfMs: number;
  descendantsMs: number;
  /** Self and live descendants by command name (`node`, `postgres`), each with what it reaped. */
  byCommandMs: Record<string, number>;
}

const CLOCK_TICKS_PER_S = 100;

function readStat(pid: number): { command: string; state: string; ppid: number; ownTicks: number; reapedTicks: number } | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const command = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    // Fields after the parenthesised command name (which may itself contain spaces).
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      command,
      state: fields[0],
      ppid: Number(fields[1]),
      ownTicks: Number(fields[11]) + Number(fields[12]),
      reapedTicks: Number(fields[13]) + Number(fields[14]),
    };
  } catch {
    return undefined;
  }
}

/**
 * CPU used so far by `rootPid` and by every live descendant (with what they reaped from their
 * own exited children), so that a benchmark on a shared machine can report CPU per request or per
 * row beside wall time: contention from other work stretches wall time but not CPU time.
 * Returns undefined where `/proc` is not available.
 */
export function treeCpu(rootPid: number): TreeCpu | undefined {
  const root = readStat(rootPid);
  if (!root || !fs.existsSync('/proc/self/stat')) {
    return undefined;
  }
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) {
      continue;
    }
    const stat = readStat(pid);
    if (stat) {
      children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
    }
  }
  const toMs = (ticks: number) => (ticks * 1000) / CLOCK_TICKS_PER_S;
  const byCommandMs: Record<string, number> = { [root.command]: toMs(root.ownTicks + root.reapedTicks) };
  let descendantTicks = root.reapedTicks;
  const pending = [...(children.get(rootPid) ?? [])];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    const stat = readStat(pid);
    if (stat) {
      descendantTicks += stat.ownTicks + stat.reapedTicks;
      byCommandMs[stat.command] = (byCommandMs[stat.command] ?? 0) + toMs(stat.ownTicks + stat.reapedTicks);
    }
    pending.push(...(children.get(pid) ?? []));
  }
  return { selfMs: toMs(root.ownTicks), descendantsMs: toMs(descendantTicks), byCommandMs };
}

/** Live (not zombie) child processes of `pid`, optionally only those running `command` (e.g. `node`), by pid. */
export function childrenOf(pid: number, command?: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const child = Number(entry);
    const stat = Number.isInteger(child) ? readStat(child) : undefined;
    if (stat && stat.ppid === pid && stat.state !== 'Z' && (command === undefined || stat.command === command)) {
      pids.push(child);
    }
  }
  return pids.sort((a, b) => a - b);
}

/** CPU (ms) of this process's exited and reaped children, such as a load generator run to completion. */
export function reapedChildrenCpuMs(): number | undefined {
  const stat = readStat(process.pid);
  return stat ? (stat.reapedTicks * 1000) / CLOCK_TICKS_PER_S : undefined;
}
