import { spawnSync } from 'node:child_process';
import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { WEB_DIST } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { takeOverStopSignals } from '../../server/db/embedded.js';
import { startCluster, startServer, startWorker } from '../../server/main.js';
import { EXIT_SERVER, runState } from '../output.js';

const ROOT = path.resolve(WEB_DIST, '../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Build the web app when `dist/web` is missing or older than its sources. */
export function ensureWebBuilt(print: (line: string) => void): void {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = [path.join(ROOT, 'src/web'), path.join(ROOT, 'src/contracts')].filter((d) => fs.existsSync(d));
  if (sources.length === 0) return;
  const sourceTime = Math.max(...sources.map(newestMtime));
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sourceTime) return;
  print('building the web UI (first start only)…');
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error('web build failed (vite build)');
  }
}

/** `xieshou start` (alias `serve`): run the platform until SIGINT/SIGTERM. */
export function registerStart(program: Command): void {
  program
    .command('start')
    .alias('serve')
    .description('start the platform: database, migrations, demo data on first run, web UI and API')
    .option('--no-build', 'do not build the web UI even if it is missing or stale')
    .action(async (options: { build: boolean }) => {
      runState.isLongRunning = true;
      try {
        const config = loadConfig();
        // A cluster worker (XIESHOU_WORKERS > 1) serves HTTP only; the primary builds, seeds and prints.
        if (!cluster.isPrimary) {
          const worker = await startWorker(config);
          takeOverStopSignals();
          const stopWorker = () => void worker.close().finally(() => process.exit(0));
          process.once('SIGTERM', stopWorker);
          // Ctrl-C and a closed terminal reach the whole process group: the primary stops the workers in order.
          process.on('SIGINT', () => {});
          process.on('SIGHUP', () => {});
          return;
        }
        if (options.build) ensureWebBuilt(console.log);
        const server = config.workers > 1 ? await startCluster(config) : await startServer(config);
        takeOverStopSignals();
        let isStopping = false;
        const stop = async (signal: string) => {
          if (isStopping) return;
          isStopping = true;
          console.log(`received ${signal}, stopping…`);
          await server.close();
          process.exit(0);
        };
        process.on('SIGINT', () => void stop('SIGINT'));
        process.on('SIGTERM', () => void stop('SIGTERM'));
        process.on('SIGHUP', () => void stop('SIGHUP'));
      } catch (err) {
        console.error(`start failed: ${(err as Error).message}`);
        process.exit(EXIT_SERVER);
      }
    });
}
