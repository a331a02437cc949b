/**
 * The database side of the supply graph holder. The bulk load reads `supply_edges` alone (no join,
 * no sort) as a binary `COPY … TO STDOUT`, in two id ranges over two connections at once, parsed
 * straight into typed arrays with product names interned by the hash of their bytes; suppliers'
 * regions come from a binary COPY of enterprise regions into an array indexed by id. Row objects
 * through `pg` took ~13 s per million edges here, this ~2.5 s under load (docs/PERFORMANCE.md).
 * Incremental reads (a few ids after a commit) use an ordinary query.
 */
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { to as copyTo } from 'pg-copy-streams';
import { poolOf, type Db } from '../../db/database.js';
import { SupplyGraphHolder, type ChangeSubscriber, type EdgeBatch, type SupplyEdgeSource } from './graph/holder.js';

/** Rows per batch handed to the holder. */
const BATCH_ROWS = 65_536;

const SELECT_EDGES = `
  SELECT e.id, e.supplier_id, e.off_platform_supplier_id, e.customer_id, e.product, e.share,
         e.is_private, e.owner_org_id, e.region_code, s.region_code AS supplier_region, o.country_code
  FROM supply_edges e
  LEFT JOIN enterprises s ON s.id = e.supplier_id
  LEFT JOIN off_platform_suppliers o ON o.id = e.off_platform_supplier_id`;

function emptyBatch(size: number): EdgeBatch {
  return {
    count: 0,
    id: new Float64Array(size),
    supplierId: new Float64Array(size),
    offPlatformId: new Float64Array(size),
    customerId: new Float64Array(size),
    share: new Float32Array(size),
    isPrivate: new Uint8Array(size),
    ownerOrgId: new Float64Array(size),
    regionCode: new Int32Array(size),
    supplierRegion: new Int32Array(size),
    supplierCountry: new Array<string>(size),
    product: new Array<string>(size),
  };
}

/**
 * Bulk columns, in this order: the edge table alone (no join, no sort: the holder needs neither),
 * as a binary COPY. Binary costs PostgreSQL no number formatting (float4out is the dearest part
 * of a text COPY of this table) and costs us no digit parsing: ids are 8 big-endian bytes.
 */
function copyEdges(where: string): string {
  return `COPY (SELECT id, supplier_id, off_platform_supplier_id, customer_id, product, share, is_private, owner_org_id, region_code FROM supply_edges WHERE ${where}) TO STDOUT (FORMAT binary)`;
}

/** Below this many ids the edges are read in one COPY (a second connection is not worth it). */
const PARALLEL_MIN_ID = 100_000;
const COPY_REGIONS = 'COPY (SELECT id, region_code FROM enterprises) TO STDOUT (FORMAT binary)';

/** Stream a COPY query, handing the bytes received in large pieces to `parse`, which returns how many it consumed. */
async function streamCopy(db: Db, query: string, parse: (buffer: Buffer) => number): Promise<void> {
  const pool = poolOf(db);
  if (!pool) {
    throw new Error('supplyEdgeSource needs a Db opened by openDb');
  }
  const client = await pool.connect();
  try {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = () => {
      if (pendingBytes === 0) return;
      const buffer = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
      const used = parse(buffer);
      pending = used < buffer.length ? [buffer.subarray(used)] : [];
      pendingBytes = buffer.length - used;
    };
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        // Parse in pieces of ~1 MB: one concat per piece instead of work per 16 KB chunk.
        if (pendingBytes >= 1 << 20) flush();
        done();
      },
    });
    await pipeline(client.query(copyTo(query)), sink);
    flush();
    if (pendingBytes > 0) {
      throw new Error(`COPY ended inside a row (${pendingBytes} bytes left)`);
    }
  } finally {
    client.release();
  }
}

/** Big-endian int32 at `p` (no bounds check: callers check the tuple is complete). */
function int32(b: Buffer, p: number): number {
  return (b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3];
}

/** Big-endian int8 (bigint column) at `p` as a number: ids stay far below 2^53. */
function int64(b: Buffer, p: number): number {
  return int32(b, p) * 4294967296 + (int32(b, p + 4) >>> 0);
}

/** Decimal digits of a text field (region codes) as a number. */
function digits(b: Buffer, start: number, end: number): number {
  let value = 0;
  for (let p = start; p < end; p++) value = value * 10 + (b[p] - 48);
  return value;
}

/** Binary COPY header: 11 bytes of signature, 4 of flags, 4 of extension length (+ extension). */
const BINARY_HEADER = 19;

