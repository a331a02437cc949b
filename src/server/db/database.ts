import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// int8 → string (money stays exact; callers convert), numeric → string, timestamptz → Date (default).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

/** The typed query builder used by repos. */
export type Db = Kysely<Database>;
/** A transaction handle: services open it and pass it down. */
export type Tx = Transaction<Database>;

/** Open a pooled Kysely instance over `url`. */
export function openDb(url: string, options: { max?: number } = {}): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 20, idleTimeoutMillis: 30_000 });
  // A dropped idle connection must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}
