import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { buildCopyBatch, copyJson, copyLine, copyNumber, copyText, copyTextArray, type CopyBatch } from '../../db/copy.js';
import { poolOf, type Db, type Tx } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { RegionScope } from '../../platform/scope.js';

/** Registry row in camelCase; money in fen as bigint. */
export interface EnterpriseRecord {
  id: string;
  uscc: string;
  name: string;
  regionCode: string;
  industryCode: string;
  size: string | null;
  sizeCategory: string | null;
  tags: string[];
  products: string[];
  capabilities: string;
  certifications: unknown[];
  contacts: unknown[];
  createdAt: Date;
  updatedAt: Date;
}

/** Yearly indicators in fen. */
export interface FinancialRecord {
  year: number;
  employees: number | null;
  revenueFen: bigint | null;
  assetsFen: bigint | null;
  rdSpendFen: bigint | null;
}

/** Filters of the registry list, already validated. */
export interface EnterpriseFilter {
  regionPrefix?: string;
  industryPrefix?: string;
  nameLike?: string;
  initialsLike?: string;
  size?: string;
  tag?: string;
  /** Restrict to one USCC (members see only their own enterprise). */
  onlyUscc?: string;
}

const COLUMNS = [
  'id', 'uscc', 'name', 'region_code', 'industry_code', 'size', 'size_category', 'tags', 'products',
  'capabilities', 'certifications', 'contacts', 'created_at', 'updated_at',
] as const;

type Row = {
  id: string; uscc: string; name: string; region_code: string; industry_code: string; size: string | null;
  size_category: string | null; tags: string[]; products: string[]; capabilities: string;
  certifications: unknown[]; contacts: unknown[]; created_at: Date; updated_at: Date;
};

