import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { ChangeFeed } from '../db/change-feed.js';
import type { Db } from '../db/database.js';
import type { ReadRouter } from '../db/read-router.js';
import type { LoginLimiter } from '../modules/accounts/accounts.service.js';
import type { SupplyGraphHolder } from '../modules/chains/graph/holder.js';
import type { MatchingIndex } from '../modules/matching/matching.index.js';
import type { SessionCache } from './auth.js';

/** What route modules get from the app: the database and the process-wide helpers. */
export interface AppContext {
  db: Db;
  /**
   * Where staleness-tolerant reads run (the replica when one is configured and current, ADR 0033):
   * `ctx.reads.run(request, (db) => …)`. Never for a read inside a write, nor for auth.
   */
  reads: ReadRouter;
  config: Config;
  limiter: LoginLimiter;
  sessionCache: SessionCache;
  /** Tail of `change_log` for in-memory engines to follow other nodes; absent in tests, where
   * in-process writes notify the engines directly. */
  feed?: ChangeFeed;
  /** The in-memory supply graph (chains/graph/holder.ts): loaded on first use, kept current. */
  supplyGraph: SupplyGraphHolder;
  /** The in-memory matching index (matching/matching.index.ts): built on first use, kept current. */
  matching: MatchingIndex;
}

/** Fastify typed by our zod schemas. */
export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>; // eslint-disable-line @typescript-eslint/no-explicit-any
