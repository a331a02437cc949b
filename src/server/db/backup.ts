import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { MIGRATIONS_DIR, MIGRATION_LOCK_KEY } from './migrate.js';

/**
 * Logical backups of the whole database (`xieshou db backup` / `restore`, ADR 0016).
 *
 * The embedded PostgreSQL ships only `initdb`, `pg_ctl` and `postgres`, and Debian's `pg_dump` 15
 * refuses a newer server, so the platform writes its own: one snapshot (`REPEATABLE READ`), every
 * table of the `public` schema as `COPY … (FORMAT binary)`, the list of applied migrations, all
 * in one gzip stream of framed records. A restore rebuilds the schema by running exactly the
 * backup's migrations, loads every table, checks each row count, resets the sequences and then
 * applies any newer migrations — all in one transaction: it lands whole or not at all.
 */

const FORMAT = 'xieshou-backup';
const VERSION = 1;

/** Frame types of the stream: header, table start, data chunk, table end, end. */
const enum Frame {
  Header = 0x48,
  Table = 0x54,
  Data = 0x44,
  TableEnd = 0x45,
  End = 0x5a,
}

interface Header {
  format: string;
  version: number;
  createdAt: string;
  serverVersion: string;
  migrations: string[];
}

interface TableStart {
  name: string;
  columns: string[];
}

export interface BackupSummary {
  createdAt: string;
  migrations: number;
  tables: { name: string; rows: number }[];
  bytes: number;
}

export type RestoreSummary = Omit<BackupSummary, 'bytes'> & { newerMigrationsApplied: string[] };

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

function frame(type: Frame, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt8(type, 0);
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

const jsonFrame = (type: Frame, value: unknown) => frame(type, Buffer.from(JSON.stringify(value), 'utf8'));

/** The tables to back up: ordinary and partitioned tables of `public` (not partitions), with their stored columns. */
async function listTables(client: pg.PoolClient): Promise<TableStart[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(`
    SELECT c.relname AS name,
           array_agg(a.attname::text ORDER BY a.attnum) AS columns
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND c.relname <> 'schema_migrations'
     GROUP BY c.relname
     ORDER BY c.relname`);
  return rows;
}

/**
 * Write a backup of the database to `out` (gzip). Reads one consistent snapshot; writers go on.
 * @param onTable called after each table with its row count (progress).
 */
export async function backupDatabase(pool: pg.Pool, out: Writable, onTable?: (name: string, rows: number) => void): Promise<BackupSummary> {
  const client = await pool.connect();
  const gzip = zlib.createGzip({ level: 6 });
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const written = pipeline(gzip, counter, out);
  const write = (buffer: Buffer) => (gzip.write(buffer) ? Promise.resolve() : new Promise<void>((resolve) => gzip.once('drain', resolve)));
  const tables: BackupSummary['tables'] = [];
  const createdAt = new Date().toISOString();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migrations = (await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).rows.map((r) => r.name);
    const serverVersion = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
    const header: Header = { format: FORMAT, version: VERSION, createdAt, serverVersion, migrations };
    await write(jsonFrame(Frame.Header, header));
    for (const table of await listTables(client)) {
      await write(jsonFrame(Frame.Table, table));
      const columns = table.columns.map(quoteIdent).join(', ');
      const source = client.query(copyTo(`COPY (SELECT ${columns} FROM ${quoteIdent(table.name)}) TO STDOUT (FORMAT binary)`));
      for await (const chunk of source as AsyncIterable<Buffer>) {
        await write(frame(Frame.Data, chunk));
      }
      const rows = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(table.name)}`)).rows[0].n);
      await write(jsonFrame(Frame.TableEnd, { name: table.name, rows }));
      tables.push({ name: table.name, rows });
      onTable?.(table.name, rows);
    }
    await write(jsonFrame(Frame.End, { tables: tables.length }));
    await client.query('COMMIT');
    gzip.end();
    await written;
    return { createdAt, migrations: migrations.length, tables, bytes };
  } catch (err) {
    gzip.destroy(err as Error);
    await written.catch(() => {});
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Reads the frames of a backup stream one by one. */
async function* frames(input: Readable): AsyncGenerator<{ type: Frame; payload: Buffer }> {
  let pending: Buffer = Buffer.alloc(0);
  const gunzip = zlib.createGunzip();
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  const chunks = (async function* () {
    try {
      yield* gunzip as AsyncIterable<Buffer>;
    } catch (err) {
      throw (err as NodeJS.ErrnoException).code?.startsWith('Z_') ? new BackupError(`not a readable backup file (${(err as Error).message})`) : err;
    }
  })();
  for await (const chunk of chunks) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let offset = 0;
    while (pending.length - offset >= 5) {
      const length = pending.readUInt32BE(offset + 1);
      if (pending.length - offset - 5 < length) break;
      yield { type: pending.readUInt8(offset) as Frame, payload: pending.subarray(offset + 5, offset + 5 + length) };
      offset += 5 + length;
    }
    pending = pending.subarray(offset);
  }
  if (pending.length > 0) throw new BackupError('the backup file is truncated');
}

/** A backup that cannot be restored, or a target that must not be overwritten. */
export class BackupError extends Error {}

/** Whether the target holds data of its own (users, organisations, enterprises); reference rows of migrations do not count. */
async function hasData(client: pg.PoolClient): Promise<boolean> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname IN ('users', 'organisations', 'enterprises')`,
  );
  for (const { name } of rows) {
    const found = await client.query(`SELECT 1 FROM ${quoteIdent(name)} LIMIT 1`);
    if (found.rowCount) return true;
  }
  return false;
}

