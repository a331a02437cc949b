/** SQL of review panels (评审组): the panel, its members and their declared conflicts. No rules here. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

type Conn = Db | Tx;

/** A panel with its chair's name. */
export interface PanelRecord {
  id: string;
  challengeId: string;
  regionCode: string;
  name: string;
  chairExpertId: string;
  chairName: string;
  state: 'forming' | 'scoring' | 'concluded';
  createdAt: Date;
  concludedAt: Date | null;
}

/** The panel of a challenge, optionally locked. */
export async function selectPanel(db: Conn, challengeId: string, options: { isForUpdate?: boolean } = {}): Promise<PanelRecord | undefined> {
  let query = db
    .selectFrom('review_panels as p')
    .innerJoin('experts as x', 'x.id', 'p.chair_expert_id')
    .select(['p.id', 'p.challenge_id as challengeId', 'p.region_code as regionCode', 'p.name', 'p.chair_expert_id as chairExpertId', 'x.name as chairName', 'p.state', 'p.created_at as createdAt', 'p.concluded_at as concludedAt'])
    .where('p.challenge_id', '=', challengeId);
  if (options.isForUpdate) query = query.forUpdate('p');
  return (await query.executeTakeFirst()) as PanelRecord | undefined;
}

/** A member with their review counts on the panel's challenge. */
export interface MemberRecord {
  expertId: string;
  name: string;
  affiliation: string;
  fields: string[];
  declaredAt: Date | null;
  assigned: number;
  submitted: number;
}

/** Members of a panel, by name. */
export async function selectMembers(db: Conn, panelId: string, challengeId: string): Promise<MemberRecord[]> {
  return db
    .selectFrom('review_panel_members as m')
    .innerJoin('experts as x', 'x.id', 'm.expert_id')
    .select([
      'm.expert_id as expertId', 'x.name', 'x.affiliation', 'x.fields', 'm.declared_at as declaredAt',
      sql<number>`(SELECT count(*)::int FROM review_assignments r WHERE r.challenge_id = ${challengeId} AND r.expert_id = m.expert_id)`.as('assigned'),
      sql<number>`(SELECT count(*)::int FROM review_assignments r WHERE r.challenge_id = ${challengeId} AND r.expert_id = m.expert_id AND r.status = 'submitted')`.as('submitted'),
    ])
    .where('m.panel_id', '=', panelId)
    .orderBy('x.name')
    .orderBy('m.expert_id')
    .execute();
}

/** Conflicts declared on a panel, with the applicant's code and name. */
export async function selectPanelConflicts(db: Conn, panelId: string) {
  return db
    .selectFrom('review_panel_conflicts as c')
    .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .select(['c.expert_id as expertId', 'c.enterprise_id as enterpriseId', 'e.uscc', 'e.name as applicantName', 'c.reason'])
    .where('c.panel_id', '=', panelId)
    .orderBy('e.name')
    .execute();
}

/** Applicants of a challenge (withdrawn ones too: a conflict may still be declared), by name. */
export async function selectApplicants(db: Conn, challengeId: string) {
  return db
    .selectFrom('challenge_applications as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select(['a.id as applicationId', 'a.enterprise_id as enterpriseId', 'e.uscc', 'e.name'])
    .where('a.challenge_id', '=', challengeId)
    .orderBy('e.name')
    .execute();
}

/** Experts that exist among `ids`. */
export async function selectExistingExperts(db: Conn, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('experts').select('id').where('id', 'in', [...ids]).execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertPanel(tx: Tx, row: { challengeId: string; regionCode: string; name: string; chairExpertId: string; createdBy: string | null }): Promise<string> {
  const { id } = await tx
    .insertInto('review_panels')
    .values({ challenge_id: row.challengeId, region_code: row.regionCode, name: row.name, chair_expert_id: row.chairExpertId, created_by: row.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updatePanel(tx: Tx, id: string, set: { name?: string; chairExpertId?: string; state?: PanelRecord['state']; concludedAt?: Date }): Promise<void> {
  await tx
    .updateTable('review_panels')
    .set({ name: set.name, chair_expert_id: set.chairExpertId, state: set.state, concluded_at: set.concludedAt, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Make the members exactly `expertIds`: removed members lose their declarations, kept ones keep them. */
export async function replaceMembers(tx: Tx, panelId: string, expertIds: readonly string[]): Promise<void> {
  await tx.deleteFrom('review_panel_conflicts').where('panel_id', '=', panelId).where('expert_id', 'not in', [...expertIds]).execute();
  await tx.deleteFrom('review_panel_members').where('panel_id', '=', panelId).where('expert_id', 'not in', [...expertIds]).execute();
  await tx
    .insertInto('review_panel_members')
    .values(expertIds.map((expertId) => ({ panel_id: panelId, expert_id: expertId })))
    .onConflict((oc) => oc.columns(['panel_id', 'expert_id']).doNothing())
    .execute();
}

/** Replace a member's declaration (conflicts by enterprise) and stamp it. */
export async function replaceDeclaration(tx: Tx, panelId: string, expertId: string, conflicts: readonly { enterpriseId: string; reason: string }[]): Promise<void> {
  await tx.deleteFrom('review_panel_conflicts').where('panel_id', '=', panelId).where('expert_id', '=', expertId).execute();
  if (conflicts.length > 0) {
    await tx.insertInto('review_panel_conflicts').values(conflicts.map((c) => ({ panel_id: panelId, expert_id: expertId, enterprise_id: c.enterpriseId, reason: c.reason }))).execute();
  }
  await tx.updateTable('review_panel_members').set({ declared_at: new Date() }).where('panel_id', '=', panelId).where('expert_id', '=', expertId).execute();
}

/** Remove an expert's assignments on these applications (a declared conflict); the removed ids. */
export async function deleteAssignments(tx: Tx, expertId: string, applicationIds: readonly string[]): Promise<string[]> {
  if (applicationIds.length === 0) return [];
  const rows = await tx.deleteFrom('review_assignments').where('expert_id', '=', expertId).where('application_id', 'in', [...applicationIds]).returning('id').execute();
  return rows.map((r) => r.id);
}

/** Whether an expert is a member of a panel. */
export async function isMember(db: Conn, panelId: string, expertId: string): Promise<boolean> {
  const row = await db.selectFrom('review_panel_members').select('expert_id').where('panel_id', '=', panelId).where('expert_id', '=', expertId).executeTakeFirst();
  return row !== undefined;
}
