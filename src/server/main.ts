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

/**
 * Start the platform: open (and migrate) the store, make sure `admin` exists, load the demo
 * data on first run, listen, and print the URL and log-ins.
 */
export async function startServer(config: Config, print: (line: string) => void = console.log): Promise<RunningServer> {
  const logger = pino({ level: config.logLevel });
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
  const feed = new ChangeFeed(store.db);
  followEnterpriseChanges(feed, store.db);
  await feed.start();
  const app = await buildApp({ config, db: store.db, logger, feed });
  await app.listen({ port: config.http.port, host: config.http.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const url = `http://${config.http.host}:${port}`;
  const purge = setInterval(() => void purgeExpiredSessions(store.db).catch(() => {}), 3600_000);
  purge.unref();
  // Notification digests, hourly; an advisory lock lets one node of several build each period.
  const stopDigests = startDigestTimer(store.db, (run) => (run instanceof Error ? logger.error({ err: run }, 'digest build failed') : run.written > 0 && logger.info(run, 'notification digests built')));

  print('');
  print(`携手 xieshou is running at ${url}  (API docs: ${url}/api/docs)`);
  print(`  database: ${store.mode === 'external' ? 'external PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${config.dataDir}`}`);
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

  let isClosing = false;
  return {
    app,
    store,
    url,
    async close() {
      if (isClosing) return;
      isClosing = true;
      clearInterval(purge);
      stopDigests();
      feed.stop();
      await app.close();
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
