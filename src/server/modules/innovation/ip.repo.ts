/** SQL of standard-drafting projects, patent records and per-chain patent coverage. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { containsPattern } from '../../platform/text.js';

type Conn = Db | Tx;

export interface StandardRecord {
  id: string;
  title: string;
  code: string;
  level: 'national' | 'industry' | 'group' | 'international';
  status: 'proposed' | 'drafting' | 'consultation' | 'approved' | 'published';
  leadName: string;
  leadUscc: string;
  regionCode: string;
  chainId: string | null;
  chainName: string | null;
  consortiumId: string | null;
  createdAt: Date;
}

function standardQuery(db: Conn) {
  return db
    .selectFrom('standard_projects as s')
    .innerJoin('enterprises as e', 'e.id', 's.lead_enterprise_id')
    .leftJoin('chains as ch', 'ch.id', 's.chain_id')
    .select([
      's.id', 's.title', 's.code', 's.level', 's.status', 'e.name as leadName', 'e.uscc as leadUscc', 's.region_code as regionCode', 's.chain_id as chainId', 'ch.name as chainName',
      's.consortium_id as consortiumId', 's.created_at as createdAt',
    ]);
}

export async function selectStandard(db: Conn, id: string): Promise<StandardRecord | undefined> {
  return (await standardQuery(db).where('s.id', '=', id).executeTakeFirst()) as StandardRecord | undefined;
}

export async function selectStandards(db: Conn, filter: { q?: string; level?: string; status?: string; beforeId?: string }, limit: number): Promise<StandardRecord[]> {
  let query = standardQuery(db);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) => eb.or([eb('s.title', 'ilike', pattern), eb('s.code', 'ilike', pattern), eb('e.name', 'ilike', pattern)]));
  }
  if (filter.level) query = query.where('s.level', '=', filter.level);
  if (filter.status) query = query.where('s.status', '=', filter.status);
  if (filter.beforeId) query = query.where('s.id', '<', filter.beforeId);
  return (await query.orderBy('s.id', 'desc').limit(limit).execute()) as StandardRecord[];
}

export async function selectParticipants(db: Conn, standardIds: string[]) {
  if (standardIds.length === 0) return [];
  return (await db
    .selectFrom('standard_participants as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select(['p.standard_id as standardId', 'e.uscc', 'e.name', 'p.role'])
    .where('p.standard_id', 'in', standardIds)
    .orderBy(sql`array_position(ARRAY['lead','drafter','reviewer'], p.role)`)
    .orderBy('e.name')
    .execute()) as { standardId: string; uscc: string; name: string; role: 'lead' | 'drafter' | 'reviewer' }[];
}

export async function insertStandard(db: Conn, row: { title: string; code: string; level: string; status: string; leadEnterpriseId: string; regionCode: string; chainId: string | null; consortiumId: string | null; createdBy: string | null }) {
  const { id } = await db
    .insertInto('standard_projects')
    .values({
      title: row.title, code: row.code, level: row.level, status: row.status, lead_enterprise_id: row.leadEnterpriseId, region_code: row.regionCode, chain_id: row.chainId,
      consortium_id: row.consortiumId, created_by: row.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertParticipants(db: Conn, standardId: string, rows: { enterpriseId: string; role: string }[]) {
  if (rows.length === 0) return;
  await db.insertInto('standard_participants').values(rows.map((r) => ({ standard_id: standardId, enterprise_id: r.enterpriseId, role: r.role }))).execute();
}

export async function updateStandard(db: Conn, id: string, change: { status?: string; code?: string }) {
  await db.updateTable('standard_projects').set({ ...change, updated_at: new Date() }).where('id', '=', id).execute();
}

export interface PatentRecord {
  id: string;
  number: string;
  title: string;
  type: 'invention' | 'utility' | 'design';
  holderName: string;
  holderUscc: string;
  holderSize: string | null;
  regionCode: string;
  filedOn: string;
  grantedOn: string | null;
  chainId: string | null;
  chainName: string | null;
  segmentKey: string | null;
  segmentName: string | null;
}

function patentQuery(db: Conn) {
  return db
    .selectFrom('patents as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .leftJoin('chains as ch', 'ch.id', 'p.chain_id')
    .leftJoin('chain_segments as sg', (join) => join.onRef('sg.chain_id', '=', 'p.chain_id').onRef('sg.key', '=', 'p.segment_key'))
    .select([
      'p.id', 'p.number', 'p.title', 'p.type', 'e.name as holderName', 'e.uscc as holderUscc', 'e.size as holderSize', 'p.region_code as regionCode', 'p.filed_on as filedOn',
      'p.granted_on as grantedOn', 'p.chain_id as chainId', 'ch.name as chainName', 'p.segment_key as segmentKey', 'sg.name as segmentName',
    ]);
}

export interface PatentFilter {
  q?: string;
  type?: string;
  chainId?: string;
  segmentKey?: string;
  holderUscc?: string;
  beforeId?: string;
}

export async function selectPatents(db: Conn, filter: PatentFilter, limit: number): Promise<PatentRecord[]> {
  let query = patentQuery(db);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) => eb.or([eb('p.number', 'ilike', pattern), eb('p.title', 'ilike', pattern), eb('e.name', 'ilike', pattern)]));
  }
  if (filter.type) query = query.where('p.type', '=', filter.type);
  if (filter.chainId) query = query.where('p.chain_id', '=', filter.chainId);
  if (filter.segmentKey) query = query.where('p.segment_key', '=', filter.segmentKey);
  if (filter.holderUscc) query = query.where('e.uscc', '=', filter.holderUscc.toUpperCase());
  if (filter.beforeId) query = query.where('p.id', '<', filter.beforeId);
  return (await query.orderBy('p.id', 'desc').limit(limit).execute()) as PatentRecord[];
}

export async function selectPatent(db: Conn, id: string): Promise<PatentRecord | undefined> {
  return (await patentQuery(db).where('p.id', '=', id).executeTakeFirst()) as PatentRecord | undefined;
}

/** Insert a patent; undefined when the number is recorded already. */
export async function insertPatent(db: Conn, row: { number: string; title: string; enterpriseId: string; regionCode: string; type: string; filedOn: string; grantedOn: string | null; chainId: string | null; segmentKey: string | null; createdBy: string | null }) {
  const inserted = await db
    .insertInto('patents')
    .values({
      number: row.number, title: row.title, enterprise_id: row.enterpriseId, region_code: row.regionCode, type: row.type, filed_on: row.filedOn, granted_on: row.grantedOn,
      chain_id: row.chainId, segment_key: row.segmentKey, created_by: row.createdBy,
    })
    .onConflict((oc) => oc.column('number').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

/** Per segment key of a chain: counts of its patents by type, grant, and holder kind (the chain's leaders; SMEs by registry size). */
export async function selectCoverageCounts(db: Conn, chainId: string) {
  return (await db
    .selectFrom('patents as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select([
      'p.segment_key as segmentKey',
      sql<number>`count(*)::int`.as('patents'),
      sql<number>`count(*) FILTER (WHERE p.type = 'invention')::int`.as('invention'),
      sql<number>`count(*) FILTER (WHERE p.granted_on IS NOT NULL)::int`.as('granted'),
      sql<number>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM chain_members m WHERE m.chain_id = p.chain_id AND m.enterprise_id = p.enterprise_id AND m.role = 'leader'))::int`.as('leaderPatents'),
      sql<number>`count(*) FILTER (WHERE e.size IN ('medium','small','micro'))::int`.as('smePatents'),
      sql<number>`count(DISTINCT p.enterprise_id)::int`.as('holders'),
    ])
    .where('p.chain_id', '=', chainId)
    .groupBy('p.segment_key')
    .execute()) as { segmentKey: string | null; patents: number; invention: number; granted: number; leaderPatents: number; smePatents: number; holders: number }[];
}

export async function selectSegmentKeys(db: Conn, chainId: string) {
  return db.selectFrom('chain_segments').select(['key', 'name', 'stage']).where('chain_id', '=', chainId).execute();
}
