/**
 * The process-wide supply graph: every supply edge in memory as CSR arrays ({@link SupplyGraph})
 * plus per-edge and per-node attributes, built from the database on first use and kept current
 * from committed writes. No I/O here: the chains module hands in a {@link SupplyEdgeSource}
 * (supply.repo.ts reads the database with COPY).
 *
 * How to use it (early warning, weak links, benchmarks):
 *
 * ```ts
 * const snap = await ctx.supplyGraph.snapshot();     // loads on first call, rebuilds after changes
 * const v = snap.nodeOfEnterprise('42');            // enterprise id → node, undefined if it has no edge
 * for (let i = snap.graph.outOffsets[v]; i < snap.graph.outOffsets[v + 1]; i++) {
 *   const customer = snap.graph.outTargets[i];      // node
 *   const e = snap.graph.outEdge[i];                // edge index into the per-edge arrays
 *   if (!isEdgeVisible(snap, e, viewer)) continue;  // private edges: see supply.policy.ts
 *   snap.graph.outShares[i];                        // share of the customer's need, NaN = unknown
 *   snap.products[snap.edgeProduct[e]];             // product name
 * }
 * ```
 *
 * - Nodes are enterprises and off-platform suppliers that have at least one edge. A node index
 *   never changes during the life of the holder (new nodes are appended), so indexes taken from
 *   one snapshot stay meaningful in later ones; `n` only grows.
 * - A snapshot is immutable: later writes build a new one, so a long computation never sees
 *   arrays change under it. Edge indexes are per snapshot (use `edgeId` to name an edge).
 * - Freshness: the service calls {@link SupplyGraphHolder.refreshEdges} right after each commit,
 *   and {@link SupplyGraphHolder.follow} applies `change_log` rows (entity type `supply_edge`,
 *   key = edge id) of other nodes and CLI commands. Both are idempotent.
 */
import { buildCsr, type SupplyGraph } from './csr.js';

/** Attributes of the nodes, indexed by node. */
export interface NodeAttributes {
  /** Enterprise id of the node; NaN for an off-platform supplier. */
  readonly nodeEnterpriseId: Float64Array;
  /** Off-platform supplier id of the node; NaN for an enterprise. */
  readonly nodeOffPlatformId: Float64Array;
  /** GB/T 2260 code of an enterprise node as a number (320505); 0 for off-platform suppliers. */
  readonly nodeRegion: Int32Array;
  /** ISO 3166-1 alpha-2 country of the node ('CN' for enterprises on the platform). */
  readonly nodeCountry: readonly string[];
}

/** One immutable state of the graph. Per-edge arrays are indexed by the CSR's edge index. */
export interface SupplyGraphSnapshot extends NodeAttributes {
  readonly graph: SupplyGraph;
  /** Database id of each edge. */
  readonly edgeId: Float64Array;
  /** 1 when the edge belongs to a private supplier list. */
  readonly edgeIsPrivate: Uint8Array;
  /** Organisation that uploaded the edge (owner of a private list); 0 when none. */
  readonly edgeOwnerOrgId: Float64Array;
  /** Region of the customer (and of the edge's owner) as a number, e.g. 320505. */
  readonly edgeRegion: Int32Array;
  /** Index into {@link products}. */
  readonly edgeProduct: Int32Array;
  readonly products: readonly string[];
  /** Node of an enterprise id, undefined when the enterprise has no supply edge. */
  nodeOfEnterprise(enterpriseId: string | number): number | undefined;
  /** Node of an off-platform supplier id. */
  nodeOfOffPlatform(offPlatformId: string | number): number | undefined;
}

/** A batch of edge rows as parallel arrays (what a source yields while loading). */
export interface EdgeBatch {
  count: number;
  id: Float64Array;
  /** Supplier enterprise id, NaN for an off-platform supplier. */
  supplierId: Float64Array;
  /** Off-platform supplier id, NaN for an enterprise supplier. */
  offPlatformId: Float64Array;
  customerId: Float64Array;
  /** NaN when unknown. */
  share: Float32Array;
  isPrivate: Uint8Array;
  /** 0 when none. */
  ownerOrgId: Float64Array;
  /** Customer region as a number. */
  regionCode: Int32Array;
  /** Supplier's region as a number (0 for off-platform). */
  supplierRegion: Int32Array;
  /** Supplier's country ('CN' for enterprises). */
  supplierCountry: string[];
  product: string[];
}

/** Where the holder reads edges from (implemented over the database by the chains module). */
export interface SupplyEdgeSource {
  /**
   * Every edge, in batches (any order); `onSize` first, with the number of edges expected (for
   * sizing arrays once). `onBatch` copies what it needs before returning, so a source may reuse
   * the batch object.
   */
  loadAll(onBatch: (batch: EdgeBatch) => void, onSize?: (expected: number) => void): Promise<void>;
  /** The current rows of these edge ids (missing ids were deleted). */
  loadByIds(ids: readonly string[]): Promise<EdgeBatch>;
}

/** Something with `subscribe(entityType, listener)`, like `ChangeFeed`. */
export interface ChangeSubscriber {
  subscribe(entityType: string, listener: (changes: { entityKey: string }[]) => void): () => void;
}

