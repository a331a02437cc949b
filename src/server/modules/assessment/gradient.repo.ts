/** SQL of the gradient evaluation: the facts it reads, the inputs enterprises declare, screenings. */
import { sql, type RawBuilder } from 'kysely';
import type { GradientProfile } from '../../../contracts/assessment.js';
import type { Db, Tx } from '../../db/database.js';
import type { YearFigures } from './gradient.metrics.js';

/** The registry part of an enterprise the evaluation needs. */
export interface EnterpriseBasics {
  id: string;
  uscc: string;
  name: string;
  regionCode: string;
  industryCode: string;
  size: string | null;
  tags: string[];
  certifications: string[];
}

/** Raw facts per enterprise id (leaders supplied come from the supply graph, not SQL). */
export interface RawFacts {
  years: Map<number, YearFigures & { source: 'declared' | 'registry' | 'mixed' }>;
  profile: GradientProfile;
  assessedDigitalLevel: number | null;
}

const num = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/*
 * Each query below returns its rows as one JSON array (`json_agg`), which the driver hands to V8's
 * native JSON.parse in one call, instead of one driver row per enterprise and year parsed field by
 * field in JS. Ids travel as one comma-separated text for the same reason. The batch screening
 * reads with one narrower query per page instead ({@link selectScreeningPage}); these reads remain
 * the single evaluation's and the reference the screening's read is tested against.
 */

/** The rows of `query` as one JSON array (`[]` when none), in the order of its column `ord` when it has one. */
async function jsonRows<T>(db: Db | Tx, query: RawBuilder<unknown>, isOrdered = false): Promise<T[]> {
  const agg = isOrdered ? sql`json_agg(t ORDER BY t.ord)` : sql`json_agg(t)`;
  const result = await sql<{ rows: T[] | null }>`SELECT ${agg} AS rows FROM (${query}) t`.execute(db);
  return result.rows[0]?.rows ?? [];
}

/** One page of enterprises of a region (prefix '' = all), by id (the screening's former read: the reference its tests compare with). */
export async function selectEnterprisePage(db: Db, regionPrefix: string, afterId: string, limit: number): Promise<EnterpriseBasics[]> {
  const region = regionPrefix === '' ? sql`` : sql`AND region_code LIKE ${`${regionPrefix}%`}`;
  return jsonRows<EnterpriseBasics>(db, sql`
    SELECT id AS ord, id::text AS "id", uscc, name, region_code AS "regionCode", industry_code AS "industryCode", size, tags,
           ARRAY(SELECT c->>'name' FROM jsonb_array_elements(certifications) c) AS certifications
    FROM enterprises WHERE id > ${afterId}::bigint ${region} ORDER BY ord LIMIT ${limit}`, true);
}

type Fen = string | number | null;

