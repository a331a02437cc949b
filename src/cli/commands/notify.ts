import type { Command } from 'commander';
import { BusinessDate } from '../../contracts/common.js';
import { DigestPeriod } from '../../contracts/notifications.js';
import { invalid } from '../../server/errors.js';
import { buildDigests } from '../../server/modules/workbench/index.js';
import { emit, fail, type GlobalOptions } from '../output.js';
import { withStore } from '../store.js';

/**
 * `xieshou notify digest --period daily|weekly [--on YYYY-MM-DD]`: build the notification digests
 * a run on that business date makes (daily: the day before; weekly: the Monday–Sunday before).
 * Idempotent; the server also runs it hourly.
 */
export function registerNotify(program: Command): void {
  const notify = program.command('notify').description('in-app notifications');
  notify
    .command('digest')
    .description('build the daily or weekly notification digests (idempotent; works whether the server is running or not)')
    .requiredOption('--period <period>', 'daily | weekly')
    .option('--on <date>', 'the business date of the run (YYYY-MM-DD, Asia/Shanghai; default today)')
    .action(async (options: { period: string; on?: string }) => {
      const globals = program.opts<GlobalOptions>();
      try {
        const period = DigestPeriod.safeParse(options.period);
        const on = options.on === undefined ? undefined : BusinessDate.safeParse(options.on);
        const errors = [
          ...(period.success ? [] : [{ path: 'period', message: '应为 daily 或 weekly' }]),
          ...(on && !on.success ? [{ path: 'on', message: '应为 YYYY-MM-DD 日期' }] : []),
        ];
        if (errors.length > 0 || !period.success) throw invalid(errors);
        const run = await withStore((store) => buildDigests(store.db, period.data, on?.data));
        emit(globals, run, () => (run.isBuilder
          ? `${run.period} digests for ${run.periodStart}${run.periodEnd === run.periodStart ? '' : ` – ${run.periodEnd}`}: ${run.written} written (${run.users - run.written} already built)`
          : 'another node is building digests now; nothing done'));
      } catch (err) {
        fail(globals, err);
      }
    });
}
