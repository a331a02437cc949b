/**
 * Throw-away clusters of the operating system's PostgreSQL (Debian's `postgresql` package), for
 * the external-database rerun of the suite (`test/external-pg.ts`) and the read-replica test: a
 * primary (`initdb` into a temp dir, `pg_ctl` on a free loopback port, scram password
 * authentication over TCP, exactly as `DATABASE_URL` would reach a real one) and, on demand, a
 * streaming replica of it (`pg_basebackup -R`, hot standby on a port of its own). As root (CI)
 * the servers run as the `postgres` system user, like the embedded one.
 *
 * `XIESHOU_EXTERNAL_PG_BIN` names the directory of `initdb`/`pg_ctl` when it is not the newest
 * `/usr/lib/postgresql/<major>/bin`.
 */
import { spawn, type SpawnOptions } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../src/server/db/embedded.js';

export const MIN_MAJOR = 15;
const DEBIAN_ROOT = '/usr/lib/postgresql';

/** The newest `/usr/lib/postgresql/<major>/bin` with `initdb`, major ≥ 15; undefined when none. */
export function findBinDir(): string | undefined {
  const configured = process.env.XIESHOU_EXTERNAL_PG_BIN;
  if (configured) {
    return configured;
  }
  if (!fs.existsSync(DEBIAN_ROOT)) {
    return undefined;
  }
  const majors = fs
    .readdirSync(DEBIAN_ROOT)
    .map(Number)
    .filter((major) => Number.isInteger(major) && major >= MIN_MAJOR && fs.existsSync(path.join(DEBIAN_ROOT, String(major), 'bin', 'initdb')))
    .sort((a, b) => b - a);
  return majors.length > 0 ? path.join(DEBIAN_ROOT, String(majors[0]), 'bin') : undefined;
}

/** Why there is no Debian PostgreSQL here (for skip and failure messages). */
export const MISSING_MESSAGE = `no PostgreSQL ≥ ${MIN_MAJOR} installation under ${DEBIAN_ROOT} (apt-get install postgresql)`;

/** uid/gid of the `postgres` system user when running as root (PostgreSQL refuses to run as root). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (os.userInfo().uid !== 0) {
    return undefined;
  }
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) {
    throw new Error('running as root, but there is no `postgres` user to run the external PostgreSQL as');
  }
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export function run(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    // Ctrl-C or a CI timeout stops the child first, so that the cluster is stopped afterwards.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function runChecked(command: string, args: readonly string[], options: SpawnOptions): Promise<void> {
  const code = await run(command, args, options);
  if (code !== 0) {
    throw new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}`);
  }
}

/** A running throw-away server: its URL (database `database`), and how to stop it. */
export interface DebianServer {
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server (`immediate`: like a crash); a second call does nothing. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
}

/** A primary and what it takes to make replicas of it. */
export interface DebianCluster extends DebianServer {
  /** Starts a hot-standby streaming replica of the primary and waits until it has caught up. */
  startReplica(): Promise<DebianServer>;
  /** Stops every server and removes the temp dir. */
  close(): Promise<void>;
}

const FAST_SETTINGS = ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=200'];

/** `initdb` + `pg_ctl start` of a throw-away primary with database `database` (owned by superuser `xieshou`). */
export async function startDebianCluster(binDir: string, database: string): Promise<DebianCluster> {
  const user = serverUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xieshou-external-pg-'));
  fs.chmodSync(dir, 0o755);
  const password = crypto.randomBytes(12).toString('hex');
  const passwordFile = path.join(dir, 'password');
  fs.writeFileSync(passwordFile, password);
  const asServer: SpawnOptions = { ...(user ? { uid: user.uid, gid: user.gid } : {}), stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, PGPASSWORD: password } };
  if (user) {
    fs.chownSync(dir, user.uid, user.gid);
    fs.chownSync(passwordFile, user.uid, user.gid);
  }
  const servers: DebianServer[] = [];
  const startServer = async (name: string, extra: string[]): Promise<DebianServer> => {
    const dataDir = path.join(dir, name);
    const port = await freePort();
    const options = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses='127.0.0.1'", ...FAST_SETTINGS, ...extra].join(' ');
    await runChecked(path.join(binDir, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', path.join(dir, `${name}.log`), '-w', 'start'], asServer);
    let isRunning = true;
    const server: DebianServer = {
      url: `postgres://xieshou:${password}@127.0.0.1:${port}/${database}`,
      port,
      dataDir,
      async stop(mode = 'fast') {
        if (!isRunning) return;
        isRunning = false;
        await run(path.join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', mode, '-w', 'stop'], asServer);
      },
    };
    servers.push(server);
    return server;
  };
  const stopAll = async () => {
    for (const server of [...servers].reverse()) await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await runChecked(path.join(binDir, 'initdb'), ['-D', path.join(dir, 'primary'), '-U', 'xieshou', '--pwfile', passwordFile, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8'], asServer);
    const primary = await startServer('primary', []);
    const created = await run(path.join(binDir, 'psql'), ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'xieshou', '-d', 'postgres', '-qc', `CREATE DATABASE ${database}`], { env: { ...process.env, PGPASSWORD: password } });
    if (created !== 0) {
      throw new Error(`could not create database ${database} on the external PostgreSQL`);
    }
    let replicas = 0;
    return {
      ...primary,
      async startReplica() {
        const name = `replica${++replicas}`;
        // -R: standby.signal and primary_conninfo (with the password it connected with); -X stream: the WAL of the copy.
        await runChecked(path.join(binDir, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'xieshou', '-D', path.join(dir, name), '-R', '-X', 'stream', '-c', 'fast'], asServer);
        const replica = await startServer(name, ['-c hot_standby=on']);
        await waitCaughtUp(primary.url, replica.url);
        return replica;
      },
      close: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Waits until `replicaUrl` is a standby that has replayed the primary's WAL position as of now (30 s at most). */
export async function waitCaughtUp(primaryUrl: string, replicaUrl: string): Promise<void> {
  const primary = new pg.Client({ connectionString: primaryUrl });
  const replica = new pg.Client({ connectionString: replicaUrl });
  await primary.connect();
  await replica.connect();
  try {
    const target = (await primary.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn')).rows[0].lsn;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const row = (await replica.query<{ recovering: boolean; behind: boolean }>('select pg_is_in_recovery() as recovering, pg_last_wal_replay_lsn() < $1::pg_lsn as behind', [target])).rows[0];
      if (row.recovering && !row.behind) return;
      if (Date.now() > deadline) throw new Error(`replica not caught up with ${target} within 30 s (in recovery: ${row.recovering})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await primary.end();
    await replica.end();
  }
}
