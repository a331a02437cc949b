import type { Command } from 'commander';
import { sql } from 'kysely';
import { emit, fail, type GlobalOptions } from '../output.js';
import { withStore } from '../store.js';

/** `xieshou db migrate`: apply pending migrations (also done at every start). */
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
}
