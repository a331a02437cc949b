/**
 * Project database (补链固链强链项目库): a region's chain-strengthening projects. Gov users keep the
 * projects of their region and below (a project outside the scope is 404); admins all. Every write
 * is one transaction with its audit entry; the audit entries are the project's timeline.
 */
import type { CreateProjectBody, ListProjectsQuery, ProjectDetailView, ProjectView, UpdateProjectBody } from '../../../contracts/projects.js';
import type { Db, Tx } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { REGION_ROOT, isRegionCode, isRegionWithin, regionPrefix } from '../../platform/regions.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { getChain } from '../chains/chains.service.js';
import * as repo from './projects.repo.js';
import { canUseTasks } from './tasks.policy.js';
import { regionNameOf } from './tasks.present.js';
import { taskScopeOf } from './tasks.service.js';

/** Entity type of projects in the audit log (the timeline). */
export const PROJECT_ENTITY = 'chain_project';

/** @throws forbidden for members and experts. */
export function requireProjectRole(actor: Actor): void {
  if (!canUseTasks(actor)) throw new AppError('forbidden', 'Only gov users keep the project database', { userMessage: '只有政府主管部门可以使用项目库' });
}

const userIdOf = (actor: Actor) => (actor.userId === '0' ? null : actor.userId);

/** A chain's region and segment names, cached across the rows of an import. */
type ChainLookup = (chainId: string) => Promise<{ regionCode: string; segments: Map<string, string> } | undefined>;

export function chainLookup(db: Db | Tx, actor: Actor): ChainLookup {
  const cache = new Map<string, Promise<{ regionCode: string; segments: Map<string, string> } | undefined>>();
  return (chainId) => {
    let hit = cache.get(chainId);
    if (!hit) {
      hit = getChain(db, actor, chainId).then(
        (v) => ({ regionCode: v.chain.regionCode, segments: new Map(v.segments.map((s) => [s.key, s.name])) }),
        (e: unknown) => {
          if (e instanceof AppError && e.code === 'not_found') return undefined;
          throw e;
        },
      );
      cache.set(chainId, hit);
    }
    return hit;
  };
}

/**
 * Check a new project against the chain, the caller's scope and the registry; field paths start
 * with `at`. Returns the row to insert, or the errors (and `isOutOfScope` when the region is outside
 * the caller's scope: 404 for a single create).
 */
export async function resolveProject(db: Db | Tx, actor: Actor, body: CreateProjectBody, lookup: ChainLookup, at = ''): Promise<{ insert?: repo.ProjectInsert; errors: FieldError[]; isOutOfScope?: boolean }> {
  const errors: FieldError[] = [];
  const own = actor.role === 'gov' ? actor.regionCode ?? REGION_ROOT : REGION_ROOT;
  const chain = await lookup(body.chainId);
  if (!chain) return { errors: [{ path: `${at}chainId`, message: `产业链 ${body.chainId} 不存在` }] };
  const regionCode = body.regionCode ?? (isRegionWithin(chain.regionCode, own) ? chain.regionCode : own);
  if (regionCode !== REGION_ROOT && !isRegionCode(regionCode)) errors.push({ path: `${at}regionCode`, message: `未知的行政区划代码 ${regionCode}` });
  else if (!isRegionWithin(regionCode, own)) return { errors: [{ path: `${at}regionCode`, message: '不在您的管辖范围内' }], isOutOfScope: true };
  else if (!isRegionWithin(regionCode, chain.regionCode)) errors.push({ path: `${at}regionCode`, message: '项目所在地区应在产业链图谱所属地区之内' });
  if (!chain.segments.has(body.segmentKey)) errors.push({ path: `${at}segmentKey`, message: `产业链中没有环节 ${body.segmentKey}` });
  if (body.startsOn && body.endsOn && body.endsOn < body.startsOn) errors.push({ path: `${at}endsOn`, message: '结束日期不能早于开始日期' });
  const usccs = body.enterprises.map((e) => e.uscc.toUpperCase());
  const ids = await repo.selectEnterpriseIds(db, usccs);
  const seen = new Set<string>();
  usccs.forEach((u, i) => {
    if (!ids.has(u)) errors.push({ path: `${at}enterprises.${i}.uscc`, message: `企业库中没有 ${u}` });
    else if (seen.has(u)) errors.push({ path: `${at}enterprises.${i}.uscc`, message: `${u} 重复` });
    seen.add(u);
  });
  if (errors.length > 0) return { errors };
  return {
    errors,
    insert: {
      regionCode, chainId: body.chainId, segmentKey: body.segmentKey, weakLinkKind: body.weakLinkKind ?? null, name: body.name, type: body.type, investmentFen: body.investmentFen,
      status: body.status, progressPct: body.progressPct, startsOn: body.startsOn ?? null, endsOn: body.endsOn ?? null, description: body.description, createdBy: userIdOf(actor),
      enterprises: usccs.map((u, i) => ({ enterpriseId: ids.get(u)!, role: body.enterprises[i].role })), milestones: body.milestones,
    },
  };
}