/** The facts of these enterprises for years `fromYear`..`toYear` and digital level as of `asOf`. */
export async function selectRawFacts(db: Db | Tx, ids: readonly string[], fromYear: number, toYear: number, asOf: string): Promise<Map<string, RawFacts>> {
  const out = new Map<string, RawFacts>();
  if (ids.length === 0) return out;
  const idList = sql`ANY(string_to_array(${ids.join(',')}, ',')::bigint[])`;
  const [registry, declared, profiles, digital] = await Promise.all([
    jsonRows<{ enterprise_id: string; year: number; employees: number | null; revenue_fen: Fen; assets_fen: Fen; rd_spend_fen: Fen }>(db, sql`
      SELECT enterprise_id::text AS enterprise_id, year, employees, revenue_fen, assets_fen, rd_spend_fen FROM enterprise_financials
      WHERE enterprise_id = ${idList} AND year BETWEEN ${fromYear} AND ${toYear}`),
    jsonRows<{ enterprise_id: string; year: number; revenue_fen: Fen; main_revenue_fen: Fen; net_profit_fen: Fen; assets_fen: Fen; liabilities_fen: Fen; rd_spend_fen: Fen; employees: number | null; rd_staff: number | null }>(db, sql`
      SELECT enterprise_id::text AS enterprise_id, year, revenue_fen, main_revenue_fen, net_profit_fen, assets_fen, liabilities_fen, rd_spend_fen, employees, rd_staff FROM gradient_yearly
      WHERE enterprise_id = ${idList} AND year BETWEEN ${fromYear} AND ${toYear}`),
    jsonRows<{ enterprise_id: string; facts: GradientProfile }>(db, sql`SELECT enterprise_id::text AS enterprise_id, facts FROM gradient_profiles WHERE enterprise_id = ${idList}`),
    jsonRows<{ enterprise_id: string; level: number }>(db, sql`
      SELECT DISTINCT ON (enterprise_id) enterprise_id::text AS enterprise_id, level FROM digital_assessments
      WHERE enterprise_id = ${idList} AND status = 'submitted' AND (submitted_at AT TIME ZONE 'Asia/Shanghai')::date <= ${asOf}::date
      ORDER BY enterprise_id, submitted_at DESC, id DESC`),
  ]);
  const entry = (id: string): RawFacts => {
    let e = out.get(id);
    if (!e) {
      e = { years: new Map(), profile: {}, assessedDigitalLevel: null };
      out.set(id, e);
    }
    return e;
  };
  for (const r of registry) setRegistryYear(entry(r.enterprise_id).years, r.year, r.employees, num(r.revenue_fen), num(r.assets_fen), num(r.rd_spend_fen));
  for (const r of declared) {
    setDeclaredYear(entry(r.enterprise_id).years, r.year, num(r.revenue_fen), num(r.main_revenue_fen), num(r.net_profit_fen), num(r.assets_fen), num(r.liabilities_fen), num(r.rd_spend_fen), r.employees, r.rd_staff);
  }
  for (const r of profiles) entry(r.enterprise_id).profile = r.facts;
  for (const r of digital) entry(r.enterprise_id).assessedDigitalLevel = r.level;
  return out;
}

type Years = RawFacts['years'];

/** A year of registry figures (set before the declared ones of the same year). */
function setRegistryYear(years: Years, year: number, employees: number | null, revenueFen: number | null, assetsFen: number | null, rdSpendFen: number | null): void {
  years.set(year, { revenueFen, assetsFen, rdSpendFen, employees, mainRevenueFen: null, netProfitFen: null, liabilitiesFen: null, rdStaff: null, source: 'registry' });
}

/** A year of declared figures: they win, the registry's fill what the enterprise left empty. */
function setDeclaredYear(
  years: Years, year: number, revenueFen: number | null, mainRevenueFen: number | null, netProfitFen: number | null, assetsFen: number | null,
  liabilitiesFen: number | null, rdSpendFen: number | null, employees: number | null, rdStaff: number | null,
): void {
  const base = years.get(year);
  years.set(year, {
    revenueFen: revenueFen ?? base?.revenueFen ?? null,
    assetsFen: assetsFen ?? base?.assetsFen ?? null,
    rdSpendFen: rdSpendFen ?? base?.rdSpendFen ?? null,
    employees: employees ?? base?.employees ?? null,
    mainRevenueFen, netProfitFen, liabilitiesFen, rdStaff,
    source: base ? 'mixed' : 'declared',
  });
}

/** What the screening reads of one enterprise: the basics its evaluation uses and its raw facts. */
export interface ScreenedEnterprise {
  id: string;
  regionCode: string;
  size: string | null;
  tags: string[];
  /** Only whether there are any is evaluated: one empty name per certification. */
  certifications: string[];
  raw: RawFacts;
}

/** One page of a screening: the enterprises with `afterId < id ≤ uptoId` (no upper bound when null). */
export interface IdRange {
  afterId: string;
  uptoId: string | null;
}

/**
 * Split a region's enterprises (prefix '' = all) into id ranges of `size` enterprises each: one
 * index-only pass over the ids. The last range has no upper bound (enterprises registered while
 * the screening runs are still read). Known ranges let several pages be read at once.
 */
export async function selectScreeningRanges(db: Db, regionPrefix: string, size: number): Promise<IdRange[]> {
  const region = regionPrefix === '' ? sql`` : sql`WHERE region_code LIKE ${`${regionPrefix}%`}`;
  const bounds = await sql<{ id: string }>`
    SELECT id::text AS id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM enterprises ${region}) t WHERE n % ${size} = 0 ORDER BY t.id`.execute(db);
  const ranges: IdRange[] = [];
  let afterId = '0';
  for (const { id } of bounds.rows) {
    ranges.push({ afterId, uptoId: id });
    afterId = id;
  }
  ranges.push({ afterId, uptoId: null });
  return ranges;
}

