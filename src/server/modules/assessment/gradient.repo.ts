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
 * The screening reads a million enterprises: each query below returns its rows as one JSON array
 * (`json_agg`), which the driver hands to V8's native JSON.parse in one call, instead of one
 * driver row per enterprise and year parsed field by field in JS (the screening's largest CPU cost
 * before, with the garbage it left). Ids travel as one comma-separated text for the same reason.
 */

/** The rows of `query` as one JSON array (`[]` when none), in the order of its column `ord` when it has one. */
async function jsonRows<T>(db: Db | Tx, query: RawBuilder<unknown>, isOrdered = false): Promise<T[]> {
  const agg = isOrdered ? sql`json_agg(t ORDER BY t.ord)` : sql`json_agg(t)`;
  const result = await sql<{ rows: T[] | null }>`SELECT ${agg} AS rows FROM (${query}) t`.execute(db);
  return result.rows[0]?.rows ?? [];
}

/** One page of enterprises of a region (prefix '' = all), by id. */
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
  for (const r of registry) {
    entry(r.enterprise_id).years.set(r.year, {
      revenueFen: num(r.revenue_fen), assetsFen: num(r.assets_fen), rdSpendFen: num(r.rd_spend_fen), employees: r.employees,
      mainRevenueFen: null, netProfitFen: null, liabilitiesFen: null, rdStaff: null, source: 'registry',
    });
  }
  for (const r of declared) {
    const years = entry(r.enterprise_id).years;
    const base = years.get(r.year);
    years.set(r.year, {
      revenueFen: num(r.revenue_fen) ?? base?.revenueFen ?? null,
      assetsFen: num(r.assets_fen) ?? base?.assetsFen ?? null,
      rdSpendFen: num(r.rd_spend_fen) ?? base?.rdSpendFen ?? null,
      employees: r.employees ?? base?.employees ?? null,
      mainRevenueFen: num(r.main_revenue_fen),
      netProfitFen: num(r.net_profit_fen),
      liabilitiesFen: num(r.liabilities_fen),
      rdStaff: r.rd_staff,
      source: base ? 'mixed' : 'declared',
    });
  }
  for (const r of profiles) entry(r.enterprise_id).profile = r.facts;
  for (const r of digital) entry(r.enterprise_id).assessedDigitalLevel = r.level;
  return out;
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
