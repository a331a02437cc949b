/**
 * The database side of the supply graph holder. The bulk load reads `supply_edges` alone with
 * `COPY … TO STDOUT` (no join, no sort) and parses the text format byte by byte into typed arrays,
 * with product names interned by the hash of their bytes; suppliers' regions come from a second
 * COPY of enterprise regions into an array indexed by id. Row objects through `pg` took ~13 s per
 * million edges here, this takes ~2.5 s (docs/PERFORMANCE.md). Incremental reads (a few ids after
 * a commit) use an ordinary query.
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

/** Bulk columns, in this order: the edge table alone (no join, no sort: the holder needs neither). */
const COPY_EDGES = 'COPY (SELECT id, supplier_id, off_platform_supplier_id, customer_id, product, share, is_private, owner_org_id, region_code FROM supply_edges) TO STDOUT';

const TAB = 9;
const NEWLINE = 10;
const BACKSLASH = 92;

/** Stream a COPY query, handing complete lines to `onLines(buffer, start, end)` in large pieces. */
async function streamCopy(db: Db, query: string, onLines: (buffer: Buffer, start: number, end: number) => void): Promise<void> {
  const pool = poolOf(db);
  if (!pool) {
    throw new Error('supplyEdgeSource needs a Db opened by openDb');
  }
  const client = await pool.connect();
  try {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = (isLast: boolean) => {
      if (pendingBytes === 0) return;
      const buffer = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
      const end = isLast ? buffer.length : buffer.lastIndexOf(NEWLINE) + 1;
      onLines(buffer, 0, end);
      pending = end < buffer.length ? [buffer.subarray(end)] : [];
      pendingBytes = buffer.length - end;
    };
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        // Parse in pieces of ~1 MB: one concat per piece instead of work per 16 KB chunk.
        if (pendingBytes >= 1 << 20) flush(false);
        done();
      },
    });
    await pipeline(client.query(copyTo(query)), sink);
    flush(true);
  } finally {
    client.release();
  }
}

/** Cursor over COPY text fields in a buffer: integers, floats and text without allocating per field. */
class FieldReader {
  pos = 0;
  constructor(private readonly buffer: Buffer) {}

  /** True when the field at the cursor is `\N` (and skips it with its tab). */
  isNull(): boolean {
    if (this.buffer[this.pos] === BACKSLASH && this.buffer[this.pos + 1] === 78) {
      this.pos += 3;
      return true;
    }
    return false;
  }

  /** A non-negative integer field (ids, region codes); NaN for `\N`. */
  int(): number {
    if (this.isNull()) return Number.NaN;
    const b = this.buffer;
    let value = 0;
    let c = b[this.pos];
    while (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      c = b[++this.pos];
    }
    this.pos++; // tab or newline
    return value;
  }

  /** The raw text of a field, cursor moved past it. */
  text(): string {
    const b = this.buffer;
    const start = this.pos;
    let hasEscape = false;
    let c = b[this.pos];
    while (c !== TAB && c !== NEWLINE && this.pos < b.length) {
      if (c === BACKSLASH) hasEscape = true;
      c = b[++this.pos];
    }
    const raw = b.toString('utf8', start, this.pos);
    this.pos++;
    return hasEscape ? raw.replace(/\\(.)/g, (_m, ch: string) => UNESCAPES[ch] ?? ch) : raw;
  }

  /** A `real` field (`0.35`, `1`, `1e-05`); NaN for `\N`. */
  float(): number {
    if (this.isNull()) return Number.NaN;
    const b = this.buffer;
    const start = this.pos;
    let value = 0;
    let scale = 0;
    let c = b[this.pos];
    for (; (c >= 48 && c <= 57) || c === 46; c = b[++this.pos]) {
      if (c === 46) {
        scale = 1;
      } else {
        value = value * 10 + (c - 48);
        if (scale > 0) scale *= 10;
      }
    }
    if (c !== TAB && c !== NEWLINE) {
      // Exponent or sign: rare, let Number parse it.
      this.pos = start;
      return Number(this.text());
    }
    this.pos++;
    return scale > 0 ? value / scale : value;
  }

