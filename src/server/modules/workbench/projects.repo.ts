/** SQL of the project database (补链固链强链项目库). Scope: a region prefix (gov) or everything (admin). */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { TaskScope } from './tasks.repo.js';

type Conn = Db | Tx;

export interface ProjectRecord {
  id: string;
  name: string;
  type: string;
  regionCode: string;
  chainId: string;
  chainName: string;
  segmentKey: string;
  segmentName: string;
  weakLinkKind: string | null;
  investmentFen: string;
  status: string;
  progressPct: number;
  startsOn: string | null;
  endsOn: string | null;
  description: string;
  enterpriseCount: number;
  nextTitle: string | null;
  nextDueOn: string | null;
  updatedAt: Date;
}

export interface ProjectFilter {
  regionPrefix?: string;
  chainId?: string;
  type?: string;
  status?: string;
  beforeId?: string;
}

function projectQuery(db: Conn, scope: TaskScope) {
  let q = db
    .selectFrom('chain_projects as p')
    .innerJoin('chains as c', 'c.id', 'p.chain_id')
    .innerJoin('chain_segments as s', (j) => j.onRef('s.chain_id', '=', 'p.chain_id').onRef('s.key', '=', 'p.segment_key'))
    .select([
      'p.id', 'p.name', 'p.type', 'p.region_code as regionCode', 'p.chain_id as chainId', 'c.name as chainName', 'p.segment_key as segmentKey', 's.name as segmentName',
      'p.weak_link_kind as weakLinkKind', sql<string>`p.investment_fen::text`.as('investmentFen'), 'p.status', 'p.progress_pct as progressPct',
      sql<string | null>`p.starts_on::text`.as('startsOn'), sql<string | null>`p.ends_on::text`.as('endsOn'), 'p.description', 'p.updated_at as updatedAt',
      sql<number>`(SELECT count(*)::int FROM chain_project_enterprises e WHERE e.project_id = p.id)`.as('enterpriseCount'),
      sql<string | null>`(SELECT m.title FROM chain_project_milestones m WHERE m.project_id = p.id AND m.done_on IS NULL ORDER BY m.due_on, m.position LIMIT 1)`.as('nextTitle'),
      sql<string | null>`(SELECT m.due_on::text FROM chain_project_milestones m WHERE m.project_id = p.id AND m.done_on IS NULL ORDER BY m.due_on, m.position LIMIT 1)`.as('nextDueOn'),
    ]);
  if (scope.isNone) q = q.where(sql<boolean>`false`);
  else if (scope.prefix !== undefined) q = q.where('p.region_code', 'like', `${scope.prefix}%`);
  return q;
}

/** One project in scope. */
export async function selectProject(db: Conn, id: string, scope: TaskScope): Promise<ProjectRecord | undefined> {
  return projectQuery(db, scope).where('p.id', '=', id).executeTakeFirst() as Promise<ProjectRecord | undefined>;
}

/** A page of projects in scope, newest first. */
export async function selectProjects(db: Conn, scope: TaskScope, filter: ProjectFilter, limit: number): Promise<ProjectRecord[]> {
  let q = projectQuery(db, scope).orderBy('p.id', 'desc').limit(limit);
  if (filter.regionPrefix !== undefined) q = q.where('p.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.chainId) q = q.where('p.chain_id', '=', filter.chainId);
  if (filter.type) q = q.where('p.type', '=', filter.type);
  if (filter.status) q = q.where('p.status', '=', filter.status);
  if (filter.beforeId) q = q.where('p.id', '<', filter.beforeId);
  return (await q.execute()) as ProjectRecord[];
}

export async function selectProjectEnterprises(db: Conn, projectId: string) {
  return db
    .selectFrom('chain_project_enterprises as pe')
    .innerJoin('enterprises as e', 'e.id', 'pe.enterprise_id')
    .select(['e.uscc', 'e.name', 'e.region_code as regionCode', 'pe.role'])
    .where('pe.project_id', '=', projectId)
    .orderBy(sql`pe.role = 'lead'`, 'desc')
    .orderBy('e.name')
    .execute();
}

export async function selectMilestones(db: Conn, projectId: string) {
  return db
    .selectFrom('chain_project_milestones')
    .select(['title', sql<string>`due_on::text`.as('dueOn'), sql<string | null>`done_on::text`.as('doneOn')])
    .where('project_id', '=', projectId)
    .orderBy('position')
    .execute();
}

/** Enterprise ids by USCC (upper case). */
export async function selectEnterpriseIds(db: Conn, usccs: readonly string[]): Promise<Map<string, string>> {
  if (usccs.length === 0) return new Map();
  const rows = await db.selectFrom('enterprises').select(['id', 'uscc']).where('uscc', 'in', [...usccs]).execute();
  return new Map(rows.map((r) => [r.uscc, r.id]));
}

export interface ProjectInsert {
  regionCode: string;
  chainId: string;
  segmentKey: string;
  weakLinkKind: string | null;
  name: string;
  type: string;
  investmentFen: number;
  status: string;
  progressPct: number;
  startsOn: string | null;
  endsOn: string | null;
  description: string;
  createdBy: string | null;
  enterprises: { enterpriseId: string; role: string }[];
  milestones: { title: string; dueOn: string; doneOn?: string | null }[];
}

export async function insertProject(tx: Tx, p: ProjectInsert): Promise<string> {
  const { id } = await tx
    .insertInto('chain_projects')
    .values({
      region_code: p.regionCode, chain_id: p.chainId, segment_key: p.segmentKey, weak_link_kind: p.weakLinkKind, name: p.name, type: p.type, investment_fen: p.investmentFen,
      status: p.status, progress_pct: p.progressPct, starts_on: p.startsOn, ends_on: p.endsOn, description: p.description, created_by: p.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (p.enterprises.length > 0) {
    await tx.insertInto('chain_project_enterprises').values(p.enterprises.map((e) => ({ project_id: id, enterprise_id: e.enterpriseId, role: e.role }))).execute();
  }
  await replaceMilestones(tx, id, p.milestones);
  return id;
}

export async function replaceMilestones(tx: Tx, projectId: string, milestones: { title: string; dueOn: string; doneOn?: string | null }[]): Promise<void> {
  await tx.deleteFrom('chain_project_milestones').where('project_id', '=', projectId).execute();
  if (milestones.length === 0) return;
  await tx
    .insertInto('chain_project_milestones')
    .values(milestones.map((m, position) => ({ project_id: projectId, position, title: m.title, due_on: m.dueOn, done_on: m.doneOn ?? null })))
    .execute();
}

export async function updateProjectRow(tx: Tx, id: string, set: { name?: string; status?: string; progressPct?: number; investmentFen?: number; endsOn?: string | null }): Promise<void> {
  await tx
    .updateTable('chain_projects')
    .set({
      ...(set.name !== undefined ? { name: set.name } : {}),
      ...(set.status !== undefined ? { status: set.status } : {}),
      ...(set.progressPct !== undefined ? { progress_pct: set.progressPct } : {}),
      ...(set.investmentFen !== undefined ? { investment_fen: set.investmentFen } : {}),
      ...(set.endsOn !== undefined ? { ends_on: set.endsOn } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}