/** The change_log entity type of supply edges. */
export const SUPPLY_EDGE_ENTITY = 'supply_edge';

/** Growable typed array helpers. */
function grow<T extends Float64Array | Float32Array | Int32Array | Uint8Array>(array: T, size: number): T {
  if (size <= array.length) {
    return array;
  }
  const next = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2, 1024));
  next.set(array);
  return next;
}

/**
 * Database id → dense index (edge id → store slot, enterprise id → node). Ids are bigserials, so
 * they are dense: a typed array indexed by id (4 bytes per id, O(1), no per-entry object) holds
 * them; an id far beyond the count (a sparse outlier) goes to a Map.
 */
class SlotIndex {
  private dense = new Int32Array(0).fill(-1);
  private readonly sparse = new Map<number, number>();

  get(id: number): number | undefined {
    if (id < this.dense.length) {
      const slot = this.dense[id];
      return slot >= 0 ? slot : undefined;
    }
    return this.sparse.get(id);
  }

  set(id: number, slot: number, liveCount: number): void {
    if (id >= this.dense.length && Number.isInteger(id) && id < Math.max(4 * liveCount, 1 << 20)) {
      const next = new Int32Array(Math.max(id + 1, Math.min(this.dense.length * 2, 4 * liveCount + 1024))).fill(-1);
      next.set(this.dense);
      this.dense = next;
    }
    if (id < this.dense.length) this.dense[id] = slot;
    else this.sparse.set(id, slot);
  }

  delete(id: number): void {
    if (id < this.dense.length) this.dense[id] = -1;
    else this.sparse.delete(id);
  }
}

/** Append-only edge store with tombstones; compacted (into fresh arrays) when a snapshot is built after deletes. */
class EdgeStore {
  size = 0;
  live = 0;
  id = new Float64Array(0);
  from = new Int32Array(0);
  to = new Int32Array(0);
  share = new Float32Array(0);
  isPrivate = new Uint8Array(0);
  ownerOrgId = new Float64Array(0);
  region = new Int32Array(0);
  product = new Int32Array(0);
  isDead = new Uint8Array(0);
  slots = new SlotIndex();

  reserve(size: number): void {
    this.id = grow(this.id, size);
    this.from = grow(this.from, size);
    this.to = grow(this.to, size);
    this.share = grow(this.share, size);
    this.isPrivate = grow(this.isPrivate, size);
    this.ownerOrgId = grow(this.ownerOrgId, size);
    this.region = grow(this.region, size);
    this.product = grow(this.product, size);
    this.isDead = grow(this.isDead, size);
  }

  slotOf(id: number): number | undefined {
    return this.slots.get(id);
  }

  kill(slot: number): void {
    if (!this.isDead[slot]) {
      this.isDead[slot] = 1;
      this.live--;
      this.slots.delete(this.id[slot]);
    }
  }

  /** Drop tombstones, keeping order. */
  compact(): void {
    const keep = new Int32Array(this.live);
    let w = 0;
    for (let s = 0; s < this.size; s++) {
      if (!this.isDead[s]) keep[w++] = s;
    }
    // Fresh arrays: the previous snapshot keeps its views of the old ones.
    const pick = <T extends Float64Array | Float32Array | Int32Array | Uint8Array>(array: T): T => {
      const next = new (array.constructor as new (n: number) => T)(Math.max(w, 1024));
      for (let i = 0; i < w; i++) next[i] = array[keep[i]];
      return next;
    };
    this.id = pick(this.id);
    this.from = pick(this.from);
    this.to = pick(this.to);
    this.share = pick(this.share);
    this.isPrivate = pick(this.isPrivate);
    this.ownerOrgId = pick(this.ownerOrgId);
    this.region = pick(this.region);
    this.product = pick(this.product);
    this.isDead = new Uint8Array(this.id.length);
    this.size = w;
    this.live = w;
    for (let s = 0; s < w; s++) this.slots.set(this.id[s], s, w);
  }
}

/**
 * Holds the current {@link SupplyGraphSnapshot} of one database. Create one per app
 * (`ctx.supplyGraph`); all methods are safe to call concurrently (they run one at a time).
 */
