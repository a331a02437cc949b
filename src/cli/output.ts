import cliProgress from 'cli-progress';
import { AppError } from '../server/errors.js';
import { STATUS_BY_CODE } from '../server/http/problem.js';

/** Exit codes: 0 ok, 1 user error (bad input, not found), 2 server or environment error. */
export const EXIT_OK = 0;
export const EXIT_USER = 1;
export const EXIT_SERVER = 2;

/** Set by commands that keep running (the server); others exit when their action returns. */
export const runState = { isLongRunning: false };

/** Global flags every command sees. */
export interface GlobalOptions {
  json?: boolean;
}

/** Print a result: JSON with `--json`, else the human text. */
export function emit(options: GlobalOptions, value: unknown, human: () => string): void {
  if (options.json) {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  } else {
    process.stdout.write(`${human()}\n`);
  }
}

/** Report an error and exit with 1 (user) or 2 (server). */
export function fail(options: GlobalOptions, err: unknown): never {
  const isApp = err instanceof AppError;
  const status = isApp ? STATUS_BY_CODE[err.code] : 500;
  const body = isApp
    ? { code: err.code, detail: err.userMessage ?? err.message, errors: err.errors, ...(err.extra ?? {}) }
    : { code: 'internal', detail: (err as Error)?.message ?? String(err) };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  } else {
    process.stderr.write(`错误 (${body.code}): ${body.detail}\n`);
    for (const e of (isApp ? err.errors : undefined) ?? []) {
      process.stderr.write(`  - ${e.path}: ${e.message}\n`);
    }
  }
  process.exit(status < 500 ? EXIT_USER : EXIT_SERVER);
}

/** A progress bar on stderr (hidden with --json or when stderr is not a terminal). */
export function progressBar(options: GlobalOptions, label: string) {
  if (options.json || !process.stderr.isTTY) {
    return { update: (_done: number, _total: number) => {}, stop: () => {} };
  }
  const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total} {percentage}% ETA {eta}s`, stream: process.stderr }, cliProgress.Presets.shades_classic);
  let isStarted = false;
  return {
    update(done: number, total: number) {
      if (!isStarted) {
        bar.start(total, done);
        isStarted = true;
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop() {
      if (isStarted) bar.stop();
    },
  };
}
