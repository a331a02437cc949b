import type { Command } from 'commander';
import { CreateUserBody } from '../../contracts/auth.js';
import { invalid } from '../../server/errors.js';
import { SYSTEM_ACTOR } from '../../server/platform/actor.js';
import { createUser, presentUser } from '../../server/modules/accounts/index.js';
import { emit, fail, type GlobalOptions } from '../output.js';
import { withStore } from '../store.js';

/** `xieshou user create --username U --password P --role gov --region 320500` (`member` takes `--org <USCC>`). */
export function registerUser(program: Command): void {
  const user = program.command('user').description('user accounts');
  user
    .command('create')
    .description('create a user (works whether the server is running or not)')
    .requiredOption('--username <name>')
    .requiredOption('--password <password>')
    .requiredOption('--role <role>', 'platform_admin | gov | member | expert')
    .option('--region <code>', 'GB/T 2260 region code (gov users)')
    .option('--org <uscc>', 'organisation USCC (members)')
    .option('--display-name <name>')
    .action(async (options: { username: string; password: string; role: string; region?: string; org?: string; displayName?: string }) => {
      const globals = program.opts<GlobalOptions>();
      try {
        const parsed = CreateUserBody.safeParse({ username: options.username, password: options.password, role: options.role, regionCode: options.region, orgUscc: options.org, displayName: options.displayName });
        if (!parsed.success) {
          throw invalid(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
        }
        const created = await withStore((store) => createUser(store.db, SYSTEM_ACTOR, parsed.data));
        const view = presentUser(created);
        emit(globals, view, () => `created user ${view.username} (${view.role}${view.regionName ? `, ${view.regionName}` : ''}${view.org ? `, ${view.org.name}` : ''})`);
      } catch (err) {
        fail(globals, err);
      }
    });
}