  /**
   * A text field as an interned string: the bytes are hashed and looked up, so a repeated value
   * (products repeat across millions of edges) costs no new string.
   */
  internedText(table: Map<number, Array<{ bytes: Buffer; value: string }>>): string {
    const b = this.buffer;
    const start = this.pos;
    let hash = 2166136261;
    let c = b[this.pos];
    while (c !== TAB && c !== NEWLINE && this.pos < b.length) {
      hash = Math.imul(hash ^ c, 16777619);
      c = b[++this.pos];
    }
    const end = this.pos;
    const chain = table.get(hash);
    if (chain) {
      for (const entry of chain) {
        // A byte loop: product names are short, and Buffer#compare costs more in call overhead.
        const bytes = entry.bytes;
        let k = bytes.length === end - start ? 0 : -1;
        while (k >= 0 && k < bytes.length && bytes[k] === b[start + k]) k++;
        if (k === bytes.length) {
          this.pos++;
          return entry.value;
        }
      }
    }
    this.pos = start;
    const value = this.text();
    const entry = { bytes: Buffer.from(b.subarray(start, end)), value };
    if (chain) chain.push(entry);
    else table.set(hash, [entry]);
    return value;
  }
}

const UNESCAPES: Readonly<Record<string, string>> = { '\\': '\\', t: '\t', n: '\n', r: '\r' };

/** Parse complete COPY lines of {@link COPY_EDGES} into batches; region and country of suppliers from the node tables. */
function parseEdgeLines(buffer: Buffer, start: number, end: number, sink: { next(): EdgeBatch }, nodes: { regionOf(id: number): number; countryOf(id: number): string }, products: Map<number, Array<{ bytes: Buffer; value: string }>>): void {
  const reader = new FieldReader(buffer);
  reader.pos = start;
  while (reader.pos < end) {
    const batch = sink.next();
    const r = batch.count++;
    batch.id[r] = reader.int();
    const supplier = reader.int();
    batch.supplierId[r] = supplier;
    const off = reader.int();
    batch.offPlatformId[r] = off;
    batch.customerId[r] = reader.int();
    batch.product[r] = reader.internedText(products);
    batch.share[r] = reader.float();
    batch.isPrivate[r] = buffer[reader.pos] === 116 ? 1 : 0; // 't'
    reader.pos += 2;
    const owner = reader.int();
    batch.ownerOrgId[r] = Number.isNaN(owner) ? 0 : owner;
    batch.regionCode[r] = reader.int();
    batch.supplierRegion[r] = Number.isNaN(supplier) ? 0 : nodes.regionOf(supplier);
    batch.supplierCountry[r] = Number.isNaN(supplier) ? nodes.countryOf(off) : 'CN';
  }
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

/** A {@link SupplyEdgeSource} over the database. */
export function supplyEdgeSource(db: Db): SupplyEdgeSource {
  return {
    async loadAll(onBatch, onSize) {
      // Region of every enterprise and country of every off-platform supplier, by id (dense
      // arrays: ids are a bigserial), so that the edge scan needs no join and no sort.
      const maxId = Number((await sql<{ n: string | null }>`SELECT max(id)::text AS n FROM enterprises`.execute(db)).rows[0].n ?? 0);
      const regions = new Int32Array(maxId + 1);
      await streamCopy(db, 'COPY (SELECT id, region_code FROM enterprises) TO STDOUT', (buffer, start, end) => {
        const reader = new FieldReader(buffer);
        reader.pos = start;
        while (reader.pos < end) {
          const id = reader.int();
          const region = reader.int();
          if (id <= maxId) regions[id] = region;
        }
      });
      const countries = new Map((await db.selectFrom('off_platform_suppliers').select(['id', 'country_code']).execute()).map((r) => [Number(r.id), r.country_code]));
      const nodes = { regionOf: (id: number) => (id <= maxId ? regions[id] : 0), countryOf: (id: number) => countries.get(id) ?? 'CN' };
      const estimate = await sql<{ n: string }>`SELECT greatest(reltuples, 0)::bigint::text AS n FROM pg_class WHERE relname = 'supply_edges'`.execute(db);
      onSize?.(Math.ceil(Number(estimate.rows[0]?.n ?? 0) * 1.02));
      // One batch, reused: the holder copies each batch before the next is filled.
      const batch = emptyBatch(BATCH_ROWS);
      const sink = {
        next() {
          if (batch.count === BATCH_ROWS) {
            onBatch(batch);
            batch.count = 0;
          }
          return batch;
        },
      };
      const products = new Map<number, Array<{ bytes: Buffer; value: string }>>();
      await streamCopy(db, COPY_EDGES, (buffer, start, end) => parseEdgeLines(buffer, start, end, sink, nodes, products));
      if (batch.count > 0) {
        onBatch(batch);
      }
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
export function createSupplyGraph(db: Db, feed?: ChangeSubscriber): SupplyGraphHolder {
  const holder = new SupplyGraphHolder(supplyEdgeSource(db));
  if (feed) {
    holder.follow(feed);
  }
  return holder;
}
