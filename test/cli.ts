import { spawn } from 'node:child_process';

/** What a run of the CLI left: its exit code, its `--json` output parsed (`{}` when not JSON) and its streams. */
export interface CliRun {
  code: number | null;
  json: Record<string, unknown>;
  stdout: string;
  stderr: string;
}

/**
 * Run `xieshou --json …args` as a real process with `env` over this process's environment, without
 * blocking the test worker (a blocked worker misses vitest's heartbeats). Killed after 2 minutes.
 */
export function runCli(env: Record<string, string>, ...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/xieshou.mjs', '--json', ...args], { env: { ...process.env, XIESHOU_LOG_LEVEL: 'error', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(stdout) as Record<string, unknown>;
      } catch {
        // Left empty: the assertions on `code` and `stderr` tell what went wrong.
      }
      resolve({ code, json, stdout, stderr });
    });
  });
}
