import type { Command } from 'commander';
import { DEMO_PASSWORD, seedDemo, seedModuleDemos } from '../../server/demo/seed.js';
import { emit, fail, progressBar, type GlobalOptions } from '../output.js';
import { withStore } from '../store.js';

/** `xieshou seed --demo [--enterprises N] [--seed S]`. */
export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description('load demo data (deterministic by seed)')
    .requiredOption('--demo', 'load the demo data set')
    .option('--enterprises <n>', 'number of generated enterprises', (v) => Number.parseInt(v, 10), 3000)
    .option('--seed <n>', 'generator seed', (v) => Number.parseInt(v, 10), 20220954)
    .option('--force', 'load again even if demo data was loaded before')
    .action(async (options: { enterprises: number; seed: number; force?: boolean }) => {
      const globals = program.opts<GlobalOptions>();
      const bar = progressBar(globals, '企业');
      try {
        const started = Date.now();
        const logins = await withStore(async (store) => {
          const loaded = await seedDemo(store.db, { count: options.enterprises, seed: options.seed, isForced: options.force, onProgress: (_p, done, total) => bar.update(done, total) });
          await seedModuleDemos(store.db);
          return loaded;
        });
        bar.stop();
        const seconds = (Date.now() - started) / 1000;
        emit(globals, { loaded: Boolean(logins), enterprises: options.enterprises, seconds, logins: logins ?? [] }, () =>
          logins
            ? `demo data loaded: ${options.enterprises} enterprises in ${seconds.toFixed(1)} s; log-ins (password ${DEMO_PASSWORD}): ${logins.map((l) => l.username).join(', ')}`
            : 'demo data was loaded before (use --force to load again)',
        );
      } catch (err) {
        bar.stop();
        fail(globals, err);
      }
    });
}
