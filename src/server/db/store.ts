import type pg from 'pg';
import type { Config } from '../config.js';
import { openDb, type Db } from './database.js';
import { runningEmbeddedUrl, startEmbedded, type EmbeddedServer } from './embedded.js';
import { migrate } from './migrate.js';

/** An open database: the query builder, its pool, and how to close both (and the embedded server). */
export interface Store {
  db: Db;
  pool: pg.Pool;
  /** 'external' (DATABASE_URL), 'embedded' (started here) or 'attached' (another process's embedded server). */
  mode: 'external' | 'embedded' | 'attached';
  /** The connection URL (with its password): what HTTP worker processes connect with. */
  url: string;
  /** The streaming replica for staleness-tolerant reads (`DATABASE_READ_URL`, ADR 0033); only beside an external primary. */
  readDb?: Db;
  close(): Promise<void>;
}

/**
 * Open the configured store and apply pending migrations. With `attach`, an embedded server
 * already run by another process on the same data dir is used instead of starting one (the
 * CLI does this while `npm start` runs).
 */
export async function openStore(
  config: Config,
  options: { attach?: boolean; log?: (m: string) => void; poolMax?: number; /** The database is known to be migrated (a cluster worker after its primary). */ skipMigrations?: boolean } = {},
): Promise<Store> {
  let url = config.databaseUrl;
  let embedded: EmbeddedServer | undefined;
  let mode: Store['mode'] = 'external';
  if (!url && options.attach) {
    url = runningEmbeddedUrl(config.dataDir);
    mode = 'attached';
  }
  if (!url) {
    embedded = await startEmbedded({ dataDir: config.dataDir, port: config.embeddedPgPort, log: options.log });
    url = embedded.url;
    mode = 'embedded';
  }
  const { db, pool, close } = openDb(url, { max: options.poolMax, applicationName: 'xieshou' });
  // Connections to the replica give up quickly, so that a replica that is down costs a request
  // a short wait before it falls back to the primary (db/read-router.ts), not a hang.
  const replica = config.databaseReadUrl && mode === 'external' ? openDb(config.databaseReadUrl, { max: options.poolMax, applicationName: 'xieshou-read', connectTimeoutMs: 2_000 }) : undefined;
  try {
    if (!options.skipMigrations) await migrate(pool);
  } catch (err) {
    await close();
    await replica?.close();
    await embedded?.stop();
    throw err;
  }
  return {
    db,
    pool,
    mode,
    url,
    readDb: replica?.db,
    async close() {
      await close();
      await replica?.close();
      await embedded?.stop();
    },
  };
}
