import cluster from 'node:cluster';
import pino from 'pino';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { ChangeFeed } from './db/change-feed.js';
import { openStore, type Store } from './db/store.js';
import { followEnterpriseChanges } from './modules/enterprises/index.js';
import { DEMO_PASSWORD, listDemoLogins, seedDemo, seedModuleDemos } from './demo/seed.js';
import { ensureAdmin, purgeExpiredSessions } from './modules/accounts/index.js';
import { startDigestTimer } from './modules/workbench/index.js';
import type { App } from './http/context.js';

/** A running server: close it to stop the HTTP listener and the database. */
export interface RunningServer {
  app: App;
  store: Store;
  url: string;
  close(): Promise<void>;
}

interface PreparedStore {
  store: Store;
  admin: Awaited<ReturnType<typeof ensureAdmin>>;
  logins?: Awaited<ReturnType<typeof listDemoLogins>>;
}

/** Open (and migrate) the store, make sure `admin` exists and load the demo data on first run. */
async function prepareStore(config: Config, logger: pino.Logger, print: (line: string) => void): Promise<PreparedStore> {
  const t0 = Date.now();
  const store = await openStore(config, { log: (m) => logger.debug({ pg: m }) });
  logger.info({ mode: store.mode, ms: Date.now() - t0 }, 'database ready');
  const admin = await ensureAdmin(store.db, config.adminPassword);
  let logins = config.demo.enabled ? await seedDemoWithProgress(store, config, print) : undefined;
  if (config.demo.enabled && !logins) {
    logins = await listDemoLogins(store.db);
  }
  if (config.demo.enabled) {
    await seedModuleDemos(store.db);
  }
  return { store, admin, logins };
}

/** Follow the change feed and serve HTTP on the configured port (shared by cluster workers). */
async function serveHttp(config: Config, store: Store, logger: pino.Logger): Promise<{ app: App; port: number; close(): Promise<void> }> {
  const feed = new ChangeFeed(store.db);
  followEnterpriseChanges(feed, store.db);
  await feed.start();
  const app = await buildApp({ config, db: store.db, readDb: store.readDb, logger, feed });
  await app.listen({ port: config.http.port, host: config.http.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  return {
    app,
    port,
    async close() {
      feed.stop();
      await app.close();
    },
  };
}

/**
 * The hourly jobs of the process that holds the database (the single process, or the cluster's
 * primary): purge expired sessions, build notification digests (an advisory lock lets one node of
 * several build each period). Returns how to stop them.
 */
function startHourlyJobs(store: Store, logger: pino.Logger): () => void {
  const purge = setInterval(() => void purgeExpiredSessions(store.db).catch(() => {}), 3600_000);
  purge.unref();
  const stopDigests = startDigestTimer(store.db, (run) => (run instanceof Error ? logger.error({ err: run }, 'digest build failed') : run.written > 0 && logger.info(run, 'notification digests built')));
  return () => {
    clearInterval(purge);
    stopDigests();
  };
}

function printBanner(print: (line: string) => void, config: Config, url: string, prepared: PreparedStore): void {
  const { store, admin, logins } = prepared;
  print('');
  print(`携手 xieshou is running at ${url}  (API docs: ${url}/api/docs)`);
  print(`  database: ${store.mode === 'external' ? 'external PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${config.dataDir}`}${store.readDb ? '; reads from the replica DATABASE_READ_URL (ADR 0033)' : ''}`);
  if (config.workers > 1) {
    print(`  HTTP workers: ${config.workers} (XIESHOU_WORKERS)`);
  }
  if (admin.password) {
    print(`  admin / ${admin.password}   (generated; set XIESHOU_ADMIN_PASSWORD to choose it)`);
  } else {
    print(`  admin / ${admin.created ? '(XIESHOU_ADMIN_PASSWORD)' : '(password set earlier)'}`);
  }
  if (logins && logins.length > 0) {
    print(`  demo log-ins (password ${DEMO_PASSWORD}):`);
    for (const l of logins) {
      print(`    ${l.username.padEnd(10)} ${l.role.padEnd(7)} ${l.description}`);
    }
  }
  print('');
}

/**
 * Start the platform in this process: open (and migrate) the store, make sure `admin` exists,
 * load the demo data on first run, listen, and print the URL and log-ins.
 */
export async function startServer(config: Config, print: (line: string) => void = console.log): Promise<RunningServer> {
  const logger = pino({ level: config.logLevel });
  const prepared = await prepareStore(config, logger, print);
  const { store } = prepared;
  const http = await serveHttp(config, store, logger);
  const url = `http://${config.http.host}:${http.port}`;
  const stopJobs = startHourlyJobs(store, logger);
  printBanner(print, config, url, prepared);

  return { app: http.app, store, url, close: closeOnce(stopJobs, () => http.close(), store) };
}

/** An idempotent close: stop the hourly jobs, then serving, then the database. */
function closeOnce(stopJobs: () => void, stopServing: () => Promise<void>, store: Store): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= (async () => {
      stopJobs();
      await stopServing();
      await store.close();
    })();
    return closing;
  };
}