/**
 * One page of a screening (the enterprises of a region in an id range) with every fact the
 * evaluation reads, in one query returning one text: a line per enterprise, fields separated by
 * `|` (NULL as empty), years by `;`, a year's figures by `,`, the declared profile's JSON last
 * (jsonb text never holds a raw newline). PostgreSQL builds far less than the five `json_agg`
 * reads did (no keys, no per-row objects), and reads each table once over the range's stretch of
 * its index (merge joins) instead of one index lookup per enterprise and table. For a region, the
 * stretch also holds other regions' rows: at most what the national screening reads.
 * Same facts as {@link selectEnterprisePage} + {@link selectRawFacts} (a test holds them equal).
 */
export async function selectScreeningPage(db: Db, regionPrefix: string, range: IdRange, fromYear: number, toYear: number, asOf: string): Promise<ScreenedEnterprise[]> {
  return parseScreeningPage(await selectScreeningText(db, regionPrefix, range, fromYear, toYear, asOf));
}

/** The text of {@link selectScreeningPage} (null for an empty page). */
export async function selectScreeningText(db: Db, regionPrefix: string, range: IdRange, fromYear: number, toYear: number, asOf: string): Promise<string | null> {
  const region = regionPrefix === '' ? sql`` : sql`AND region_code LIKE ${`${regionPrefix}%`}`;
  const inRange = (column: RawBuilder<unknown>) => (range.uptoId === null ? sql`${column} > ${range.afterId}::bigint` : sql`${column} > ${range.afterId}::bigint AND ${column} <= ${range.uptoId}::bigint`);
  const result = await sql<{ page: string | null }>`
    SELECT string_agg(concat(
      p.id, '|', p.region_code, '|', p.size, '|', array_to_string(p.tags, ','), '|', jsonb_array_length(p.certifications), '|',
      (SELECT d.level FROM digital_assessments d
        WHERE d.enterprise_id = p.id AND d.status = 'submitted' AND (d.submitted_at AT TIME ZONE 'Asia/Shanghai')::date <= ${asOf}::date
        ORDER BY d.submitted_at DESC, d.id DESC LIMIT 1), '|',
      f.years, '|', y.years, '|', g.facts::text
    ), E'\n' ORDER BY p.id) AS page
    FROM (SELECT id, region_code, size, tags, certifications FROM enterprises WHERE ${inRange(sql`id`)} ${region}) p
    LEFT JOIN (
      SELECT enterprise_id, string_agg(concat(year, ',', employees, ',', revenue_fen, ',', assets_fen, ',', rd_spend_fen), ';') AS years
      FROM enterprise_financials WHERE ${inRange(sql`enterprise_id`)} AND year BETWEEN ${fromYear} AND ${toYear} GROUP BY enterprise_id
    ) f ON f.enterprise_id = p.id
    LEFT JOIN (
      SELECT enterprise_id, string_agg(concat(year, ',', revenue_fen, ',', main_revenue_fen, ',', net_profit_fen, ',', assets_fen, ',', liabilities_fen, ',', rd_spend_fen, ',', employees, ',', rd_staff), ';') AS years
      FROM gradient_yearly WHERE ${inRange(sql`enterprise_id`)} AND year BETWEEN ${fromYear} AND ${toYear} GROUP BY enterprise_id
    ) y ON y.enterprise_id = p.id
    LEFT JOIN (SELECT enterprise_id, facts FROM gradient_profiles WHERE ${inRange(sql`enterprise_id`)}) g ON g.enterprise_id = p.id`.execute(db);
  return result.rows[0]?.page ?? null;
}

/** The enterprises of a page's text ({@link selectScreeningPage}). */
export function parseScreeningPage(text: string | null): ScreenedEnterprise[] {
  return text ? text.split('\n').map(parseScreenedLine) : [];
}

const orNull = (field: string): number | null => (field === '' ? null : Number(field));

