import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { sql } from 'kysely';
import { BackupError, backupToFile, restoreDatabase } from '../../server/db/backup.js';
import { AppError } from '../../server/errors.js';
import { emit, fail, type GlobalOptions } from '../output.js';
import { withStore } from '../store.js';

/** Backup problems are the operator's to fix (exit 1), not server errors. */
function asUserError(err: unknown): unknown {
  return err instanceof BackupError ? new AppError('invalid_state', err.message) : err;
}

/** `xieshou db migrate | backup | restore`. */
export function registerDb(program: Command): void {
  const db = program.command('db').description('database operations');
  db.command('migrate')
    .description('apply pending SQL migrations under an advisory lock')
    .action(async () => {
      const globals = program.opts<GlobalOptions>();
      try {
        const applied = await withStore(async (store) => {
          const rows = await sql<{ name: string; applied_at: Date }>`select name, applied_at from schema_migrations order by name`.execute(store.db);
          return rows.rows.map((r) => ({ name: r.name, appliedAt: r.applied_at.toISOString() }));
        });
        emit(globals, { migrations: applied }, () => `migrations applied (${applied.length}):\n${applied.map((m) => `  ${m.name}  ${m.appliedAt}`).join('\n')}`);
      } catch (err) {
        fail(globals, err);
      }
    });

  db.command('backup')
    .argument('[file]', 'where to write the backup (default: xieshou-<timestamp>.xsb in the current directory)')
    .description('write a consistent backup of the whole database (gzip; restore with `db restore`)')
    .action(async (file: string | undefined) => {
      const globals = program.opts<GlobalOptions>();
      const target = path.resolve(file ?? `xieshou-${new Date().toISOString().replace(/[:.]/g, '-')}.xsb`);
      try {
        const summary = await withStore((store) =>
          backupToFile(store.pool, target, (name, rows) => {
            if (!globals.json) process.stderr.write(`  ${name}: ${rows}\n`);
          }),
        );
        const rows = summary.tables.reduce((sum, t) => sum + t.rows, 0);
        emit(globals, { file: target, ...summary }, () => `backup written: ${target} (${summary.tables.length} tables, ${rows} rows, ${(summary.bytes / 1024 / 1024).toFixed(1)} MB)`);
      } catch (err) {
        fail(globals, asUserError(err));
      }
    });
  db.command('restore')
    .argument('<file>', 'a backup written by `db backup`')
    .option('--force', 'replace a database that already holds data')
    .description('restore a backup in one transaction (stop the app first); newer migrations are applied after')
    .action(async (file: string, options: { force?: boolean }) => {
      const globals = program.opts<GlobalOptions>();
      try {
        if (!fs.existsSync(file)) throw new AppError('not_found', `no such file: ${file}`);
        const summary = await withStore(async (store) => {
          if (store.mode === 'attached') throw new AppError('invalid_state', 'the app is running on this data directory; stop it before restoring');
          return restoreDatabase(store.pool, fs.createReadStream(file), {
            force: options.force,
            onTable: (name, rows) => {
              if (!globals.json) process.stderr.write(`  ${name}: ${rows}\n`);
            },
          });
        });
        const rows = summary.tables.reduce((sum, t) => sum + t.rows, 0);
        emit(globals, summary, () => `restored ${summary.tables.length} tables, ${rows} rows (backup of ${summary.createdAt})`);
      } catch (err) {
        fail(globals, asUserError(err));
      }
    });
}