/** The environment variable that carries the primary's database URL to its HTTP workers. */
const WORKER_DATABASE_URL = 'XIESHOU_WORKER_DATABASE_URL';

/** A running cluster primary: it holds the database (and the embedded server), the workers serve HTTP. */
export interface RunningCluster {
  store: Store;
  url: string;
  close(): Promise<void>;
}

/**
 * Start the platform with `config.workers` HTTP worker processes (ADR 0034). This process opens
 * and migrates the store (starting the embedded PostgreSQL), seeds the demo and runs the hourly jobs (session purge, digests);
 * each worker connects to the same database, follows the change feed and listens on the shared
 * port (Node's cluster module hands connections round-robin). A worker that dies is replaced;
 * one that dies again and again (five times within a minute) stops the platform.
 */
export async function startCluster(config: Config, print: (line: string) => void = console.log): Promise<RunningCluster> {
  const logger = pino({ level: config.logLevel });
  const prepared = await prepareStore(config, logger, print);
  const { store } = prepared;
  let isClosing = false;
  const recentDeaths: number[] = [];

  // Every worker listens on the configured port, PORT=0 included: the cluster module then shares
  // one random port among them.
  const fork = (): Promise<number> => {
    const worker = cluster.fork({ [WORKER_DATABASE_URL]: store.url });
    return new Promise((resolve, reject) => {
      worker.once('listening', (address) => resolve(address.port));
      worker.once('exit', (code) => reject(new Error(`HTTP worker exited with code ${code} before listening`)));
    });
  };
  const stopAll = async () => {
    await Promise.all(
      Object.values(cluster.workers ?? {}).map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (!worker || worker.isDead()) return resolve();
            const timer = setTimeout(() => worker.kill('SIGKILL'), 10_000);
            worker.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            worker.kill('SIGTERM');
          }),
      ),
    );
  };

  let port: number;
  try {
    [port] = await Promise.all(Array.from({ length: config.workers }, fork));
  } catch (err) {
    isClosing = true;
    await stopAll();
    await store.close();
    throw err;
  }
  cluster.on('exit', (worker, code, signal) => {
    if (isClosing) return;
    const now = Date.now();
    recentDeaths.push(now);
    while (recentDeaths.length > 0 && recentDeaths[0] < now - 60_000) recentDeaths.shift();
    logger.error({ pid: worker.process.pid, code, signal }, 'HTTP worker died');
    if (recentDeaths.length >= 5) {
      logger.fatal('HTTP workers keep dying; stopping');
      process.kill(process.pid, 'SIGTERM');
      return;
    }
    fork().catch((err: unknown) => logger.error({ err }, 'could not replace an HTTP worker'));
  });
  const stopJobs = startHourlyJobs(store, logger);
  const url = `http://${config.http.host}:${port}`;
  printBanner(print, config, url, prepared);
  return {
    store,
    url,
    close: closeOnce(stopJobs, () => {
      isClosing = true; // before the workers exit, so that none is replaced
      return stopAll();
    }, store),
  };
}

/** A cluster worker: serve HTTP over the primary's database until told to stop. */
export async function startWorker(config: Config): Promise<{ close(): Promise<void> }> {
  const logger = pino({ level: config.logLevel });
  const url = process.env[WORKER_DATABASE_URL];
  if (!url) {
    throw new Error(`${WORKER_DATABASE_URL} is not set: HTTP workers are started by xieshou start`);
  }
  // The primary has migrated before forking: a worker neither takes the migration lock nor reads the migrations.
  const store = await openStore({ ...config, databaseUrl: url }, { skipMigrations: true });
  const http = await serveHttp(config, store, logger);
  return {
    async close() {
      await http.close();
      await store.close();
    },
  };
}

async function seedDemoWithProgress(store: Store, config: Config, print: (line: string) => void) {
  let lastShown = 0;
  return seedDemo(store.db, {
    count: config.demo.enterprises,
    onProgress: (_phase, done, total) => {
      if (done - lastShown >= 20_000 || done === total) {
        lastShown = done;
        print(`  loading demo data: ${done}/${total} enterprises`);
      }
    },
  });
}
