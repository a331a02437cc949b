/** SQL of green criteria, yearly indicators and needs' required criteria. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

type Conn = Db | Tx;

export interface CriterionRecord {
  id: string;
  buyerEnterpriseId: string;
  buyerName: string;
  buyerUscc: string;
  regionCode: string;
  name: string;
  kind: 'carbon_intensity' | 'energy_intensity' | 'certification' | 'green_factory';
  threshold: string | null;
  certification: string | null;
  factoryLevel: 'municipal' | 'provincial' | 'national' | null;
  description: string;
  isActive: boolean;
}

function criterionQuery(db: Conn) {
  return db
    .selectFrom('green_criteria as g')
    .innerJoin('enterprises as e', 'e.id', 'g.buyer_enterprise_id')
    .select([
      'g.id', 'g.buyer_enterprise_id as buyerEnterpriseId', 'e.name as buyerName', 'e.uscc as buyerUscc', 'g.region_code as regionCode', 'g.name', 'g.kind', 'g.threshold', 'g.certification',
      'g.factory_level as factoryLevel', 'g.description', 'g.is_active as isActive',
    ]);
}

export async function selectCriteria(db: Conn, filter: { buyerUscc?: string; ids?: string[]; beforeId?: string }, limit: number): Promise<CriterionRecord[]> {
  let query = criterionQuery(db);
  if (filter.buyerUscc) query = query.where('e.uscc', '=', filter.buyerUscc.toUpperCase());
  if (filter.ids) query = query.where('g.id', 'in', filter.ids.length > 0 ? filter.ids : ['0']);
  if (filter.beforeId) query = query.where('g.id', '<', filter.beforeId);
  return (await query.orderBy('g.id', 'desc').limit(limit).execute()) as CriterionRecord[];
}

export async function insertCriterion(db: Conn, row: { buyerEnterpriseId: string; regionCode: string; name: string; kind: string; threshold: number | null; certification: string | null; factoryLevel: string | null; description: string; createdBy: string | null }) {
  const { id } = await db
    .insertInto('green_criteria')
    .values({
      buyer_enterprise_id: row.buyerEnterpriseId, region_code: row.regionCode, name: row.name, kind: row.kind, threshold: row.threshold, certification: row.certification, factory_level: row.factoryLevel,
      description: row.description, created_by: row.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export interface IndicatorRecord {
  enterpriseId: string;
  uscc: string;
  name: string;
  regionCode: string;
  year: number;
  energyTce: string;
  emissionsTco2e: string;
  revenueFen: string;
  certifications: string[];
  factoryLevel: 'municipal' | 'provincial' | 'national' | null;
}

function indicatorQuery(db: Conn) {
  return db
    .selectFrom('green_indicators as g')
    .innerJoin('enterprises as e', 'e.id', 'g.enterprise_id')
    .select(['g.enterprise_id as enterpriseId', 'e.uscc', 'e.name', 'g.region_code as regionCode', 'g.year', 'g.energy_tce as energyTce', 'g.emissions_tco2e as emissionsTco2e', 'g.revenue_fen as revenueFen', 'g.certifications', 'g.factory_level as factoryLevel']);
}

/** Indicators, newest year first; keyset on (enterprise id) is not needed: pages by offset of a small list. */
export async function selectIndicators(db: Conn, filter: { uscc?: string; year?: number; regionPrefix?: string; enterpriseId?: string }, limit: number, offset: number): Promise<IndicatorRecord[]> {
  let query = indicatorQuery(db);
  if (filter.uscc) query = query.where('e.uscc', '=', filter.uscc.toUpperCase());
  if (filter.year) query = query.where('g.year', '=', filter.year);
  if (filter.regionPrefix) query = query.where('g.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.enterpriseId) query = query.where('g.enterprise_id', '=', filter.enterpriseId);
  return (await query.orderBy('g.year', 'desc').orderBy('e.name').orderBy('g.enterprise_id').limit(limit).offset(offset).execute()) as IndicatorRecord[];
}

/** The latest year's indicators of each of the enterprises. */
export async function selectLatestIndicators(db: Conn, enterpriseIds: string[]): Promise<IndicatorRecord[]> {
  if (enterpriseIds.length === 0) return [];
  return (await indicatorQuery(db)
    .where('g.enterprise_id', 'in', enterpriseIds)
    .where(({ eb, ref }) => eb('g.year', '=', eb.selectFrom('green_indicators as l').select(sql<number>`max(l.year)`.as('y')).whereRef('l.enterprise_id', '=', ref('g.enterprise_id'))))
    .execute()) as IndicatorRecord[];
}

export async function upsertIndicator(db: Conn, row: { enterpriseId: string; regionCode: string; year: number; energyTce: number; emissionsTco2e: number; revenueFen: number; certifications: string[]; factoryLevel: string | null; updatedBy: string | null }) {
  const values = {
    enterprise_id: row.enterpriseId, year: row.year, region_code: row.regionCode, energy_tce: row.energyTce, emissions_tco2e: row.emissionsTco2e, revenue_fen: row.revenueFen,
    certifications: row.certifications, factory_level: row.factoryLevel, updated_by: row.updatedBy, updated_at: new Date(),
  };
  await db.insertInto('green_indicators').values(values).onConflict((oc) => oc.columns(['enterprise_id', 'year']).doUpdateSet({ ...values })).execute();
}

export async function selectNeedCriterionIds(db: Conn, needId: string): Promise<string[]> {
  return (await db.selectFrom('need_green_criteria').select('criterion_id').where('need_id', '=', needId).orderBy('criterion_id').execute()).map((r) => r.criterion_id);
}

export async function replaceNeedCriteria(db: Conn, needId: string, criterionIds: string[]) {
  await db.deleteFrom('need_green_criteria').where('need_id', '=', needId).execute();
  if (criterionIds.length > 0) await db.insertInto('need_green_criteria').values(criterionIds.map((id) => ({ need_id: needId, criterion_id: id }))).execute();
}

export async function selectEnterpriseIdsByUscc(db: Conn, usccs: string[]) {
  if (usccs.length === 0) return [];
  return db.selectFrom('enterprises').select(['id', 'uscc', 'certifications']).where('uscc', 'in', usccs).execute();
}

/** Members of a chain by segment. */
export async function selectChainSegmentMembers(db: Conn, chainId: string) {
  return db.selectFrom('chain_members').select(['segment_key as segmentKey', 'enterprise_id as enterpriseId']).where('chain_id', '=', chainId).execute();
}

export async function selectSetting(db: Conn, key: string) {
  return db.selectFrom('platform_settings').select('value').where('key', '=', key).executeTakeFirst();
}
