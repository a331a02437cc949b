/** SQL of regional expert consultation committees (技术专家咨询委员会). */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

type Conn = Db | Tx;

export interface CommitteeRecord {
  id: string;
  regionCode: string;
  name: string;
  field: string;
  description: string;
  isActive: boolean;
  consultationCount: number;
  createdAt: Date;
}

export interface MemberRecord {
  committeeId: string;
  expertId: string;
  name: string;
  affiliation: string;
  fields: string[];
  role: 'chair' | 'member';
}

function committeeQuery(db: Conn) {
  return db
    .selectFrom('expert_committees as k')
    .select([
      'k.id', 'k.region_code as regionCode', 'k.name', 'k.field', 'k.description', 'k.is_active as isActive', 'k.created_at as createdAt',
      sql<number>`(SELECT count(*)::int FROM consultations c WHERE c.committee_id = k.id)`.as('consultationCount'),
    ]);
}

export async function selectCommittee(db: Conn, id: string): Promise<CommitteeRecord | undefined> {
  return (await committeeQuery(db).where('k.id', '=', id).executeTakeFirst()) as CommitteeRecord | undefined;
}

/** Committees by id desc; `regionCodes`: only those of these regions; `regionPrefix`: of a subtree. */
export async function selectCommittees(db: Conn, options: { regionCodes?: readonly string[]; regionPrefix?: string; beforeId?: string; limit: number }): Promise<CommitteeRecord[]> {
  let query = committeeQuery(db).orderBy('k.id', 'desc').limit(options.limit);
  if (options.regionPrefix) query = query.where('k.region_code', 'like', `${options.regionPrefix}%`);
  if (options.regionCodes) query = query.where('k.region_code', 'in', options.regionCodes.length > 0 ? [...options.regionCodes] : ['-']);
  if (options.beforeId) query = query.where('k.id', '<', options.beforeId);
  return (await query.execute()) as CommitteeRecord[];
}

export async function selectMembers(db: Conn, committeeIds: readonly string[]): Promise<MemberRecord[]> {
  if (committeeIds.length === 0) return [];
  return (await db
    .selectFrom('committee_members as m')
    .innerJoin('experts as x', 'x.id', 'm.expert_id')
    .select(['m.committee_id as committeeId', 'm.expert_id as expertId', 'x.name', 'x.affiliation', 'x.fields', 'm.role'])
    .where('m.committee_id', 'in', [...committeeIds])
    .orderBy(sql`m.role = 'chair'`, 'desc')
    .orderBy('m.expert_id')
    .execute()) as MemberRecord[];
}

export async function existingExperts(db: Conn, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('experts').select('id').where('id', 'in', [...ids]).execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertCommittee(tx: Tx, row: { regionCode: string; name: string; field: string; description: string; createdBy: string | null }): Promise<string> {
  const { id } = await tx
    .insertInto('expert_committees')
    .values({ region_code: row.regionCode, name: row.name, field: row.field, description: row.description, created_by: row.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateCommittee(tx: Tx, id: string, row: { name: string; field: string; description: string; isActive: boolean }): Promise<void> {
  await tx.updateTable('expert_committees').set({ name: row.name, field: row.field, description: row.description, is_active: row.isActive, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Replace the members: the chair first, then the others. */
export async function replaceMembers(tx: Tx, committeeId: string, chairId: string, memberIds: readonly string[]): Promise<void> {
  await tx.deleteFrom('committee_members').where('committee_id', '=', committeeId).execute();
  const others = [...new Set(memberIds)].filter((id) => id !== chairId);
  await tx
    .insertInto('committee_members')
    .values([{ committee_id: committeeId, expert_id: chairId, role: 'chair' }, ...others.map((expertId) => ({ committee_id: committeeId, expert_id: expertId, role: 'member' }))])
    .execute();
}
