import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * The one reader of `process.env`. Every setting is validated at boot; a bad value stops the
 * process with a readable list of what is wrong (see `.env.example`).
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  XIESHOU_DATA_DIR: z.string().min(1).default('./.xieshou'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_READ_URL: z.string().url().optional(),
  XIESHOU_READ_MAX_LAG_SECONDS: z.coerce.number().positive().max(3600).default(5),
  XIESHOU_ADMIN_PASSWORD: z.string().min(8).optional(),
  XIESHOU_DEMO: z.enum(['0', '1']).default('1'),
  XIESHOU_DEMO_ENTERPRISES: z.coerce.number().int().min(0).max(2_000_000).default(3000),
  XIESHOU_SESSION_HOURS: z.coerce.number().positive().default(24 * 7),
  XIESHOU_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  XIESHOU_PG_PORT: z.coerce.number().int().min(1024).max(65535).optional(),
  XIESHOU_LOGIN_MAX_PER_MINUTE: z.coerce.number().int().positive().default(10),
  XIESHOU_STRICT_RESPONSES: z.enum(['0', '1']).default('0'),
  XIESHOU_WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
  XIESHOU_TRUST_PROXY: z
    .string()
    .default('loopback')
    .refine((v) => v === 'none' || v.split(',').every((item) => isProxyAddress(item.trim())), {
      message: "'none', or a comma-separated list of addresses, CIDR ranges and the keywords loopback, linklocal, uniquelocal",
    }),
});

/** An address, CIDR range or proxy-addr keyword that `XIESHOU_TRUST_PROXY` may list. */
function isProxyAddress(item: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return true;
  const [address, bits, ...rest] = item.split('/');
  const version = net.isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

/** Validated runtime configuration. */
export interface Config {
  http: { port: number; host: string };
  dataDir: string;
  /** External PostgreSQL URL; absent means the embedded server in `dataDir`. */
  databaseUrl?: string;
  /**
   * A streaming replica of `databaseUrl` for staleness-tolerant reads (ADR 0033); only with an
   * external `databaseUrl`. `readMaxLagMs`: a replica further behind than this is not read from.
   */
  databaseReadUrl?: string;
  readMaxLagMs: number;
  embeddedPgPort?: number;
  adminPassword?: string;
  demo: { enabled: boolean; enterprises: number };
  sessionTtlMs: number;
  logLevel: z.infer<typeof EnvSchema>['XIESHOU_LOG_LEVEL'];
  loginMaxPerMinute: number;
  /** Validate every response against its schema (tests and development; costs ~10% throughput). */
  isStrictResponses: boolean;
  /** HTTP worker processes of `xieshou start` (1: the process serves itself; see ADR 0034). */
  workers: number;
  /**
   * Proxies whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed (false: none). The client
   * address (log-in limiter, stored sessions, audit) is the nearest address not in this list, so a
   * client cannot forge it by sending the header itself. Default: loopback (nginx on the same host).
   */
  trustProxy: string[] | false;
}

/** Parse a given environment (tests pass their own) into a {@link Config}. Throws with all problems listed. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new Error('Invalid configuration:\n  DATABASE_READ_URL: needs DATABASE_URL (a replica of an external PostgreSQL; the embedded PostgreSQL has no replica)');
  }
  return {
    http: { port: e.PORT, host: e.HOST },
    dataDir: path.resolve(e.XIESHOU_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    readMaxLagMs: e.XIESHOU_READ_MAX_LAG_SECONDS * 1000,
    embeddedPgPort: e.XIESHOU_PG_PORT,
    adminPassword: e.XIESHOU_ADMIN_PASSWORD,
    demo: { enabled: e.XIESHOU_DEMO === '1', enterprises: e.XIESHOU_DEMO_ENTERPRISES },
    sessionTtlMs: e.XIESHOU_SESSION_HOURS * 3600_000,
    logLevel: e.XIESHOU_LOG_LEVEL,
    loginMaxPerMinute: e.XIESHOU_LOGIN_MAX_PER_MINUTE,
    isStrictResponses: e.XIESHOU_STRICT_RESPONSES === '1',
    workers: e.XIESHOU_WORKERS === 'auto' ? os.availableParallelism() : e.XIESHOU_WORKERS,
    trustProxy: e.XIESHOU_TRUST_PROXY === 'none' ? false : e.XIESHOU_TRUST_PROXY.split(',').map((item) => item.trim()),
  };
}

/** Configuration of this process, read once from `process.env`. */
export function loadConfig(): Config {
  return parseConfig(process.env);
}