async function applyMigrationFiles(client: pg.PoolClient, dir: string, names: readonly string[]): Promise<void> {
  await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const name of names) {
    await client.query(fs.readFileSync(path.join(dir, name), 'utf8'));
    await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
  }
}

/** Set every serial/identity sequence of `public` past the largest value loaded. */
async function resetSequences(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string; seq: string }>(`
    SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) AS seq
      FROM information_schema.columns
     WHERE table_schema = 'public' AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL`);
  for (const r of rows) {
    await client.query(
      `SELECT setval($1, coalesce((SELECT max(${quoteIdent(r.column_name)}) FROM ${quoteIdent(r.table_name)}), 0) + 1, false)`,
      [r.seq],
    );
  }
}

/**
 * Restore a backup into the database behind `pool`, replacing its `public` schema. Refuses a
 * database that holds data unless `force`; refuses a backup whose migrations this version does
 * not have. One transaction: on any error nothing changes.
 */
export async function restoreDatabase(
  pool: pg.Pool,
  input: Readable,
  options: { force?: boolean; onTable?: (name: string, rows: number) => void; migrationsDir?: string } = {},
): Promise<RestoreSummary> {
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const available = new Set(fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')));
  const client = await pool.connect();
  const tables: RestoreSummary['tables'] = [];
  let header: Header | undefined;
  let isEnded = false;
  let current: { table: TableStart; sink: Writable; done: Promise<void> } | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query('BEGIN');
    for await (const { type, payload } of frames(input)) {
      if (!header) {
        if (type !== Frame.Header) throw new BackupError('not a 携手 backup file');
        header = JSON.parse(payload.toString('utf8')) as Header;
        if (header.format !== FORMAT || header.version !== VERSION) throw new BackupError(`unsupported backup format ${header.format} v${header.version}`);
        const missing = header.migrations.filter((m) => !available.has(m));
        if (missing.length) throw new BackupError(`the backup comes from a newer version (migrations unknown here: ${missing.join(', ')})`);
        if (!options.force && (await hasData(client))) throw new BackupError('the database holds data; restore into an empty data directory or pass --force to replace it');
        await client.query('DROP SCHEMA public CASCADE');
        await client.query('CREATE SCHEMA public');
        await applyMigrationFiles(client, migrationsDir, header.migrations);
        // Migrations seed reference rows (rule settings, default weights); the backup holds every
        // table's full content, those rows included, so the tables start empty.
        const seeded = await listTables(client);
        if (seeded.length > 0) await client.query(`TRUNCATE ${seeded.map((t) => quoteIdent(t.name)).join(', ')}`);
        await client.query('SET LOCAL session_replication_role = replica');
        continue;
      }
      if (type === Frame.Table) {
        const table = JSON.parse(payload.toString('utf8')) as TableStart;
        const sink = client.query(copyFrom(`COPY ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(', ')}) FROM STDIN (FORMAT binary)`));
        current = { table, sink, done: new Promise<void>((resolve, reject) => sink.on('finish', resolve).on('error', reject)) };
      } else if (type === Frame.Data) {
        if (!current) throw new BackupError('data outside a table');
        if (!current.sink.write(payload)) await new Promise((resolve) => current!.sink.once('drain', resolve));
      } else if (type === Frame.TableEnd) {
        if (!current) throw new BackupError('table end outside a table');
        current.sink.end();
        await current.done;
        const expected = (JSON.parse(payload.toString('utf8')) as { rows: number }).rows;
        const loaded = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(current.table.name)}`)).rows[0].n);
        if (loaded !== expected) throw new BackupError(`table ${current.table.name}: ${loaded} rows loaded, the backup holds ${expected}`);
        tables.push({ name: current.table.name, rows: loaded });
        options.onTable?.(current.table.name, loaded);
        current = undefined;
      } else if (type === Frame.End) {
        isEnded = true;
      }
    }
    if (!header) throw new BackupError('the backup file is empty');
    if (!isEnded || current) throw new BackupError('the backup file is incomplete (no end record)');
    await client.query('SET LOCAL session_replication_role = origin');
    await resetSequences(client);
    const newer = [...available].filter((m) => !header!.migrations.includes(m)).sort();
    await applyMigrationFiles(client, migrationsDir, newer);
    await client.query('COMMIT');
    return { createdAt: header.createdAt, migrations: header.migrations.length, tables, newerMigrationsApplied: newer };
  } catch (err) {
    if (current) {
      // An open COPY blocks the connection: abort it (CopyFail) before rolling back.
      current.sink.destroy(err as Error);
      await current.done.catch(() => {});
    }
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    client.release();
  }
}

/** Convenience for the CLI: back up to a file (written to `<file>.partial`, renamed when complete). */
export async function backupToFile(pool: pg.Pool, file: string, onTable?: (name: string, rows: number) => void): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  try {
    const summary = await backupDatabase(pool, fs.createWriteStream(partial), onTable);
    fs.renameSync(partial, file);
    return summary;
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
}