function toRecord(r: Row): EnterpriseRecord {
  return {
    id: r.id,
    uscc: r.uscc,
    name: r.name,
    regionCode: r.region_code,
    industryCode: r.industry_code,
    size: r.size,
    sizeCategory: r.size_category,
    tags: r.tags,
    products: r.products,
    capabilities: r.capabilities,
    certifications: r.certifications,
    contacts: r.contacts,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function bigOrNull(v: string | null): bigint | null {
  return v === null ? null : BigInt(v);
}

/** WHERE conditions of a scope and filter: rows outside the scope are never read. */
function conditions(eb: ExpressionBuilder<Database, 'enterprises'>, scope: RegionScope, filter: EnterpriseFilter = {}): Expression<SqlBool> {
  const list: Expression<SqlBool>[] = [];
  if (scope.kind === 'prefix') list.push(eb('region_code', 'like', `${scope.prefix}%`));
  if (scope.kind === 'none') list.push(sql<SqlBool>`false`);
  if (filter.regionPrefix) list.push(eb('region_code', 'like', `${filter.regionPrefix}%`));
  if (filter.industryPrefix) list.push(eb('industry_code', 'like', `${filter.industryPrefix}%`));
  if (filter.size) list.push(eb('size', '=', filter.size));
  if (filter.tag) list.push(sql<SqlBool>`tags @> ARRAY[${filter.tag}]::text[]`);
  if (filter.onlyUscc) list.push(eb('uscc', '=', filter.onlyUscc));
  if (filter.nameLike && filter.initialsLike) {
    list.push(eb.or([eb('name', 'ilike', `%${filter.nameLike}%`), eb('name_initials', 'like', `%${filter.initialsLike}%`)]));
  } else if (filter.nameLike) {
    list.push(eb('name', 'ilike', `%${filter.nameLike}%`));
  }
  return eb.and(list);
}

/** The same scope predicate as {@link conditions}, for rows already in memory (the detail cache). */
export function isRowInScope(row: { regionCode: string }, scope: RegionScope): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  return row.regionCode.startsWith(scope.prefix);
}

/**
 * One enterprise by USCC within the region scope, with its yearly figures (newest first) in the
 * same round trip: the detail page is the hottest read.
 */
export async function selectEnterprise(db: Db | Tx, uscc: string, scope: RegionScope): Promise<(EnterpriseRecord & { financials: FinancialRecord[] }) | undefined> {
  if (scope.kind === 'none') {
    return undefined;
  }
  // Same predicate as `conditions`: the scope's region prefix ('' matches every region).
  const prefix = scope.kind === 'prefix' ? scope.prefix : '';
  const values = [uscc, `${prefix}%`];
  const pool = db.isTransaction ? undefined : poolOf(db as Db);
  // Outside transactions the detail read is a named prepared statement straight on the pool: it is
  // the hottest query, and skipping the query builder and re-planning doubles its rate.
  const rows = pool
    ? (await pool.query<DetailRow>({ name: 'enterprise_detail', text: DETAIL_SQL, values })).rows
    : (await db.executeQuery<DetailRow>(CompiledQuery.raw(DETAIL_SQL, values))).rows;
  const row = rows[0];
  if (!row) {
    return undefined;
  }
  const financials = (row.financials ?? []).map((f) => ({
    year: f.year,
    employees: f.employees,
    revenueFen: bigOrNull(f.revenueFen),
    assetsFen: bigOrNull(f.assetsFen),
    rdSpendFen: bigOrNull(f.rdSpendFen),
  }));
  return { ...toRecord(row), financials };
}

const DETAIL_SQL = `
  SELECT e.id::text AS id, e.uscc, e.name, e.region_code, e.industry_code, e.size, e.size_category, e.tags, e.products,
         e.capabilities, e.certifications, e.contacts, e.created_at, e.updated_at,
         (SELECT json_agg(json_build_object('year', f.year, 'employees', f.employees, 'revenueFen', f.revenue_fen::text,
                                            'assetsFen', f.assets_fen::text, 'rdSpendFen', f.rd_spend_fen::text) ORDER BY f.year DESC)
            FROM enterprise_financials f WHERE f.enterprise_id = e.id) AS financials
    FROM enterprises e
   WHERE e.uscc = $1 AND e.region_code LIKE $2`;

type DetailRow = Row & { financials: FinancialJson[] | null };

type FinancialJson = { year: number; employees: number | null; revenueFen: string | null; assetsFen: string | null; rdSpendFen: string | null };

/** Enterprises by USCC, unscoped (for import matching and the registry's own checks). */
export async function selectEnterprisesByUscc(db: Db | Tx, usccs: string[]): Promise<EnterpriseRecord[]> {
  if (usccs.length === 0) {
    return [];
  }
  // One array parameter instead of an IN list of thousands: much less to send, parse and plan.
  const rows = await db.selectFrom('enterprises').select(COLUMNS).where(sql<SqlBool>`uscc = any(${usccs}::text[])`).execute();
  return rows.map((r) => toRecord(r as Row));
}

/** Enterprises whose normalised name is one of `names`, unscoped: uscc, name, name_norm. */
export async function selectByNormalisedNames(db: Db | Tx, names: string[]): Promise<Array<{ uscc: string; name: string; nameNorm: string }>> {
  if (names.length === 0) {
    return [];
  }
  const rows = await db.selectFrom('enterprises').select(['uscc', 'name', 'name_norm']).where(sql<SqlBool>`name_norm = any(${names}::text[])`).execute();
  return rows.map((r) => ({ uscc: r.uscc, name: r.name, nameNorm: r.name_norm }));
}

/** A page of enterprises in id order after `afterId`, filtered, within the scope. */
export async function selectEnterprisePage(db: Db, filter: EnterpriseFilter, scope: RegionScope, afterId: string | undefined, limit: number): Promise<EnterpriseRecord[]> {
  let query = db.selectFrom('enterprises').select(COLUMNS).where((eb) => conditions(eb, scope, filter));
  if (afterId) {
    query = query.where('id', '>', afterId);
  }
  const rows = await query.orderBy('id').limit(limit).execute();
  return rows.map((r) => toRecord(r as Row));
}

/** Count of enterprises matching the filter within the scope. */
export async function countEnterprises(db: Db, filter: EnterpriseFilter, scope: RegionScope): Promise<number> {
  const row = await db.selectFrom('enterprises').select((eb) => eb.fn.countAll<string>().as('n')).where((eb) => conditions(eb, scope, filter)).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Streams matching enterprises in id order in batches (for export). */
export async function* iterateEnterprises(db: Db, filter: EnterpriseFilter, scope: RegionScope, batch = 2000): AsyncGenerator<EnterpriseRecord[]> {
  let afterId: string | undefined;
  for (;;) {
    const rows = await selectEnterprisePage(db, filter, scope, afterId, batch);
    if (rows.length === 0) {
      return;
    }
    yield rows;
    afterId = rows[rows.length - 1].id;
  }
}

/** Columns written on insert or update. */
export interface EnterpriseWrite {
  uscc: string;
  name: string;
  nameNorm: string;
  nameInitials: string;
  regionCode: string;
  industryCode: string;
  size: string | null;
  sizeCategory: string | null;
  tags: string[];
  products: string[];
  capabilities: string;
  certifications: unknown[];
  contacts: unknown[];
}

/** A PostgreSQL array literal of strings (`{"a","b"}`), so that a text[] column can travel inside a text[] parameter. */
function arrayLiteral(items: string[]): string {
  return `{${items.map((x) => `"${x.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/**
 * Insert new enterprises or overwrite existing ones (by USCC). One statement per 5,000 rows with
 * one array parameter per column (`unnest`), which is several times faster than multi-row VALUES.
 * Returns the id of each USCC.
 */
export async function upsertEnterprises(tx: Tx, rows: EnterpriseWrite[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    const col = <K extends keyof EnterpriseWrite>(key: K) => chunk.map((e) => e[key]);
    const json = (key: 'certifications' | 'contacts') => chunk.map((e) => JSON.stringify(e[key]));
    const list = (key: 'tags' | 'products') => chunk.map((e) => arrayLiteral(e[key]));
    const result = await sql<{ id: string; uscc: string }>`
      INSERT INTO enterprises (uscc, name, name_norm, name_initials, region_code, industry_code, size, size_category,
                               tags, products, capabilities, certifications, contacts)
      SELECT u.uscc, u.name, u.name_norm, u.name_initials, u.region_code, u.industry_code, u.size, u.size_category,
             u.tags::text[], u.products::text[],
             u.capabilities, u.certifications::jsonb, u.contacts::jsonb
      FROM unnest(${col('uscc')}::text[], ${col('name')}::text[], ${col('nameNorm')}::text[], ${col('nameInitials')}::text[],
                  ${col('regionCode')}::text[], ${col('industryCode')}::text[], ${col('size')}::text[], ${col('sizeCategory')}::text[],
                  ${list('tags')}::text[], ${list('products')}::text[], ${col('capabilities')}::text[], ${json('certifications')}::text[],
                  ${json('contacts')}::text[])
        AS u(uscc, name, name_norm, name_initials, region_code, industry_code, size, size_category, tags, products, capabilities, certifications, contacts)
      ON CONFLICT (uscc) DO UPDATE SET
        name = excluded.name, name_norm = excluded.name_norm, name_initials = excluded.name_initials,
        region_code = excluded.region_code, industry_code = excluded.industry_code, size = excluded.size,
        size_category = excluded.size_category, tags = excluded.tags, products = excluded.products,
        capabilities = excluded.capabilities, certifications = excluded.certifications, contacts = excluded.contacts,
        updated_at = now()
      RETURNING id, uscc`.execute(tx);
    for (const r of result.rows) {
      ids.set(r.uscc, r.id);
    }
  }
  return ids;
}

/**
 * Draw `count` ids for new enterprises from their sequence, in a short transaction of its own:
 * sequences are not transactional, so an import draws them on the pool while its own transaction
 * is busy. That transaction commits without waiting for the WAL flush (which would queue behind the
 * import's WAL): ids that end up in committed rows are made durable by that later commit.
 */
export async function drawEnterpriseIds(db: Db, count: number): Promise<string[]> {
  if (count === 0) {
    return [];
  }
  return db.transaction().execute(async (tx) => {
    await sql`SET LOCAL synchronous_commit = off`.execute(tx);
    const drawn = await sql<{ id: string }>`SELECT nextval('enterprises_id_seq'::regclass) AS id FROM generate_series(1, ${count}::int)`.execute(tx);
    return drawn.rows.map((r) => r.id);
  });
}

/**
 * New enterprises (with ids from {@link drawEnterpriseIds}) as a COPY batch; send it with
 * `sendCopy` inside a `transactionWithCopy` transaction. It fails (unique violation) if one of the
 * USCCs exists after all. Rows go in by USCC, which keeps the unique index's inserts close
 * together (about a fifth less work for the server); ids keep the caller's order.
 */
export async function newEnterprisesBatch(rows: Array<EnterpriseWrite & { id: string }>): Promise<CopyBatch> {
  const byUscc = [...rows].sort((a, b) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0));
  // One template per line (no field array to allocate and join): this runs for every imported row.
  return buildCopyBatch('enterprises', ENTERPRISE_COPY_COLUMNS, byUscc, (e) =>
    `${e.id}\t${copyText(e.uscc)}\t${copyText(e.name)}\t${copyText(e.nameNorm)}\t${copyText(e.nameInitials)}\t${copyText(e.regionCode)}\t${copyText(e.industryCode)}\t` +
    `${copyText(e.size)}\t${copyText(e.sizeCategory)}\t${copyTextArray(e.tags)}\t${copyTextArray(e.products)}\t${copyText(e.capabilities)}\t` +
    `${copyJson(e.certifications)}\t${copyJson(e.contacts)}\n`);
}

const ENTERPRISE_COPY_COLUMNS = [
  'id', 'uscc', 'name', 'name_norm', 'name_initials', 'region_code', 'industry_code', 'size', 'size_category', 'tags', 'products',
  'capabilities', 'certifications', 'contacts',
] as const;

/**
 * Yearly financials that do not exist yet (those of new enterprises) as a COPY batch; send it with
 * `sendCopy` after the enterprises themselves.
 */
export async function newFinancialsBatch(rows: Array<FinancialRecord & { enterpriseId: string }>): Promise<CopyBatch> {
  return buildCopyBatch('enterprise_financials', ['enterprise_id', 'year', 'employees', 'revenue_fen', 'assets_fen', 'rd_spend_fen'], rows, (f) => copyLine([
    copyText(f.enterpriseId), copyNumber(f.year), copyNumber(f.employees), copyNumber(f.revenueFen), copyNumber(f.assetsFen), copyNumber(f.rdSpendFen),
  ]));
}

/** Latest-year financials of each enterprise id. */
export async function selectLatestFinancials(db: Db | Tx, enterpriseIds: string[]): Promise<Map<string, FinancialRecord>> {
  const out = new Map<string, FinancialRecord>();
  if (enterpriseIds.length === 0) {
    return out;
  }
  const rows = await db
    .selectFrom('enterprise_financials')
    .select(['enterprise_id', 'year', 'employees', 'revenue_fen', 'assets_fen', 'rd_spend_fen'])
    .where(sql<SqlBool>`enterprise_id = any(${enterpriseIds}::bigint[])`)
    .orderBy('enterprise_id')
    .orderBy('year', 'desc')
    .execute();
  for (const r of rows) {
    if (!out.has(r.enterprise_id)) {
      out.set(r.enterprise_id, { year: r.year, employees: r.employees, revenueFen: bigOrNull(r.revenue_fen), assetsFen: bigOrNull(r.assets_fen), rdSpendFen: bigOrNull(r.rd_spend_fen) });
    }
  }
  return out;
}

/** Insert or replace yearly financials (by enterprise and year), 5,000 rows per statement. */
export async function upsertFinancials(tx: Tx, rows: Array<FinancialRecord & { enterpriseId: string }>): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    const fen = (key: 'revenueFen' | 'assetsFen' | 'rdSpendFen') => chunk.map((f) => f[key]?.toString() ?? null);
    await sql`
      INSERT INTO enterprise_financials (enterprise_id, year, employees, revenue_fen, assets_fen, rd_spend_fen)
      SELECT * FROM unnest(${chunk.map((f) => f.enterpriseId)}::bigint[], ${chunk.map((f) => f.year)}::int[],
                           ${chunk.map((f) => f.employees)}::int[], ${fen('revenueFen')}::bigint[], ${fen('assetsFen')}::bigint[],
                           ${fen('rdSpendFen')}::bigint[])
      ON CONFLICT (enterprise_id, year) DO UPDATE SET
        employees = excluded.employees, revenue_fen = excluded.revenue_fen, assets_fen = excluded.assets_fen, rd_spend_fen = excluded.rd_spend_fen`.execute(tx);
  }
}

