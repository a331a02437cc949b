import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { LoginLimiter } from '../modules/accounts/accounts.service.js';
import type { SessionCache } from './auth.js';

/** What route modules get from the app: the database and the process-wide helpers. */
export interface AppContext {
  db: Db;
  config: Config;
  limiter: LoginLimiter;
  sessionCache: SessionCache;
}

/** Fastify typed by our zod schemas. */
export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>; // eslint-disable-line @typescript-eslint/no-explicit-any
