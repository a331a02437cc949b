/** SQL of capacity monitoring: monthly reports, and the SMEs of a chain with their months. */
import { sql } from 'kysely';
import type { CapacitySource } from '../../../contracts/capacity.js';
import type { Db, Tx } from '../../db/database.js';

/** Enterprise sizes that count as SMEs in the monitoring (GB/T size classes below `large`). */
export const SME_SIZES = ['medium', 'small', 'micro'] as const;

/** An enterprise as writes need it. */
export interface EnterpriseRef {
  id: string;
  uscc: string;
  name: string;
  regionCode: string;
}

/** One stored month. */
export interface ReportRecord {
  id: string;
  enterpriseId: string;
  month: string;
  unit: string;
  capacity: number;
  output: number;
  utilisation: number;
  ordersOnHandFen: number | null;
  employees: number | null;
  source: CapacitySource;
  reportedBy: string | null;
  updatedAt: Date;
}

/** A month to write. */
export interface ReportWrite {
  enterpriseId: string;
  /** `YYYY-MM-01`. */
  month: string;
  regionCode: string;
  unit: string;
  capacity: number;
  output: number;
  ordersOnHandFen: number | null;
  employees: number | null;
  source: CapacitySource;
  reportedBy: string | null;
}

/** Enterprises by USCC. */
export async function selectEnterprises(db: Db | Tx, usccs: readonly string[]): Promise<Map<string, EnterpriseRef>> {
  if (usccs.length === 0) return new Map();
  const rows = await db.selectFrom('enterprises').select(['id', 'uscc', 'name', 'region_code']).where('uscc', 'in', [...usccs]).execute();
  return new Map(rows.map((r) => [r.uscc, { id: r.id, uscc: r.uscc, name: r.name, regionCode: r.region_code }]));
}

const monthText = sql<string>`to_char(r.month, 'YYYY-MM')`;

/** Reports of these enterprises in [fromMonth, toMonth] (`YYYY-MM-01`), oldest first. */
export async function selectReports(db: Db | Tx, enterpriseIds: readonly string[], fromMonth: string, toMonth: string, options: { isLocked?: boolean } = {}): Promise<ReportRecord[]> {
  if (enterpriseIds.length === 0) return [];
  let query = db
    .selectFrom('capacity_reports as r')
    .leftJoin('users as u', 'u.id', 'r.reported_by')
    .select(['r.id', 'r.enterprise_id', monthText.as('month'), 'r.unit', 'r.capacity', 'r.output', 'r.utilisation', 'r.orders_on_hand_fen', 'r.employees', 'r.source', 'r.updated_at'])
    .select(sql<string | null>`coalesce(u.display_name, u.username)`.as('reported_by'))
    .where('r.enterprise_id', 'in', [...enterpriseIds])
    .where('r.month', '>=', fromMonth)
    .where('r.month', '<=', toMonth)
    .orderBy('r.enterprise_id')
    .orderBy('r.month');
  if (options.isLocked) query = query.forUpdate('r');
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id, enterpriseId: r.enterprise_id, month: r.month, unit: r.unit, capacity: Number(r.capacity), output: Number(r.output), utilisation: Number(r.utilisation),
    ordersOnHandFen: r.orders_on_hand_fen === null ? null : Number(r.orders_on_hand_fen), employees: r.employees, source: r.source, reportedBy: r.reported_by, updatedAt: r.updated_at,
  }));
}

/** The latest month each enterprise reported up to `toMonth` (`YYYY-MM`), for those that did. */
export async function selectLastReported(db: Db, enterpriseIds: readonly string[], toMonth: string): Promise<Map<string, string>> {
  if (enterpriseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('capacity_reports as r')
    .select(['r.enterprise_id', sql<string>`to_char(max(r.month), 'YYYY-MM')`.as('month')])
    .where('r.enterprise_id', 'in', [...enterpriseIds])
    .where('r.month', '<=', toMonth)
    .groupBy('r.enterprise_id')
    .execute();
  return new Map(rows.map((r) => [r.enterprise_id, r.month]));
}

/** Insert or replace months; returns ids and whether each row is new, in input order. */
export async function upsertReports(tx: Tx, writes: readonly ReportWrite[]): Promise<Array<{ id: string; isCreated: boolean }>> {
  if (writes.length === 0) return [];
  const rows = await tx
    .insertInto('capacity_reports')
    .values(writes.map((w) => ({
      enterprise_id: w.enterpriseId, month: w.month, region_code: w.regionCode, unit: w.unit, capacity: w.capacity, output: w.output,
      orders_on_hand_fen: w.ordersOnHandFen, employees: w.employees, source: w.source, reported_by: w.reportedBy,
    })))
    .onConflict((oc) => oc.columns(['enterprise_id', 'month']).doUpdateSet((eb) => ({
      region_code: eb.ref('excluded.region_code'), unit: eb.ref('excluded.unit'), capacity: eb.ref('excluded.capacity'), output: eb.ref('excluded.output'),
      orders_on_hand_fen: eb.ref('excluded.orders_on_hand_fen'), employees: eb.ref('excluded.employees'), source: eb.ref('excluded.source'),
      reported_by: eb.ref('excluded.reported_by'), updated_at: sql`now()`,
    })))
    .returning(['id', 'enterprise_id', sql<string>`to_char(month, 'YYYY-MM-DD')`.as('month'), sql<boolean>`(xmax = 0)`.as('is_created')])
    .execute();
  const byKey = new Map(rows.map((r) => [`${r.enterprise_id}|${r.month}`, { id: r.id, isCreated: r.is_created }]));
  return writes.map((w) => byKey.get(`${w.enterpriseId}|${w.month}`)!);
}

/** An SME placed on a chain (one row per segment it sits in). */
export interface ChainSmeRecord {
  segmentKey: string;
  enterpriseId: string;
  uscc: string;
  name: string;
  regionCode: string;
}

/** The SMEs of a chain whose region starts with `regionPrefix` ('' = all), by segment. */
export async function selectChainSmes(db: Db, chainId: string, regionPrefix: string): Promise<ChainSmeRecord[]> {
  const rows = await db
    .selectFrom('chain_members as m')
    .innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
    .select(['m.segment_key', 'e.id', 'e.uscc', 'e.name', 'e.region_code'])
    .where('m.chain_id', '=', chainId)
    .where('e.size', 'in', [...SME_SIZES])
    .where('e.region_code', 'like', `${regionPrefix}%`)
    .orderBy('m.segment_key')
    .orderBy('e.name')
    .execute();
  return rows.map((r) => ({ segmentKey: r.segment_key, enterpriseId: r.id, uscc: r.uscc, name: r.name, regionCode: r.region_code }));
}

/** Published capacity needs (matching, kind `capacity`) whose industry falls under each segment's industry codes. */
export async function countOpenCapacityNeeds(db: Db, segments: ReadonlyArray<{ key: string; industryCodes: readonly string[] }>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const withCodes = segments.filter((s) => s.industryCodes.length > 0);
  if (withCodes.length === 0) return out;
  const rows = await Promise.all(withCodes.map((s) =>
    db
      .selectFrom('needs')
      .select(sql<string>`count(*)`.as('n'))
      .where('kind', '=', 'capacity')
      .where('status', '=', 'published')
      .where(sql<boolean>`industry_code LIKE ANY (${sql.val(s.industryCodes.map((c) => `${c}%`))}::text[])`)
      .executeTakeFirstOrThrow()));
  withCodes.forEach((s, i) => out.set(s.key, Number(rows[i].n)));
  return out;
}