/** Remembered decisions for (uscc, existing uscc) pairs. */
export async function selectDecisions(db: Db | Tx, pairs: Array<{ uscc: string; existingUscc: string }>): Promise<Map<string, 'distinct' | 'skip'>> {
  const out = new Map<string, 'distinct' | 'skip'>();
  if (pairs.length === 0) {
    return out;
  }
  const usccs = [...new Set(pairs.map((p) => p.uscc))];
  const rows = await db.selectFrom('import_match_decisions').select(['uscc', 'existing_uscc', 'decision']).where(sql<SqlBool>`uscc = any(${usccs}::text[])`).execute();
  for (const r of rows) {
    out.set(`${r.uscc}|${r.existing_uscc}`, r.decision as 'distinct' | 'skip');
  }
  return out;
}

export async function upsertDecisions(tx: Tx, decisions: Array<{ uscc: string; existingUscc: string; decision: string }>, userId: string | null): Promise<void> {
  if (decisions.length === 0) {
    return;
  }
  await tx
    .insertInto('import_match_decisions')
    .values(decisions.map((d) => ({ uscc: d.uscc, existing_uscc: d.existingUscc, decision: d.decision, decided_by: userId })))
    .onConflict((oc) => oc.columns(['uscc', 'existing_uscc']).doUpdateSet((eb) => ({ decision: eb.ref('excluded.decision'), decided_by: eb.ref('excluded.decided_by'), decided_at: sql`now()` })))
    .execute();
}
