/** SQL of innovation consortia: consortia, members, joint projects, challenge links. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { containsPattern } from '../../platform/text.js';

type Conn = Db | Tx;

export interface ConsortiumRecord {
  id: string;
  name: string;
  field: string;
  description: string;
  status: 'active' | 'closed';
  leadEnterpriseId: string;
  leadName: string;
  leadUscc: string;
  leadOrgId: string | null;
  regionCode: string;
  chainId: string | null;
  chainName: string | null;
  segmentKey: string | null;
  segmentName: string | null;
  activeMemberCount: number;
  projectCount: number;
  budgetFen: string;
  createdAt: Date;
}

function consortiumQuery(db: Conn) {
  return db
    .selectFrom('consortia as c')
    .innerJoin('enterprises as e', 'e.id', 'c.lead_enterprise_id')
    .leftJoin('organisations as o', 'o.uscc', 'e.uscc')
    .leftJoin('chains as ch', 'ch.id', 'c.chain_id')
    .leftJoin('chain_segments as sg', (join) => join.onRef('sg.chain_id', '=', 'c.chain_id').onRef('sg.key', '=', 'c.segment_key'))
    .select([
      'c.id', 'c.name', 'c.field', 'c.description', 'c.status', 'c.lead_enterprise_id as leadEnterpriseId', 'e.name as leadName', 'e.uscc as leadUscc', 'o.id as leadOrgId',
      'c.region_code as regionCode', 'c.chain_id as chainId', 'ch.name as chainName', 'c.segment_key as segmentKey', 'sg.name as segmentName', 'c.created_at as createdAt',
      sql<number>`(SELECT count(*)::int FROM consortium_members m WHERE m.consortium_id = c.id AND m.status = 'active')`.as('activeMemberCount'),
      sql<number>`(SELECT count(*)::int FROM consortium_projects p WHERE p.consortium_id = c.id)`.as('projectCount'),
      sql<string>`(SELECT coalesce(sum(p.budget_fen), 0)::text FROM consortium_projects p WHERE p.consortium_id = c.id)`.as('budgetFen'),
    ]);
}

export async function selectConsortium(db: Conn, id: string, options: { isForUpdate?: boolean } = {}): Promise<ConsortiumRecord | undefined> {
  let query = consortiumQuery(db).where('c.id', '=', id);
  if (options.isForUpdate) query = query.forUpdate('c');
  return (await query.executeTakeFirst()) as ConsortiumRecord | undefined;
}

export interface ConsortiumFilter {
  q?: string;
  status?: string;
  /** Gov users: consortia whose lead is in this region subtree ('' = all). */
  regionPrefix?: string;
  /** Members: consortia their enterprise belongs to (invited or active). */
  memberEnterpriseId?: string;
  beforeId?: string;
}

export async function selectConsortia(db: Conn, filter: ConsortiumFilter, limit: number): Promise<ConsortiumRecord[]> {
  let query = consortiumQuery(db);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) => eb.or([eb('c.name', 'ilike', pattern), eb('c.field', 'ilike', pattern), eb('e.name', 'ilike', pattern)]));
  }
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.regionPrefix) query = query.where('c.region_code', 'like', `${filter.regionPrefix}%`);
  const member = filter.memberEnterpriseId;
  if (member) {
    query = query.where((eb) => eb.exists(eb.selectFrom('consortium_members as m').select('m.enterprise_id').whereRef('m.consortium_id', '=', 'c.id').where('m.enterprise_id', '=', member).where('m.status', '<>', 'declined')));
  }
  if (filter.beforeId) query = query.where('c.id', '<', filter.beforeId);
  return (await query.orderBy('c.id', 'desc').limit(limit).execute()) as ConsortiumRecord[];
}