function parseScreenedLine(line: string): ScreenedEnterprise {
  // The first seven fields hold no `|`; the profile's JSON (which might) is the rest of the line.
  const fields: string[] = [];
  let from = 0;
  for (let i = 0; i < 7; i++) {
    const to = line.indexOf('|', from);
    fields.push(line.slice(from, to));
    from = to + 1;
  }
  const [id, regionCode, size, tags, certifications, level, registry] = fields;
  const declaredEnd = line.indexOf('|', from);
  const declared = line.slice(from, declaredEnd);
  const profile = line.slice(declaredEnd + 1);
  const years: Years = new Map();
  if (registry !== '') {
    for (const y of registry.split(';')) {
      const v = y.split(',');
      setRegistryYear(years, Number(v[0]), orNull(v[1]), orNull(v[2]), orNull(v[3]), orNull(v[4]));
    }
  }
  if (declared !== '') {
    for (const y of declared.split(';')) {
      const v = y.split(',');
      setDeclaredYear(years, Number(v[0]), orNull(v[1]), orNull(v[2]), orNull(v[3]), orNull(v[4]), orNull(v[5]), orNull(v[6]), orNull(v[7]), orNull(v[8]));
    }
  }
  return {
    id, regionCode, size: size === '' ? null : size, tags: tags === '' ? [] : tags.split(','),
    certifications: new Array<string>(Number(certifications)).fill(''),
    raw: { years, profile: profile === '' ? {} : (JSON.parse(profile) as GradientProfile), assessedDigitalLevel: orNull(level) },
  };
}

/** Ids of chain leaders: enterprises placed as `leader` in any chain or tagged `leader`. */
export async function selectLeaderIds(db: Db): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT enterprise_id AS id FROM chain_members WHERE role = 'leader'
    UNION SELECT id FROM enterprises WHERE tags @> ARRAY['leader']::text[]`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** Names of enterprises by id. */
export async function selectNames(db: Db, ids: readonly string[]): Promise<Map<string, { uscc: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('enterprises').select(['id', 'uscc', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, { uscc: r.uscc, name: r.name }]));
}

/** Save the declared profile (replacing it). */
export async function upsertProfile(tx: Tx, enterpriseId: string, regionCode: string, facts: GradientProfile, userId: string | null): Promise<void> {
  await tx
    .insertInto('gradient_profiles')
    .values({ enterprise_id: enterpriseId, region_code: regionCode, facts: JSON.stringify(facts), updated_by: userId })
    .onConflict((oc) => oc.column('enterprise_id').doUpdateSet({ facts: JSON.stringify(facts), updated_by: userId, updated_at: sql`now()` }))
    .execute();
}

/** One year's declared figures in fen. */
export interface YearWrite {
  year: number;
  revenueFen: bigint | null;
  mainRevenueFen: bigint | null;
  netProfitFen: bigint | null;
  assetsFen: bigint | null;
  liabilitiesFen: bigint | null;
  rdSpendFen: bigint | null;
  employees: number | null;
  rdStaff: number | null;
}

/** Save declared yearly figures (replacing those years). */
export async function upsertYears(tx: Tx, enterpriseId: string, regionCode: string, years: readonly YearWrite[], userId: string | null): Promise<void> {
  for (const y of years) {
    const values = {
      revenue_fen: y.revenueFen?.toString() ?? null, main_revenue_fen: y.mainRevenueFen?.toString() ?? null, net_profit_fen: y.netProfitFen?.toString() ?? null,
      assets_fen: y.assetsFen?.toString() ?? null, liabilities_fen: y.liabilitiesFen?.toString() ?? null, rd_spend_fen: y.rdSpendFen?.toString() ?? null,
      employees: y.employees, rd_staff: y.rdStaff, updated_by: userId,
    };
    await tx
      .insertInto('gradient_yearly')
      .values({ enterprise_id: enterpriseId, year: y.year, region_code: regionCode, ...values })
      .onConflict((oc) => oc.columns(['enterprise_id', 'year']).doUpdateSet({ ...values, updated_at: sql`now()` }))
      .execute();
  }
}

/** The stored gradient settings (disabled rule keys). */
export async function selectSettings(db: Db | Tx): Promise<string[]> {
  const row = await db.selectFrom('platform_settings').select('value').where('key', '=', 'assessment.gradient').executeTakeFirst();
  const value = row?.value as { disabled?: string[] } | undefined;
  return value?.disabled ?? [];
}

/** Store the gradient settings. */
export async function upsertSettings(tx: Tx, disabled: readonly string[]): Promise<void> {
  const value = JSON.stringify({ disabled });
  await tx
    .insertInto('platform_settings')
    .values({ key: 'assessment.gradient', value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: sql`now()` }))
    .execute();
}
