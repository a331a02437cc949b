import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { ListEnterprisesQuery } from '../../contracts/enterprises.js';
import { invalid } from '../../server/errors.js';
import { SYSTEM_ACTOR } from '../../server/platform/actor.js';
import { exportEnterprises } from '../../server/modules/enterprises/index.js';
import { emit, fail, type GlobalOptions } from '../output.js';
import { withStore } from '../store.js';

/** `xieshou export --out FILE [filters]`: the registry as .xlsx. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export enterprises to .xlsx')
    .requiredOption('--out <file>', 'output .xlsx path')
    .option('--region <code>')
    .option('--industry <code>')
    .option('--q <text>', 'name or pinyin initials')
    .option('--size <size>', 'large | medium | small | micro')
    .option('--tag <tag>', 'innovative | specialized | little_giant | leader | high_tech')
    .action(async (options: { out: string; region?: string; industry?: string; q?: string; size?: string; tag?: string }) => {
      const globals = program.opts<GlobalOptions>();
      try {
        const parsed = ListEnterprisesQuery.safeParse({ region: options.region, industry: options.industry, q: options.q, size: options.size, tag: options.tag });
        if (!parsed.success) {
          throw invalid(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
        }
        await withStore((store) => pipeline(exportEnterprises(store.db, SYSTEM_ACTOR, parsed.data), fs.createWriteStream(options.out)));
        const bytes = fs.statSync(options.out).size;
        emit(globals, { out: options.out, bytes }, () => `wrote ${options.out} (${(bytes / 1024).toFixed(0)} KiB)`);
      } catch (err) {
        fail(globals, err);
      }
    });
}
