import { Command } from 'commander';
import { registerDb } from './commands/db.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerNotify } from './commands/notify.js';
import { registerSeed } from './commands/seed.js';
import { registerStart } from './commands/start.js';
import { registerUser } from './commands/user.js';
import { runState } from './output.js';

const program = new Command('xieshou')
  .description('携手 — platform for large–SME integrated innovation')
  .option('--json', 'machine-readable output');

registerStart(program);
registerDb(program);
registerSeed(program);
registerUser(program);
registerImport(program);
registerExport(program);
registerNotify(program);

await program.parseAsync(process.argv);
// Exit explicitly with the command's code: the embedded PostgreSQL's exit hook would otherwise
// end the process with 0.
if (!runState.isLongRunning) {
  process.exit(process.exitCode ?? 0);
}
