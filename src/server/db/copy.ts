/**
 * Bulk writes with `COPY … FROM STDIN` inside an ordinary transaction.
 *
 * Kysely hands out transactions but not the pg client under them, and COPY needs that client.
 * {@link transactionWithCopy} therefore checks one client out of the Db's pool, runs a Kysely
 * transaction on it through a one-client pool adapter, and remembers which client a transaction
 * handle runs on. Repos keep taking a `Tx`; those that bulk-load ask {@link copyClientOf} and use
 * {@link copyRows} when it answers, their usual statements otherwise. Rows sent by COPY are part of
 * the transaction like any other write: they commit or roll back with it.
 *
 * Data travels in COPY's text format: one line per row, tab between columns, `\N` for NULL, and
 * backslash, tab, newline and carriage return escaped ({@link copyText}).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { poolOf, type Db, type Tx } from './database.js';
import type { Database } from './schema.js';

/** The raw client of each transaction opened by {@link transactionWithCopy}. */
const clientByTx = new WeakMap<Tx, pg.PoolClient>();

/**
 * Run `fn` in one transaction whose handle also allows COPY ({@link copyClientOf}). Commits when
 * `fn` resolves, rolls back when it throws.
 *
 * The transaction runs on a Kysely of its own over the checked-out client, with the default
 * Postgres dialect and no plugins, like the one `openDb` builds.
 * @throws Error for a Db that `openDb` did not open (its pool is unknown).
 */
export async function transactionWithCopy<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const pool = poolOf(db);
  if (!pool) {
    throw new Error('transactionWithCopy needs a Db opened by openDb');
  }
  const client = await pool.connect();
  let isDiscarded = false;
  // Kysely "acquires" and "releases" this one client; only we give it back to the pool.
  const lease: PostgresPoolClient = {
    query: client.query.bind(client) as PostgresPoolClient['query'],
    release(destroy?: boolean) {
      isDiscarded ||= Boolean(destroy);
    },
  };
  const single = new Kysely<Database>({ dialect: new PostgresDialect({ pool: { connect: async () => lease, end: async () => {} } }) });
  try {
    return await single.transaction().execute(async (tx) => {
      clientByTx.set(tx, client);
      return fn(tx);
    });
  } finally {
    await single.destroy();
    // Kysely asks to discard a client whose rollback failed: it must not serve anyone else. A COPY
    // that fails half-way has already been ended by pg-copy-streams (CopyFail), so rollback works.
    client.release(isDiscarded || undefined);
  }
}

/** The pg client of a transaction opened by {@link transactionWithCopy}; undefined for other transactions. */
export function copyClientOf(tx: Tx): pg.PoolClient | undefined {
  return clientByTx.get(tx);
}

const SAFE_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Lines are sent to the server in pieces of about this many characters. */
const PIECE_CHARS = 1 << 18;

/** Rows of one table in COPY text format, built ahead of sending ({@link buildCopyBatch}, {@link sendCopy}). */
export interface CopyBatch {
  table: string;
  columns: readonly string[];
  /** The lines, joined into pieces of about {@link PIECE_CHARS}: fewer, larger socket writes. */
  pieces: string[];
  rowCount: number;
}

/** Rows formatted between two turns of the event loop while a batch is built. */
const BUILD_SLICE_ROWS = 250;

/**
 * Format `rows` for `COPY table (columns)`, one line per row (build it with {@link copyLine}).
 * Yields to the event loop now and then, so that a COPY in flight on the same process keeps being
 * fed while the next batch is built.
 */
export async function buildCopyBatch<T>(table: string, columns: readonly string[], rows: readonly T[], toLine: (row: T) => string): Promise<CopyBatch> {
  for (const name of [table, ...columns]) {
    if (!SAFE_IDENTIFIER.test(name)) {
      throw new Error(`buildCopyBatch: unexpected identifier ${JSON.stringify(name)}`);
    }
  }
  const pieces: string[] = [];
  let piece = '';
  for (let i = 0; i < rows.length; i++) {
    piece += toLine(rows[i]);
    if (piece.length >= PIECE_CHARS) {
      pieces.push(piece);
      piece = '';
    }
    if (i % BUILD_SLICE_ROWS === BUILD_SLICE_ROWS - 1) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (piece.length > 0) {
    pieces.push(piece);
  }
  return { table, columns, pieces, rowCount: rows.length };
}

/**
 * `COPY table (columns) FROM STDIN` with a batch built by {@link buildCopyBatch}, inside `tx`.
 * Nothing is sent for an empty batch.
 * @throws Error when `tx` was not opened by {@link transactionWithCopy}; the server's error
 *   (constraint violations, bad values) as for any statement, which aborts the transaction.
 */
export async function sendCopy(tx: Tx, batch: CopyBatch): Promise<void> {
  const client = copyClientOf(tx);
  if (!client) {
    throw new Error('sendCopy needs a transaction opened by transactionWithCopy');
  }
  if (batch.rowCount === 0) {
    return;
  }
  const stream = client.query(copyFrom(`COPY ${batch.table} (${batch.columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(batch.pieces), stream);
  if (stream.rowCount !== batch.rowCount) {
    throw new Error(`COPY ${batch.table}: the server took ${stream.rowCount} of ${batch.rowCount} rows`);
  }
}

/** {@link buildCopyBatch} then {@link sendCopy}. */
export async function copyRows<T>(tx: Tx, table: string, columns: readonly string[], rows: readonly T[], toLine: (row: T) => string): Promise<void> {
  await sendCopy(tx, await buildCopyBatch(table, columns, rows, toLine));
}

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One text value in COPY text format: `\N` for null; backslash, tab, newline and CR escaped. */
export function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined) {
    return '\\N';
  }
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (char) => ESCAPES[char]) : value;
}

/** A `text[]` value in COPY text format: an array literal (`{"a","b"}`, quotes and backslashes escaped), then {@link copyText}. */
export function copyTextArray(items: readonly string[]): string {
  if (items.length === 0) {
    return '{}';
  }
  if (!/[\\"\t\n\r]/.test(items.join(''))) {
    return `{"${items.join('","')}"}`; // nothing to escape: the usual case, built in one go
  }
  return copyText(`{${items.map((item) => `"${item.replace(/[\\"]/g, (char) => `\\${char}`)}"`).join(',')}}`);
}

/** A `json`/`jsonb` value in COPY text format; `\N` for null and undefined. */
export function copyJson(value: unknown): string {
  if (value === null || value === undefined) {
    return '\\N';
  }
  return Array.isArray(value) && value.length === 0 ? '[]' : copyText(JSON.stringify(value));
}

/** A number or bigint column in COPY text format; `\N` for null and undefined. */
export function copyNumber(value: number | bigint | null | undefined): string {
  return value === null || value === undefined ? '\\N' : String(value);
}

/** One row: fields already formatted by the helpers above, joined by tabs and ended by a newline. */
export function copyLine(fields: readonly string[]): string {
  return `${fields.join('\t')}\n`;
}
