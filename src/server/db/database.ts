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
export function openDb(url: string, options: { max?: number } = {}): { db: Db; pool: pg.Pool; close: () => Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 20, idleTimeoutMillis: 30_000 });
  // A dropped idle connection must not crash the process.
  pool.on('error', () => {});
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
