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
 * `/usr/lib/postgresql/<major>/bin`. The cluster itself is started by `test/debian-pg.ts`.
 *
 *   tsx test/external-pg.ts [vitest arguments…]
 */
import path from 'node:path';
import { MISSING_MESSAGE, findBinDir, run, startDebianCluster } from './debian-pg.js';

async function main(): Promise<number> {
  const binDir = findBinDir();
  if (!binDir) {
    if (process.env.XIESHOU_TEST_EXTERNAL === 'required') {
      console.error(`external-PostgreSQL suite: ${MISSING_MESSAGE}`);
      return 1;
    }
    console.log(`external-PostgreSQL suite skipped: ${MISSING_MESSAGE}`);
    return 0;
  }
  const cluster = await startDebianCluster(binDir, 'xieshou_template');
  try {
    console.log(`external-PostgreSQL suite: ${binDir} on 127.0.0.1:${cluster.port}`);
    const vitest = path.join(process.cwd(), 'node_modules', '.bin', 'vitest');
    return await run(vitest, ['run', ...process.argv.slice(2)], { env: { ...process.env, TEST_DATABASE_URL: cluster.url } });
  } finally {
    await cluster.close();
  }
}

process.exitCode = await main();