/**
 * A parser of binary COPY output for {@link streamCopy}: calls `onTuple(buffer, p)` for each
 * complete tuple, `p` at its first field's length word, and leaves an incomplete tail unconsumed.
 */
function binaryTuples(onTuple: (b: Buffer, p: number) => void): (buffer: Buffer) => number {
  let isHeaderRead = false;
  return (b) => {
    let pos = 0;
    if (!isHeaderRead) {
      if (b.length < BINARY_HEADER || b.length < BINARY_HEADER + int32(b, 15)) return 0;
      pos = BINARY_HEADER + int32(b, 15);
      isHeaderRead = true;
    }
    while (pos + 2 <= b.length) {
      const fields = (b[pos] << 8) | b[pos + 1];
      if (fields === 0xffff) return pos + 2; // trailer
      let q = pos + 2;
      let k = 0;
      for (; k < fields && q + 4 <= b.length; k++) {
        const length = int32(b, q);
        q += 4 + (length > 0 ? length : 0);
      }
      if (k < fields || q > b.length) break;
      onTuple(b, pos + 2);
      pos = q;
    }
    return pos;
  };
}

/** Interned strings by the FNV-1a hash of their UTF-8 bytes. */
type InternTable = Map<number, Array<{ bytes: Buffer; value: string }>>;

/**
 * The text of bytes `[start, end)` as an interned string: a repeated value (products repeat
 * across millions of edges) costs a hash and a byte compare, no new string.
 */
function intern(table: InternTable, b: Buffer, start: number, end: number): string {
  let hash = 2166136261;
  for (let p = start; p < end; p++) hash = Math.imul(hash ^ b[p], 16777619);
  const chain = table.get(hash);
  if (chain) {
    for (const entry of chain) {
      // A byte loop: product names are short, and Buffer#compare costs more in call overhead.
      const bytes = entry.bytes;
      let k = bytes.length === end - start ? 0 : -1;
      while (k >= 0 && k < bytes.length && bytes[k] === b[start + k]) k++;
      if (k === bytes.length) return entry.value;
    }
  }
  const value = b.toString('utf8', start, end);
  const entry = { bytes: Buffer.from(b.subarray(start, end)), value };
  if (chain) chain.push(entry);
  else table.set(hash, [entry]);
  return value;
}

/** Parse one tuple of {@link copyEdges} at `p` into the next batch row; region and country of suppliers from the node tables. */
function parseEdgeTuple(b: Buffer, p: number, batch: EdgeBatch, nodes: { regionOf(id: number): number; countryOf(id: number): string }, products: InternTable): void {
  const r = batch.count++;
  batch.id[r] = int64(b, p + 4);
  p += 12;
  const supplier = int32(b, p) < 0 ? Number.NaN : int64(b, p + 4);
  p += Number.isNaN(supplier) ? 4 : 12;
  batch.supplierId[r] = supplier;
  const off = int32(b, p) < 0 ? Number.NaN : int64(b, p + 4);
  p += Number.isNaN(off) ? 4 : 12;
  batch.offPlatformId[r] = off;
  batch.customerId[r] = int64(b, p + 4);
  p += 12;
  const productLength = int32(b, p);
  batch.product[r] = intern(products, b, p + 4, p + 4 + productLength);
  p += 4 + productLength;
  if (int32(b, p) < 0) {
    batch.share[r] = Number.NaN;
    p += 4;
  } else {
    batch.share[r] = b.readFloatBE(p + 4);
    p += 8;
  }
  batch.isPrivate[r] = b[p + 4];
  p += 5;
  if (int32(b, p) < 0) {
    batch.ownerOrgId[r] = 0;
    p += 4;
  } else {
    batch.ownerOrgId[r] = int64(b, p + 4);
    p += 12;
  }
  batch.regionCode[r] = digits(b, p + 4, p + 4 + int32(b, p));
  batch.supplierRegion[r] = Number.isNaN(supplier) ? 0 : nodes.regionOf(supplier);
  batch.supplierCountry[r] = Number.isNaN(supplier) ? nodes.countryOf(off) : 'CN';
}

/** A row of {@link SELECT_EDGES} read through pg (int8 arrives as text). */
interface EdgeRow {
  id: string;
  supplier_id: string | null;
  off_platform_supplier_id: string | null;
  customer_id: string;
  product: string;
  share: number | null;
  is_private: boolean;
  owner_org_id: string | null;
  region_code: string;
  supplier_region: string | null;
  country_code: string | null;
}