/** Insert resolved projects and their audit entries (inside the caller's transaction). */
export async function insertProjects(tx: Tx, context: WriteContext, rows: { insert: repo.ProjectInsert; body: CreateProjectBody }[], action = 'chain_project.create'): Promise<string[]> {
  const ids: string[] = [];
  for (const row of rows) ids.push(await repo.insertProject(tx, row.insert));
  await recordWrites(tx, context, rows.map((row, i) => ({ action, entityType: PROJECT_ENTITY, entityKey: ids[i], regionCode: row.insert.regionCode, after: { ...row.body, regionCode: row.insert.regionCode } })));
  return ids;
}

/**
 * Create a project. @throws forbidden for members and experts; not_found for a region outside the
 * scope; validation_failed naming `chainId`, `segmentKey`, `regionCode`, `endsOn` or `enterprises.N.uscc`.
 */
export async function createProject(db: Db, context: WriteContext, body: CreateProjectBody): Promise<{ id: string }> {
  requireProjectRole(context.actor);
  const resolved = await resolveProject(db, context.actor, body, chainLookup(db, context.actor));
  if (resolved.isOutOfScope) throw notFound('行政区划');
  if (!resolved.insert) throw invalid(resolved.errors);
  const insert = resolved.insert;
  const [id] = await db.transaction().execute((tx) => insertProjects(tx, context, [{ insert, body }]));
  return { id };
}

/** One project in the actor's scope. @throws not_found, forbidden */
export async function getProjectRecord(db: Db | Tx, actor: Actor, id: string): Promise<repo.ProjectRecord> {
  requireProjectRole(actor);
  const project = /^\d{1,18}$/.test(id) ? await repo.selectProject(db, id, taskScopeOf(actor)) : undefined;
  if (!project) throw notFound('项目');
  return project;
}

export function presentProject(p: repo.ProjectRecord): ProjectView {
  return {
    id: p.id, name: p.name, type: p.type as ProjectView['type'], regionCode: p.regionCode, regionName: regionNameOf(p.regionCode), chainId: p.chainId, chainName: p.chainName,
    segmentKey: p.segmentKey, segmentName: p.segmentName, weakLinkKind: p.weakLinkKind as ProjectView['weakLinkKind'], investmentFen: Number(p.investmentFen),
    status: p.status as ProjectView['status'], progressPct: p.progressPct, startsOn: p.startsOn, endsOn: p.endsOn, description: p.description, enterpriseCount: p.enterpriseCount,
    nextMilestone: p.nextTitle && p.nextDueOn ? { title: p.nextTitle, dueOn: p.nextDueOn } : null, updatedAt: p.updatedAt.toISOString(),
  };
}

/** The project with its enterprises and milestones. @throws not_found */
export async function getProject(db: Db, actor: Actor, id: string): Promise<ProjectDetailView> {
  const project = await getProjectRecord(db, actor, id);
  const [enterprises, milestones] = await Promise.all([repo.selectProjectEnterprises(db, project.id), repo.selectMilestones(db, project.id)]);
  const today = businessDate();
  return {
    ...presentProject(project),
    enterprises: enterprises.map((e) => ({ ...e, role: e.role as 'lead' | 'participant' })),
    milestones: milestones.map((m) => ({ ...m, isOverdue: m.doneOn === null && m.dueOn < today })),
  };
}

/** Projects in the actor's scope, newest first. @throws forbidden; validation_failed naming `region` */
export async function listProjects(db: Db, actor: Actor, query: ListProjectsQuery) {
  requireProjectRole(actor);
  if (query.region && query.region !== REGION_ROOT && !isRegionCode(query.region)) throw invalid([{ path: 'region', message: `未知的行政区划代码 ${query.region}` }]);
  const filter = { regionPrefix: query.region ? regionPrefix(query.region) : undefined, chainId: query.chain, type: query.type, status: query.status, beforeId: decodeCursor(query.cursor) };
  const rows = await repo.selectProjects(db, taskScopeOf(actor), filter, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items: items.map(presentProject), nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** Update status, progress, investment, end date or milestones; the change goes to the timeline. @throws not_found; validation_failed */
export async function updateProject(db: Db, context: WriteContext, id: string, body: UpdateProjectBody): Promise<ProjectDetailView> {
  const { note, milestones, ...set } = body;
  if (Object.keys(set).length === 0 && milestones === undefined) throw invalid([{ path: 'status', message: '请至少修改一项' }]);
  await db.transaction().execute(async (tx) => {
    const before = await getProjectRecord(tx, context.actor, id);
    if (set.endsOn && before.startsOn && set.endsOn < before.startsOn) throw invalid([{ path: 'endsOn', message: '结束日期不能早于开始日期' }]);
    const oldMilestones = milestones ? await repo.selectMilestones(tx, id) : undefined;
    await repo.updateProjectRow(tx, id, set);
    if (milestones) await repo.replaceMilestones(tx, id, milestones);
    const was: Record<string, unknown> = { name: before.name, status: before.status, progressPct: before.progressPct, investmentFen: Number(before.investmentFen), endsOn: before.endsOn };
    await recordWrites(tx, context, [{
      action: 'chain_project.update', entityType: PROJECT_ENTITY, entityKey: id, regionCode: before.regionCode,
      before: { ...Object.fromEntries(Object.keys(set).map((k) => [k, was[k]])), ...(oldMilestones ? { milestones: oldMilestones } : {}) },
      after: { ...set, ...(milestones ? { milestones } : {}), ...(note ? { note } : {}) },
    }]);
  });
  return getProject(db, context.actor, id);
}