export class SupplyGraphHolder {
  private readonly store = new EdgeStore();
  private readonly nodeByEnterprise = new SlotIndex();
  private readonly nodeByOffPlatform = new SlotIndex();
  private nodeCount = 0;
  private nodeEnterpriseId = new Float64Array(0);
  private nodeOffPlatformId = new Float64Array(0);
  private nodeRegion = new Int32Array(0);
  private readonly nodeCountry: string[] = [];
  private readonly productIndex = new Map<string, number>();
  private readonly products: string[] = [];
  private current: SupplyGraphSnapshot | undefined;
  private isLoaded = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly source: SupplyEdgeSource) {}

  /** The current snapshot: loads everything on the first call, rebuilds the CSR after changes. */
  snapshot(): Promise<SupplyGraphSnapshot> {
    return this.serial(async () => {
      if (!this.isLoaded) {
        await this.source.loadAll((batch) => this.append(batch), (expected) => this.store.reserve(expected));
        this.isLoaded = true;
      }
      if (!this.current) {
        this.current = this.build();
      }
      return this.current;
    });
  }

  /** True once the first snapshot has been loaded (nothing is read before that). */
  get hasLoaded(): boolean {
    return this.isLoaded;
  }

  /**
   * Re-read these edges and apply them (insert, update or delete). Call after committing writes
   * of supply edges; a holder that has not loaded yet ignores it (its load will read them).
   */
  refreshEdges(ids: readonly string[]): Promise<void> {
    return this.serial(async () => {
      if (!this.isLoaded || ids.length === 0) {
        return;
      }
      const rows = await this.source.loadByIds(ids);
      for (const id of ids) {
        const slot = this.store.slotOf(Number(id));
        if (slot !== undefined) this.store.kill(slot);
      }
      this.append(rows);
      this.current = undefined;
    });
  }

  /** Follow `supply_edge` rows of the change feed. Returns the unsubscribe function. */
  follow(feed: ChangeSubscriber): () => void {
    return feed.subscribe(SUPPLY_EDGE_ENTITY, (changes) => {
      void this.refreshEdges(changes.map((c) => c.entityKey)).catch(() => {
        // The next change or restart reloads; a failed read must not crash the feed.
      });
    });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private nodeFor(index: SlotIndex, key: number, isEnterprise: boolean, region: number, country: string): number {
    let v = index.get(key);
    if (v === undefined) {
      v = this.nodeCount++;
      index.set(key, v, this.nodeCount);
      this.nodeEnterpriseId = grow(this.nodeEnterpriseId, this.nodeCount);
      this.nodeOffPlatformId = grow(this.nodeOffPlatformId, this.nodeCount);
      this.nodeRegion = grow(this.nodeRegion, this.nodeCount);
      this.nodeEnterpriseId[v] = isEnterprise ? key : Number.NaN;
      this.nodeOffPlatformId[v] = isEnterprise ? Number.NaN : key;
      this.nodeRegion[v] = region;
      this.nodeCountry[v] = country;
    }
    return v;
  }

  private append(batch: EdgeBatch): void {
    const store = this.store;
    store.reserve(store.size + batch.count);
    for (let r = 0; r < batch.count; r++) {
      const supplierId = batch.supplierId[r];
      const from = Number.isNaN(supplierId)
        ? this.nodeFor(this.nodeByOffPlatform, batch.offPlatformId[r], false, 0, batch.supplierCountry[r])
        : this.nodeFor(this.nodeByEnterprise, supplierId, true, batch.supplierRegion[r], 'CN');
      const to = this.nodeFor(this.nodeByEnterprise, batch.customerId[r], true, batch.regionCode[r], 'CN');
      const name = batch.product[r];
      let product = this.productIndex.get(name);
      if (product === undefined) {
        product = this.products.length;
        this.products.push(name);
        this.productIndex.set(name, product);
      }
      const s = store.size++;
      store.id[s] = batch.id[r];
      store.from[s] = from;
      store.to[s] = to;
      store.share[s] = batch.share[r];
      store.isPrivate[s] = batch.isPrivate[r];
      store.ownerOrgId[s] = batch.ownerOrgId[r];
      store.region[s] = batch.regionCode[r];
      store.product[s] = product;
      store.isDead[s] = 0;
      store.live++;
      // Sized by the reserved capacity, not the live count: a source may send ids out of order
      // (the database source reads two id ranges at once), and an early high id must still go dense.
      store.slots.set(batch.id[r], s, Math.max(store.live, store.id.length));
    }
  }

  private build(): SupplyGraphSnapshot {
    const store = this.store;
    if (store.live !== store.size) {
      store.compact();
    }
    const m = store.size;
    const n = this.nodeCount;
    const graph = buildCsr(n, { from: store.from, to: store.to, share: store.share }, m);
    const nodeByEnterprise = this.nodeByEnterprise;
    const nodeByOffPlatform = this.nodeByOffPlatform;
    return {
      graph,
      edgeId: store.id.subarray(0, m),
      edgeIsPrivate: store.isPrivate.subarray(0, m),
      edgeOwnerOrgId: store.ownerOrgId.subarray(0, m),
      edgeRegion: store.region.subarray(0, m),
      edgeProduct: store.product.subarray(0, m),
      products: this.products.slice(),
      nodeEnterpriseId: this.nodeEnterpriseId.subarray(0, n),
      nodeOffPlatformId: this.nodeOffPlatformId.subarray(0, n),
      nodeRegion: this.nodeRegion.subarray(0, n),
      nodeCountry: this.nodeCountry.slice(0, n),
      // Nodes are append-only, so the live maps answer correctly for any index < n.
      nodeOfEnterprise: (id) => {
        const v = nodeByEnterprise.get(Number(id));
        return v !== undefined && v < n ? v : undefined;
      },
      nodeOfOffPlatform: (id) => {
        const v = nodeByOffPlatform.get(Number(id));
        return v !== undefined && v < n ? v : undefined;
      },
    };
  }
}