function pushRow(batch: EdgeBatch, row: EdgeRow): void {
  const r = batch.count++;
  batch.id[r] = Number(row.id);
  batch.supplierId[r] = row.supplier_id === null ? Number.NaN : Number(row.supplier_id);
  batch.offPlatformId[r] = row.off_platform_supplier_id === null ? Number.NaN : Number(row.off_platform_supplier_id);
  batch.customerId[r] = Number(row.customer_id);
  batch.product[r] = row.product;
  batch.share[r] = row.share ?? Number.NaN;
  batch.isPrivate[r] = row.is_private ? 1 : 0;
  batch.ownerOrgId[r] = row.owner_org_id === null ? 0 : Number(row.owner_org_id);
  batch.regionCode[r] = Number(row.region_code);
  batch.supplierRegion[r] = row.supplier_region === null ? 0 : Number(row.supplier_region);
  batch.supplierCountry[r] = row.country_code ?? 'CN';
}

/** A {@link SupplyEdgeSource} over the database; `parallelMinId` is lowered by tests to take the two-range path on small data. */
export function supplyEdgeSource(db: Db, { parallelMinId = PARALLEL_MIN_ID }: { parallelMinId?: number } = {}): SupplyEdgeSource {
  return {
    async loadAll(onBatch, onSize) {
      // Region of every enterprise and country of every off-platform supplier, by id (dense
      // arrays: ids are a bigserial), so that the edge scan needs no join and no sort.
      const maxId = Number((await sql<{ n: string | null }>`SELECT max(id)::text AS n FROM enterprises`.execute(db)).rows[0].n ?? 0);
      const regions = new Int32Array(maxId + 1);
      await streamCopy(db, COPY_REGIONS, binaryTuples((b, p) => {
        const id = int64(b, p + 4);
        if (id <= maxId) regions[id] = digits(b, p + 16, p + 16 + int32(b, p + 12));
      }));
      const countries = new Map((await db.selectFrom('off_platform_suppliers').select(['id', 'country_code']).execute()).map((r) => [Number(r.id), r.country_code]));
      const nodes = { regionOf: (id: number) => (id <= maxId ? regions[id] : 0), countryOf: (id: number) => countries.get(id) ?? 'CN' };
      const estimate = await sql<{ n: string }>`SELECT greatest(reltuples, 0)::bigint::text AS n FROM pg_class WHERE relname = 'supply_edges'`.execute(db);
      onSize?.(Math.ceil(Number(estimate.rows[0]?.n ?? 0) * 1.02));
      const products: InternTable = new Map();
      // Two id ranges read over two connections at once: one PostgreSQL backend sending rows
      // left this process idle half the time. Each range has its own batch, reused: the holder
      // copies a batch before the next is filled.
      const bounds = await sql<{ lo: string | null; hi: string | null }>`SELECT min(id)::text AS lo, max(id)::text AS hi FROM supply_edges`.execute(db);
      const middle = Math.floor((Number(bounds.rows[0].lo ?? 0) + Number(bounds.rows[0].hi ?? 0)) / 2) + 1;
      const ranges = middle > parallelMinId ? [`id < ${middle}`, `id >= ${middle}`] : ['true'];
      await Promise.all(ranges.map(async (range) => {
        const batch = emptyBatch(BATCH_ROWS);
        await streamCopy(db, copyEdges(range), binaryTuples((b, p) => {
          if (batch.count === BATCH_ROWS) {
            onBatch(batch);
            batch.count = 0;
          }
          parseEdgeTuple(b, p, batch, nodes, products);
        }));
        if (batch.count > 0) {
          onBatch(batch);
        }
      }));
    },
    async loadByIds(ids) {
      const numeric = ids.filter((id) => /^\d{1,18}$/.test(id));
      const batch = emptyBatch(numeric.length);
      if (numeric.length === 0) {
        return batch;
      }
      const rows = await sql<EdgeRow>`${sql.raw(SELECT_EDGES)} WHERE e.id = ANY(${numeric}::bigint[]) ORDER BY e.id`.execute(db);
      for (const row of rows.rows) {
        pushRow(batch, row);
      }
      return batch;
    },
  };
}

/**
 * The app's supply graph holder over `db`, following `feed` when there is one. Nothing is read
 * until the first `snapshot()` call, so startup stays fast.
 */
export function createSupplyGraph(db: Db, feed?: ChangeSubscriber, options?: { parallelMinId?: number }): SupplyGraphHolder {
  const holder = new SupplyGraphHolder(supplyEdgeSource(db, options));
  if (feed) {
    holder.follow(feed);
  }
  return holder;
}
