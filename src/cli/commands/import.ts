import fs from 'node:fs';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../server/platform/actor.js';
import { importEnterprises } from '../../server/modules/enterprises/index.js';
import { emit, fail, progressBar, type GlobalOptions } from '../output.js';
import { withStore } from '../store.js';

/** `xieshou import FILE [--dry-run]`: import enterprises from .xlsx/.csv as the platform admin. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import enterprises from an .xlsx or .csv file (UTF-8 or GBK); all rows or none')
    .argument('<file>')
    .option('--dry-run', 'validate and report only')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      const globals = program.opts<GlobalOptions>();
      const bar = progressBar(globals, '导入');
      try {
        const buffer = fs.readFileSync(file);
        const report = await withStore((store) =>
          importEnterprises(store.db, { actor: SYSTEM_ACTOR }, buffer, { isDryRun: Boolean(options.dryRun), onProgress: (phase, done, total) => phase === 'write' && bar.update(done, total) }),
        );
        bar.stop();
        emit(globals, report, () => {
          const lines = [`${report.committed ? '已导入' : '校验完成'}: ${report.rows} 行, 有效 ${report.valid}, 新增 ${report.created}, 更新 ${report.updated}, 跳过 ${report.skipped}, 错误 ${report.errors.length}`];
          for (const e of report.errors.slice(0, 50)) lines.push(`  第 ${e.row} 行 ${e.field}: ${e.message}`);
          if (report.errors.length > 50) lines.push(`  … 另有 ${report.errors.length - 50} 处错误 (--json 查看全部)`);
          for (const u of report.uncertain.slice(0, 20)) lines.push(`  第 ${u.row} 行 ${u.name} (${u.uscc}) 与已有企业 ${u.existingName} (${u.existingUscc}) 同名${u.decision ? `：已决定 ${u.decision}` : '：待确认（请在网页导入向导中确认）'}`);
          return lines.join('\n');
        });
        if (options.dryRun && report.errors.length > 0) process.exitCode = 1;
      } catch (err) {
        bar.stop();
        fail(globals, err);
      }
    });
}