export async function insertConsortium(db: Conn, row: { name: string; field: string; description: string; leadEnterpriseId: string; regionCode: string; chainId: string | null; segmentKey: string | null; createdBy: string | null }): Promise<string> {
  const { id } = await db
    .insertInto('consortia')
    .values({ name: row.name, field: row.field, description: row.description, lead_enterprise_id: row.leadEnterpriseId, region_code: row.regionCode, chain_id: row.chainId, segment_key: row.segmentKey, created_by: row.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Change the consortium's own fields (those given). */
export async function updateConsortium(db: Conn, id: string, change: { name?: string; field?: string; description?: string; chainId?: string | null; segmentKey?: string | null }): Promise<void> {
  await db
    .updateTable('consortia')
    .set({
      ...(change.name === undefined ? {} : { name: change.name }), ...(change.field === undefined ? {} : { field: change.field }),
      ...(change.description === undefined ? {} : { description: change.description }), ...(change.chainId === undefined ? {} : { chain_id: change.chainId }),
      ...(change.segmentKey === undefined ? {} : { segment_key: change.segmentKey }), updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

/** Enterprises whose name contains `q` or (alphanumeric `q`) whose USCC starts with it; shortest names first. */
export async function selectCandidates(db: Conn, q: string, limit: number): Promise<{ uscc: string; name: string; regionCode: string }[]> {
  const upper = q.toUpperCase();
  const isUsccPrefix = /^[0-9A-Z]+$/.test(upper);
  return db
    .selectFrom('enterprises as e')
    .select(['e.uscc', 'e.name', 'e.region_code as regionCode'])
    .where((eb) => eb.or([eb('e.name', 'ilike', containsPattern(q)), ...(isUsccPrefix ? [eb('e.uscc', 'like', `${upper}%`)] : [])]))
    .orderBy(sql`length(e.name)`)
    .orderBy('e.name')
    .limit(limit)
    .execute();
}

export interface MemberRecord {
  enterpriseId: string;
  uscc: string;
  name: string;
  regionCode: string;
  role: 'lead' | 'sme' | 'institute' | 'university';
  status: 'invited' | 'active' | 'declined';
  invitedAt: Date;
  respondedAt: Date | null;
}

export async function selectMembers(db: Conn, consortiumId: string): Promise<MemberRecord[]> {
  return (await db
    .selectFrom('consortium_members as m')
    .innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
    .select(['m.enterprise_id as enterpriseId', 'e.uscc', 'e.name', 'e.region_code as regionCode', 'm.role', 'm.status', 'm.invited_at as invitedAt', 'm.responded_at as respondedAt'])
    .where('m.consortium_id', '=', consortiumId)
    .orderBy(sql`m.role = 'lead'`, 'desc')
    .orderBy('m.invited_at')
    .orderBy('m.enterprise_id')
    .execute()) as MemberRecord[];
}

/** Insert a member; undefined when the enterprise is already one. */
export async function insertMember(db: Conn, row: { consortiumId: string; enterpriseId: string; role: string; status: 'invited' | 'active'; invitedBy: string | null }) {
  return db
    .insertInto('consortium_members')
    .values({ consortium_id: row.consortiumId, enterprise_id: row.enterpriseId, role: row.role, status: row.status, invited_by: row.invitedBy, responded_at: row.status === 'active' ? new Date() : null })
    .onConflict((oc) => oc.columns(['consortium_id', 'enterprise_id']).doNothing())
    .returning('enterprise_id')
    .executeTakeFirst();
}

/** Answer a pending invitation; undefined when there is none pending. */
export async function respondInvitation(db: Conn, consortiumId: string, enterpriseId: string, status: 'active' | 'declined') {
  return db
    .updateTable('consortium_members')
    .set({ status, responded_at: new Date() })
    .where('consortium_id', '=', consortiumId)
    .where('enterprise_id', '=', enterpriseId)
    .where('status', '=', 'invited')
    .returning('role')
    .executeTakeFirst();
}

export interface ProjectRecord {
  id: string;
  consortiumId: string;
  title: string;
  goal: string;
  budgetFen: string;
  startsOn: string;
  endsOn: string;
  status: 'planned' | 'active' | 'completed' | 'terminated';
  milestones: { title: string; dueOn: string; isDone: boolean }[];
}

function projectQuery(db: Conn) {
  return db
    .selectFrom('consortium_projects as p')
    .select(['p.id', 'p.consortium_id as consortiumId', 'p.title', 'p.goal', 'p.budget_fen as budgetFen', 'p.starts_on as startsOn', 'p.ends_on as endsOn', 'p.status', 'p.milestones']);
}

export async function selectProjects(db: Conn, consortiumId: string): Promise<ProjectRecord[]> {
  return (await projectQuery(db).where('p.consortium_id', '=', consortiumId).orderBy('p.id').execute()) as ProjectRecord[];
}

export async function selectProject(db: Conn, id: string): Promise<ProjectRecord | undefined> {
  return (await projectQuery(db).where('p.id', '=', id).executeTakeFirst()) as ProjectRecord | undefined;
}

export async function insertProject(db: Conn, row: Omit<ProjectRecord, 'id'> & { createdBy: string | null }): Promise<string> {
  const { id } = await db
    .insertInto('consortium_projects')
    .values({
      consortium_id: row.consortiumId, title: row.title, goal: row.goal, budget_fen: row.budgetFen, starts_on: row.startsOn, ends_on: row.endsOn, status: row.status,
      milestones: JSON.stringify(row.milestones), created_by: row.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateProject(db: Conn, id: string, change: { status?: string; milestones?: ProjectRecord['milestones'] }): Promise<void> {
  await db
    .updateTable('consortium_projects')
    .set({ ...(change.status ? { status: change.status } : {}), ...(change.milestones ? { milestones: JSON.stringify(change.milestones) } : {}), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function selectLinkedChallenges(db: Conn, consortiumId: string) {
  return db
    .selectFrom('consortium_challenges as l')
    .innerJoin('challenges as ch', 'ch.id', 'l.challenge_id')
    .select(['ch.id', 'ch.title'])
    .where('l.consortium_id', '=', consortiumId)
    .orderBy('ch.id')
    .execute();
}

export async function insertChallengeLink(db: Conn, consortiumId: string, challengeId: string) {
  return db
    .insertInto('consortium_challenges')
    .values({ consortium_id: consortiumId, challenge_id: challengeId })
    .onConflict((oc) => oc.columns(['consortium_id', 'challenge_id']).doNothing())
    .returning('challenge_id')
    .executeTakeFirst();
}

export async function selectLinkedStandards(db: Conn, consortiumId: string) {
  return db.selectFrom('standard_projects').select(['id', 'title', 'level', 'status']).where('consortium_id', '=', consortiumId).orderBy('id').execute();
}

export async function selectChainName(db: Conn, id: string) {
  return db.selectFrom('chains').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function selectSegmentName(db: Conn, chainId: string, key: string) {
  return db.selectFrom('chain_segments').select(['key', 'name']).where('chain_id', '=', chainId).where('key', '=', key).executeTakeFirst();
}
