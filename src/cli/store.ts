import { loadConfig } from '../server/config.js';
import { openStore, type Store } from '../server/db/store.js';

/**
 * Run an operator command in-process against the store: the running server's embedded
 * PostgreSQL when there is one, else an embedded server started for the command (and stopped
 * after), or `DATABASE_URL`.
 */
export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = await openStore(config, { attach: true });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
