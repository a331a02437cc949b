/**
 * Runs the unit and route suite (`vitest run`) a second time, against an external PostgreSQL ≥ 15
 * from the operating system (Debian's `postgresql` package) instead of the embedded server, so
 * that both database modes stay supported (issue 9, item 1).
 *
 * The server is a throw-away cluster: `initdb` into a temp dir, started with `pg_ctl` on a free
 * loopback port with password (scram) authentication over TCP, exactly as `DATABASE_URL` would
 * reach a real one; stopped and removed afterwards. As root (CI) the cluster runs as the
 * `postgres` system user, like the embedded one.
 *
 * Where no such installation exists the run is skipped with a message, unless
 * `XIESHOU_TEST_EXTERNAL=required` (set by `.ci/run`), which makes it an error.
 * `XIESHOU_EXTERNAL_PG_BIN` names the directory of `initdb`/`pg_ctl` when it is not the newest
 * `/usr/lib/postgresql/<major>/bin`.
 *
 *   tsx test/external-pg.ts [vitest arguments…]
 */
import { spawn, type SpawnOptions } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../src/server/db/embedded.js';

const MIN_MAJOR = 15;
const DEBIAN_ROOT = '/usr/lib/postgresql';

/** The newest `/usr/lib/postgresql/<major>/bin` with `initdb`, major ≥ 15; undefined when none. */
function findBinDir(): string | undefined {
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

function run(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<number> {
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

async function main(): Promise<number> {
  const binDir = findBinDir();
  if (!binDir) {
    const message = `no PostgreSQL ≥ ${MIN_MAJOR} installation under ${DEBIAN_ROOT} (apt-get install postgresql)`;
    if (process.env.XIESHOU_TEST_EXTERNAL === 'required') {
      console.error(`external-PostgreSQL suite: ${message}`);
      return 1;
    }
    console.log(`external-PostgreSQL suite skipped: ${message}`);
    return 0;
  }
  const user = serverUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xieshou-external-pg-'));
  fs.chmodSync(dir, 0o755);
  const dataDir = path.join(dir, 'data');
  const password = crypto.randomBytes(12).toString('hex');
  const passwordFile = path.join(dir, 'password');
  fs.writeFileSync(passwordFile, password);
  const asServer: SpawnOptions = user ? { uid: user.uid, gid: user.gid, stdio: ['ignore', 'ignore', 'inherit'] } : { stdio: ['ignore', 'ignore', 'inherit'] };
  if (user) {
    fs.chownSync(dir, user.uid, user.gid);
    fs.chownSync(passwordFile, user.uid, user.gid);
  }
  const port = await freePort();
  let isStarted = false;
  try {
    await runChecked(path.join(binDir, 'initdb'), ['-D', dataDir, '-U', 'xieshou', '--pwfile', passwordFile, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8'], asServer);
    const serverOptions = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses='127.0.0.1'", '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=200'].join(' ');
    await runChecked(path.join(binDir, 'pg_ctl'), ['-D', dataDir, '-o', serverOptions, '-l', path.join(dir, 'server.log'), '-w', 'start'], asServer);
    isStarted = true;
    const url = `postgres://xieshou:${password}@127.0.0.1:${port}/xieshou_template`;
    const created = await run(path.join(binDir, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'xieshou', '-d', 'postgres', '-qc', 'CREATE DATABASE xieshou_template'], {
      env: { ...process.env, PGPASSWORD: password },
    });
    if (created !== 0) {
      throw new Error('could not create the template database on the external PostgreSQL');
    }
    console.log(`external-PostgreSQL suite: ${binDir} on 127.0.0.1:${port}`);
    const vitest = path.join(process.cwd(), 'node_modules', '.bin', 'vitest');
    return await run(vitest, ['run', ...process.argv.slice(2)], { env: { ...process.env, TEST_DATABASE_URL: url } });
  } finally {
    if (isStarted) {
      await run(path.join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop'], asServer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
