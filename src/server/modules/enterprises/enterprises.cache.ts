import type { Db } from '../../db/database.js';
import type { EnterpriseRecord, FinancialRecord } from './enterprises.repo.js';

/** What the detail read returns: the row and its yearly figures. */
export type CachedEnterprise = EnterpriseRecord & { financials: FinancialRecord[] };

/** Most enterprises kept per database handle (~1–2 KB each). */
export const ENTERPRISE_CACHE_MAX = 50_000;

/**
 * Read-through cache of enterprise detail rows, one per database handle (so that tests with
 * their own databases never share entries). Entries are evicted after every committed write
 * of this process and by the change feed for writes of other processes.
 *
 * A per-key generation guards the race where a read that began before a write finishes after
 * the write's eviction: such a read does not refill the cache with the old row.
 */
export class EnterpriseCache {
  private readonly entries = new Map<string, CachedEnterprise>();
  private readonly generations = new Map<string, number>();
  private epoch = 0;

  constructor(private readonly max = ENTERPRISE_CACHE_MAX) {}

  get(uscc: string): CachedEnterprise | undefined {
    const entry = this.entries.get(uscc);
    if (entry) {
      // Refresh recency: Map keeps insertion order, the oldest is evicted first.
      this.entries.delete(uscc);
      this.entries.set(uscc, entry);
    }
    return entry;
  }

  /** A token to pass to {@link set}: the key's generation when the read began. */
  begin(uscc: string): number {
    return (this.generations.get(uscc) ?? 0) + this.epoch * 1e9;
  }

  set(uscc: string, value: CachedEnterprise, token: number): void {
    if (token !== this.begin(uscc)) {
      return; // a write happened while we read
    }
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(uscc, value);
  }

  evict(usccs: Iterable<string>): void {
    for (const uscc of usccs) {
      this.entries.delete(uscc);
      this.generations.set(uscc, (this.generations.get(uscc) ?? 0) + 1);
      if (this.generations.size > this.max * 4) {
        // Bound the generation map: a new epoch invalidates every token handed out before.
        this.generations.clear();
        this.epoch += 1;
        this.entries.clear();
      }
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

const caches = new WeakMap<Db, EnterpriseCache>();

/** The cache of a database handle (created on first use). */
export function enterpriseCacheOf(db: Db): EnterpriseCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new EnterpriseCache();
    caches.set(db, cache);
  }
  return cache;
}
