/**
 * Tasks down the region hierarchy (任务层层分解): create, dispatch to lower regions, accept,
 * report, remind, and the roll-up that climbs back up. Rules here; SQL in the repo; who may what
 * in the policy. See ADR 0014.
 */
import type { CreateTaskBody, DispatchBody, ListTasksQuery, ReportBody, RollupView, TaskDetailView } from '../../../contracts/workbench.js';
import type { Db, Tx } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { listFilesOf } from '../../platform/files.js';
import { businessDate } from '../../platform/dates.js';
import { REGION_ROOT, isRegionCode, isRegionWithin, regionPrefix } from '../../platform/regions.js';
import { regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { findTaskMetric } from './tasks.metrics.js';
import { canDispatchTo, canUseTasks, isOwnTask } from './tasks.policy.js';
import { notify } from './notifications.service.js';
import { presentRollup, presentTaskDetail, regionNameOf } from './tasks.present.js';
import * as repo from './tasks.repo.js';
import { rollUp, type RollupNode } from './tasks.rollup.js';

/** Entity type of tasks in the audit log and change feed. */
export const TASK_ENTITY = 'task';

const NOT_FOUND = '任务';

/** Web path of a task's page (notification links). */
const taskLink = (id: string) => `/dispatch/tasks/${id}`;

/** The SQL scope of tasks for an actor: gov users their region and below, admins all, others none. */
export function taskScopeOf(actor: Actor): repo.TaskScope {
  const scope = regionScopeOf(actor);
  if (scope.kind === 'all') return {};
  if (scope.kind === 'prefix') return { prefix: scope.prefix };
  return { isNone: true };
}

function requireTaskRole(actor: Actor): void {
  if (!canUseTasks(actor)) throw new AppError('forbidden', 'Only gov users work with tasks', { userMessage: '只有政府主管部门可以下发和报送任务' });
}

/**
 * One task the actor may see.
 * @throws not_found when it does not exist or lies outside the actor's region scope.
 */
export async function getTask(db: Db | Tx, actor: Actor, id: string, options: { isForUpdate?: boolean } = {}): Promise<repo.TaskRecord> {
  if (!/^\d{1,18}$/.test(id)) throw notFound(NOT_FOUND);
  const task = await repo.selectTask(db, id, taskScopeOf(actor), options);
  if (!task) throw notFound(NOT_FOUND);
  return task;
}

/**
 * A task of the actor's own level (for accept, dispatch, report). Someone else's task looks missing.
 * @throws not_found
 */
export async function getOwnTask(tx: Tx, actor: Actor, id: string): Promise<repo.TaskRecord> {
  const task = await getTask(tx, actor, id, { isForUpdate: true });
  if (!isOwnTask(actor, task)) throw notFound(NOT_FOUND);
  return task;
}

/** A task with its last 50 reports and reminders. @throws not_found */
export async function getTaskDetail(db: Db, actor: Actor, id: string): Promise<TaskDetailView> {
  const task = await getTask(db, actor, id);
  const [reports, reminders] = await Promise.all([repo.selectReports(db, task.id, 50), repo.selectReminders(db, task.id, 50)]);
  const files = await listFilesOf(db, repo.TASK_REPORT_FILES, reports.map((r) => r.id));
  return presentTaskDetail(actor, task, businessDate(), reports, reminders, files);
}

/** A page of tasks in the actor's scope, newest first. @throws validation_failed on a bad cursor or region. */
export async function listTasks(db: Db, actor: Actor, query: ListTasksQuery): Promise<{ items: repo.TaskRecord[]; nextCursor: string | null; total: number }> {
  const scope = taskScopeOf(actor);
  const filter: repo.TaskFilter = {
    ownRegion: query.mine === 'true' ? actor.regionCode ?? (actor.role === 'platform_admin' ? undefined : '-') : undefined,
    status: query.status,
    overdueBefore: query.overdue === 'true' ? businessDate() : undefined,
    q: query.q || undefined,
    isTopOnly: query.rootsOnly === 'true',
  };
  if (query.region) {
    if (query.region !== REGION_ROOT && !isRegionCode(query.region)) throw invalid([{ path: 'region', message: `未知的行政区划代码 ${query.region}` }]);
    filter.regionPrefix = regionPrefix(query.region);
  }
  const rows = await repo.selectTasks(db, scope, { ...filter, beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const items = rows.slice(0, query.limit);
  const total = await repo.countTasks(db, scope, filter);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null, total };
}

function checkMetric(key: string | undefined, errors: FieldError[]): string | null {
  if (!key) return null;
  if (!findTaskMetric(key)) errors.push({ path: 'metric', message: `未知的统计指标 ${key}` });
  return key;
}

/**
 * Create a task for the actor's own region (accepted at once) or for a region below it (waiting
 * for that level to accept).
 * @throws forbidden for members and experts; not_found when the region lies outside the actor's
 *   scope; validation_failed (dueOn in the past, unknown region or metric).
 */
export async function createTask(db: Db, context: WriteContext, body: CreateTaskBody): Promise<{ id: string }> {
  const { actor } = context;
  requireTaskRole(actor);
  const errors: FieldError[] = [];
  if (body.regionCode !== REGION_ROOT && !isRegionCode(body.regionCode)) errors.push({ path: 'regionCode', message: `未知的行政区划代码 ${body.regionCode}` });
  else if (actor.role === 'gov' && !isRegionWithin(body.regionCode, actor.regionCode!)) throw notFound('行政区划');
  const today = businessDate();
  if (body.dueOn < today) errors.push({ path: 'dueOn', message: '截止日期不能早于今天' });
  const metric = checkMetric(body.metric, errors);
  if (errors.length > 0) throw invalid(errors);
  const isOwn = actor.role === 'gov' && actor.regionCode === body.regionCode;
  const write: repo.TaskInsert = {
    parentId: null, depth: 0, regionCode: body.regionCode, title: body.title, description: body.description ?? '', metric, target: body.target ?? 0,
    startsOn: today, dueOn: body.dueOn, status: isOwn ? 'accepted' : 'dispatched', createdBy: userIdOf(actor),
  };
  const id = await db.transaction().execute(async (tx) => {
    const taskId = await repo.insertTask(tx, write);
    await recordWrites(tx, context, [{ action: 'task.create', entityType: TASK_ENTITY, entityKey: taskId, regionCode: write.regionCode, after: write }]);
    return taskId;
  });
  return { id };
}

export function userIdOf(actor: Actor): string | null {
  return actor.userId === '0' ? null : actor.userId;
}

/**
 * Decompose an accepted task of the actor's own level into sub-tasks for regions below it.
 * @throws not_found (the task is someone else's or unseen; a child region outside the task's
 *   subtree or the actor's scope); invalid_state unless accepted; validation_failed (a child due
 *   after the parent or in the past, an unknown or repeated region, one that already has a sub-task).
 */
export async function dispatchTask(db: Db, context: WriteContext, id: string, body: DispatchBody): Promise<{ children: { id: string; regionCode: string }[] }> {
  const { actor } = context;
  requireTaskRole(actor);
  return db.transaction().execute(async (tx) => {
    const task = await getOwnTask(tx, actor, id);
    if (task.status !== 'accepted') throw new AppError('invalid_state', `Task is ${task.status}`, { userMessage: task.status === 'dispatched' ? '请先接收任务再分解下发' : '已完成的任务不能再分解' });
    const errors: FieldError[] = [];
    const today = businessDate();
    const existing = await repo.selectChildRegions(tx, task.id);
    const seen = new Set<string>();
    body.children.forEach((child, i) => {
      if (!isRegionCode(child.regionCode)) {
        errors.push({ path: `children.${i}.regionCode`, message: `未知的行政区划代码 ${child.regionCode}` });
        return;
      }
      if (!canDispatchTo(actor, task.regionCode, child.regionCode)) throw notFound('行政区划');
      if (seen.has(child.regionCode) || existing.has(child.regionCode)) errors.push({ path: `children.${i}.regionCode`, message: '该地区已有此任务的子任务' });
      seen.add(child.regionCode);
      if (child.dueOn > task.dueOn) errors.push({ path: `children.${i}.dueOn`, message: `子任务截止日期不能晚于上级任务（${task.dueOn}）` });
      else if (child.dueOn < today) errors.push({ path: `children.${i}.dueOn`, message: '截止日期不能早于今天' });
    });
    if (errors.length > 0) throw invalid(errors);
    const created: { id: string; regionCode: string }[] = [];
    for (const child of body.children) {
      const write: repo.TaskInsert = {
        rootId: task.rootId, parentId: task.id, depth: task.depth + 1, regionCode: child.regionCode, title: child.title ?? task.title, description: task.description,
        metric: task.metric, target: child.target, startsOn: task.startsOn, dueOn: child.dueOn, status: 'dispatched', createdBy: userIdOf(actor),
      };
      const childId = await repo.insertTask(tx, write);
      created.push({ id: childId, regionCode: child.regionCode });
    }
    await recordWrites(tx, context, [
      { action: 'task.dispatch', entityType: TASK_ENTITY, entityKey: task.id, regionCode: task.regionCode, before: { childCount: task.childCount }, after: { children: body.children } },
      ...created.map((c, i) => ({ action: 'task.create', entityType: TASK_ENTITY, entityKey: c.id, regionCode: c.regionCode, after: { parentId: task.id, ...body.children[i] } })),
    ]);
    for (const [i, c] of created.entries()) {
      await notify(tx, actor, { govOfRegion: c.regionCode }, {
        kind: 'task.dispatched', params: { title: body.children[i].title ?? task.title, from: regionNameOf(task.regionCode), dueOn: body.children[i].dueOn, target: body.children[i].target },
        link: taskLink(c.id), entityType: TASK_ENTITY, entityKey: c.id,
      });
    }
    return { children: created };
  });
}

/** The level a task was dispatched to accepts it. @throws not_found; invalid_state unless dispatched. */
export async function acceptTask(db: Db, context: WriteContext, id: string): Promise<{ id: string; status: 'accepted' }> {
  requireTaskRole(context.actor);
  return db.transaction().execute(async (tx) => {
    const task = await getOwnTask(tx, context.actor, id);
    if (task.status !== 'dispatched') throw new AppError('invalid_state', `Task is ${task.status}`, { userMessage: '任务已接收' });
    await repo.markAccepted(tx, task.id, userIdOf(context.actor));
    await recordWrites(tx, context, [{ action: 'task.accept', entityType: TASK_ENTITY, entityKey: task.id, regionCode: task.regionCode, before: { status: task.status }, after: { status: 'accepted' } }]);
    return { id: task.id, status: 'accepted' as const };
  });
}

/** Figures the platform counts for metric leaves of `tasks` (by id). */
async function countedDone(db: Db | Tx, tasks: repo.TaskRecord[], hasChildren: Set<string>, today: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const task of tasks) {
    const metric = task.metric ? findTaskMetric(task.metric) : undefined;
    if (!metric || hasChildren.has(task.id)) continue;
    const toDate = today < task.dueOn ? today : task.dueOn;
    out.set(task.id, toDate < task.startsOn ? 0 : await metric.count(db as Db, { regionPrefix: regionPrefix(task.regionCode), fromDate: task.startsOn, toDate }));
  }
  return out;
}

/** The task and its descendants, with their roll-up figures. */
async function subtreeFigures(db: Db | Tx, task: repo.TaskRecord, today: string) {
  const tree = await repo.selectTree(db, task.rootId);
  const byParent = new Map<string, repo.TaskRecord[]>();
  for (const t of tree) {
    if (t.parentId === null) continue;
    const list = byParent.get(t.parentId) ?? [];
    list.push(t);
    byParent.set(t.parentId, list);
  }
  const subtree: repo.TaskRecord[] = [];
  const stack = [tree.find((t) => t.id === task.id) ?? task];
  while (stack.length > 0) {
    const next = stack.pop()!;
    subtree.push(next);
    stack.push(...(byParent.get(next.id) ?? []));
  }
  const counted = await countedDone(db, subtree, new Set(byParent.keys()), today);
  const nodes: RollupNode[] = subtree.map((t) => ({
    id: t.id, parentId: t.id === task.id ? null : t.parentId, target: t.target, status: t.status, dueOn: t.dueOn,
    reportedProgress: t.reportedProgress, reportedDone: t.reportedDone, countedDone: counted.get(t.id),
  }));
  return { subtree, figures: rollUp(nodes, today), isDoneCounted: counted.has(task.id) };
}

/**
 * Report progress on a task of the actor's own level. `done` is refused where the platform knows
 * it (a metric task: counted) or where it is rolled up (a task with sub-tasks); progress 1 completes it.
 * @throws not_found (someone else's task); invalid_state before acceptance or after completion;
 *   validation_failed naming `done`.
 */
export async function reportTask(db: Db, context: WriteContext, id: string, body: ReportBody): Promise<{ id: string; status: string; done: number; progress: number }> {
  requireTaskRole(context.actor);
  return db.transaction().execute(async (tx) => {
    const task = await getOwnTask(tx, context.actor, id);
    if (task.status !== 'accepted') throw new AppError('invalid_state', `Task is ${task.status}`, { userMessage: task.status === 'dispatched' ? '请先接收任务再报送进度' : '任务已完成' });
    if (body.done !== undefined && task.metric) throw invalid([{ path: 'done', message: '此任务的完成数由平台数据自动统计，无需填报' }]);
    if (body.done !== undefined && task.childCount > 0) throw invalid([{ path: 'done', message: '已分解的任务由下级汇总完成数，无需填报' }]);
    const today = businessDate();
    const isCounted = Boolean(task.metric) && task.childCount === 0;
    let done = body.done ?? task.reportedDone ?? 0;
    if (isCounted || task.childCount > 0) {
      const { figures } = await subtreeFigures(tx, task, today);
      done = figures.get(task.id)!.done;
    }
    const isCompleted = body.progress >= 1;
    const reportId = await repo.insertReport(tx, {
      taskId: task.id, regionCode: task.regionCode, progress: body.progress, done: task.childCount > 0 || isCounted || body.done !== undefined ? done : null,
      isDoneCounted: isCounted, note: body.note ?? '', reportedBy: userIdOf(context.actor), isCompleted,
    });
    await recordWrites(tx, context, [{
      action: 'task.report', entityType: TASK_ENTITY, entityKey: task.id, regionCode: task.regionCode,
      before: { progress: task.reportedProgress, done: task.reportedDone, status: task.status }, after: { reportId, progress: body.progress, done, isDoneCounted: isCounted, note: body.note ?? '' },
    }]);
    // The level above learns of the report (its roll-up changed).
    if (task.parentRegionCode !== null) {
      await notify(tx, context.actor, { govOfRegion: task.parentRegionCode }, {
        kind: 'task.reported', params: { title: task.title, region: regionNameOf(task.regionCode), progress: body.progress, done: task.childCount > 0 || isCounted || body.done !== undefined ? done : null },
        link: taskLink(task.id), entityType: TASK_ENTITY, entityKey: task.id,
      });
    }
    return { id: task.id, status: isCompleted ? 'completed' : task.status, done, progress: body.progress };
  });
}

/**
 * A higher level reminds (催办) the level of a task in its scope.
 * @throws not_found; invalid_state for one's own or a completed task.
 */
export async function remindTask(db: Db, context: WriteContext, id: string, message: string | undefined): Promise<{ id: string }> {
  const { actor } = context;
  requireTaskRole(actor);
  return db.transaction().execute(async (tx) => {
    const task = await getTask(tx, actor, id, { isForUpdate: true });
    if (actor.role === 'gov' && actor.regionCode === task.regionCode) throw new AppError('invalid_state', 'Own task', { userMessage: '不能催办本级任务' });
    if (task.status === 'completed') throw new AppError('invalid_state', 'Task is completed', { userMessage: '任务已完成，无需催办' });
    const text = message ?? `请于${task.dueOn}前完成“${task.title}”并报送进度`;
    const reminderId = await repo.insertReminder(tx, { taskId: task.id, regionCode: task.regionCode, message: text, sentBy: userIdOf(actor), sentByLabel: actor.label });
    await recordWrites(tx, context, [{ action: 'task.remind', entityType: TASK_ENTITY, entityKey: task.id, regionCode: task.regionCode, after: { reminderId, message: text } }]);
    await notify(tx, actor, { govOfRegion: task.regionCode }, { kind: 'task.reminded', params: { title: task.title, from: actor.label, message: text }, link: taskLink(task.id), entityType: TASK_ENTITY, entityKey: task.id });
    return { id: reminderId };
  });
}

/** The roll-up of a task: its figures, its children's and the overdue tasks below it. @throws not_found */
export async function rollupOf(db: Db, actor: Actor, id: string): Promise<RollupView> {
  const task = await getTask(db, actor, id);
  const { subtree, figures, isDoneCounted } = await subtreeFigures(db, task, businessDate());
  const files = await repo.selectReportFilesOfTasks(db, subtree.filter((t) => t.parentId === task.id).map((t) => t.id));
  return presentRollup(task, subtree, figures, isDoneCounted, files);
}
