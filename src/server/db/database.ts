import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// int8 → string (money stays exact; callers convert), numeric → string, timestamptz → Date (default).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);
// date → 'YYYY-MM-DD' as stored, as the tables declare it: pg's default is a Date at local midnight,
// which `toISOString()` turns into the previous day wherever the server runs east of UTC (Asia/Shanghai).
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** The typed query builder used by repos. */
export type Db = Kysely<Database>;
/** A transaction handle: services open it and pass it down. */
export type Tx = Transaction<Database>;

/** The pool behind each Db opened by {@link openDb}, for the few callers that need a raw client (COPY, see copy.ts). */
const poolByDb = new WeakMap<Db, pg.Pool>();

/** The pg pool a Db opened by {@link openDb} runs on; undefined for any other Db. */
export function poolOf(db: Db): pg.Pool | undefined {
  return poolByDb.get(db);
}

/** Open a pooled Kysely instance over `url`. `close` ends both (Kysely alone ends the pool only once it has used it). */
export function openDb(
  url: string,
  options: { max?: number; /** Shown in `pg_stat_activity`. */ applicationName?: string; /** Give up connecting after this (default: wait). */ connectTimeoutMs?: number } = {},
): { db: Db; pool: pg.Pool; close: () => Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 20, idleTimeoutMillis: 30_000, application_name: options.applicationName, connectionTimeoutMillis: options.connectTimeoutMs });
  // A dropped connection must not crash the process: idle ones are the pool's ('error'), one in use
  // also emits 'error' on its client (its query fails on its own), e.g. when a replica shuts down.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  poolByDb.set(db, pool);
  return {
    db,
    pool,
    async close() {
      await db.destroy();
      if (!pool.ended) await pool.end();
    },
  };
}
