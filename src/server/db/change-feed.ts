import { sql } from 'kysely';
import type { Db } from './database.js';

/** One change as recorded in `change_log`. */
export interface Change {
  id: string;
  entityType: string;
  entityKey: string;
  op: string;
}

type Listener = (changes: Change[]) => void;

/**
 * Tails `change_log` by id so that this node's in-memory state (caches, engines) follows writes
 * made by other nodes and by CLI commands. Writes made in this process notify their caches
 * directly after commit; the feed is the safety net and the multi-node path.
 */
export class ChangeFeed {
  private lastId: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Map<string, Set<Listener>>();
  private isPolling = false;

  constructor(private readonly db: Db, private readonly intervalMs = 500) {}

  /** Listen to changes of one entity type (e.g. `enterprise`). Returns an unsubscribe function. */
  subscribe(entityType: string, listener: Listener): () => void {
    const set = this.listeners.get(entityType) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(entityType, set);
    return () => set.delete(listener);
  }

  /** Start from the current end of the log and poll. */
  async start(): Promise<void> {
    const row = await sql<{ id: string | null }>`select max(id)::text as id from change_log`.execute(this.db);
    this.lastId = row.rows[0]?.id ?? '0';
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Read and dispatch everything after the last seen id (also callable directly, e.g. in tests). */
  async poll(): Promise<number> {
    if (this.isPolling || this.lastId === undefined) {
      return 0;
    }
    this.isPolling = true;
    let seen = 0;
    try {
      for (;;) {
        const rows = await this.db
          .selectFrom('change_log')
          .select(['id', 'entity_type', 'entity_key', 'op'])
          .where('id', '>', this.lastId)
          .orderBy('id')
          .limit(5000)
          .execute();
        if (rows.length === 0) break;
        this.lastId = rows[rows.length - 1].id;
        seen += rows.length;
        const byType = new Map<string, Change[]>();
        for (const r of rows) {
          const list = byType.get(r.entity_type) ?? [];
          list.push({ id: r.id, entityType: r.entity_type, entityKey: r.entity_key, op: r.op });
          byType.set(r.entity_type, list);
        }
        for (const [type, changes] of byType) {
          this.listeners.get(type)?.forEach((listener) => listener(changes));
        }
        if (rows.length < 5000) break;
      }
    } catch {
      // The database may be restarting; the next tick retries from the same id.
    } finally {
      this.isPolling = false;
    }
    return seen;
  }
}
