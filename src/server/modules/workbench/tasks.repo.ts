/** SQL of tasks, reports and reminders: explicit columns, the caller's region scope in every read. */
import { sql, type SqlBool, type Expression, type ExpressionBuilder } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { containsPattern } from '../../platform/text.js';

/** Region scope as SQL: every task (`prefix` undefined) or those whose region starts with `prefix`. */
export interface TaskScope {
  isNone?: boolean;
  prefix?: string;
}

/** A task row in camelCase with its counts and its parent's title and region. */
export interface TaskRecord {
  id: string;
  rootId: string;
  parentId: string | null;
  parentTitle: string | null;
  parentRegionCode: string | null;
  depth: number;
  regionCode: string;
  title: string;
  description: string;
  metric: string | null;
  target: number;
  startsOn: string;
  dueOn: string;
  status: string;
  reportedProgress: number | null;
  reportedDone: number | null;
  reportedAt: Date | null;
  acceptedAt: Date | null;
  createdAt: Date;
  childCount: number;
  reminderCount: number;
}

/** Columns of a new task. */
export type TaskInsert = Pick<TaskRecord, 'parentId' | 'depth' | 'regionCode' | 'title' | 'description' | 'metric' | 'target' | 'startsOn' | 'dueOn'> & {
  /** Root of the tree; a root task gets its own id. */
  rootId?: string;
  status: 'dispatched' | 'accepted';
  createdBy: string | null;
};

/** Filters of the task list, validated. */
export interface TaskFilter {
  ownRegion?: string;
  status?: string;
  overdueBefore?: string;
  regionPrefix?: string;
  q?: string;
  beforeId?: string;
  /** Only tasks whose parent is not in `scope` (roots of what the caller sees). */
  isTopOnly?: boolean;
}

type TaskEb = ExpressionBuilder<Database & { t: Database['tasks'] }, 't'>;

function scoped(eb: TaskEb, scope: TaskScope): Expression<SqlBool> {
  if (scope.isNone) return sql<boolean>`false`;
  if (scope.prefix === undefined || scope.prefix === '') return sql<boolean>`true`;
  return eb('t.region_code', 'like', `${scope.prefix}%`);
}

function baseSelect(db: Db | Tx) {
  return db
    .selectFrom('tasks as t')
    .leftJoin('tasks as p', 'p.id', 't.parent_id')
    .select([
      't.id', 't.root_id', 't.parent_id', 'p.title as parent_title', 'p.region_code as parent_region_code', 't.depth', 't.region_code', 't.title', 't.description',
      't.metric', 't.target', sql<string>`t.starts_on::text`.as('starts_on'), sql<string>`t.due_on::text`.as('due_on'), 't.status', 't.reported_progress',
      't.reported_done', 't.reported_at', 't.accepted_at', 't.created_at',
      sql<number>`(SELECT count(*)::int FROM tasks c WHERE c.parent_id = t.id)`.as('child_count'),
      sql<number>`(SELECT count(*)::int FROM task_reminders r WHERE r.task_id = t.id)`.as('reminder_count'),
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseSelect>['executeTakeFirstOrThrow']>>;

function toRecord(r: BaseRow): TaskRecord {
  return {
    id: r.id, rootId: r.root_id, parentId: r.parent_id, parentTitle: r.parent_title, parentRegionCode: r.parent_region_code, depth: r.depth,
    regionCode: r.region_code, title: r.title, description: r.description, metric: r.metric, target: r.target, startsOn: r.starts_on, dueOn: r.due_on,
    status: r.status, reportedProgress: r.reported_progress, reportedDone: r.reported_done, reportedAt: r.reported_at, acceptedAt: r.accepted_at,
    createdAt: r.created_at, childCount: r.child_count, reminderCount: r.reminder_count,
  };
}

/** One task in scope; `isForUpdate` locks the row. */
export async function selectTask(db: Db | Tx, id: string, scope: TaskScope, options: { isForUpdate?: boolean } = {}): Promise<TaskRecord | undefined> {
  let query = baseSelect(db).where('t.id', '=', id).where((eb) => scoped(eb as TaskEb, scope));
  if (options.isForUpdate) query = query.forUpdate('t');
  const row = await query.executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** The list filters as one WHERE condition (with the scope). */
function listCondition(eb: ExpressionBuilder<Database & { t: Database['tasks']; p: Database['tasks'] }, 't' | 'p'>, scope: TaskScope, filter: TaskFilter): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [scoped(eb as unknown as TaskEb, scope)];
  if (filter.ownRegion) all.push(eb('t.region_code', '=', filter.ownRegion));
  if (filter.status) all.push(eb('t.status', '=', filter.status));
  if (filter.overdueBefore) all.push(eb('t.status', '<>', 'completed'), eb('t.due_on', '<', filter.overdueBefore));
  if (filter.regionPrefix) all.push(eb('t.region_code', 'like', `${filter.regionPrefix}%`));
  if (filter.q) all.push(eb('t.title', 'ilike', containsPattern(filter.q)));
  if (filter.isTopOnly) {
    all.push(scope.prefix ? eb.or([eb('t.parent_id', 'is', null), eb('p.region_code', 'not like', `${scope.prefix}%`)]) : eb('t.parent_id', 'is', null));
  }
  return eb.and(all);
}

/** A page of tasks in scope, newest first (keyset on id). */
export async function selectTasks(db: Db, scope: TaskScope, filter: TaskFilter, limit: number): Promise<TaskRecord[]> {
  let query = baseSelect(db).where((eb) => listCondition(eb, scope, filter));
  if (filter.beforeId) query = query.where('t.id', '<', filter.beforeId);
  const rows = await query.orderBy('t.id', 'desc').limit(limit).execute();
  return rows.map(toRecord);
}

/** Number of tasks in scope matching the filter (for `total`). */
export async function countTasks(db: Db, scope: TaskScope, filter: TaskFilter): Promise<number> {
  const row = await db
    .selectFrom('tasks as t')
    .leftJoin('tasks as p', 'p.id', 't.parent_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where((eb) => listCondition(eb, scope, filter))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Every task of a tree (one indexed read; the roll-up is computed in memory). */
export async function selectTree(db: Db | Tx, rootId: string): Promise<TaskRecord[]> {
  const rows = await baseSelect(db).where('t.root_id', '=', rootId).orderBy('t.id').execute();
  return rows.map(toRecord);
}

/** Insert a task; a root gets its own id as root. */
export async function insertTask(tx: Tx, row: TaskInsert): Promise<string> {
  const inserted = await tx
    .insertInto('tasks')
    .values({
      root_id: row.rootId ?? sql<string>`currval(pg_get_serial_sequence('tasks', 'id'))`,
      parent_id: row.parentId, depth: row.depth, region_code: row.regionCode, title: row.title, description: row.description,
      metric: row.metric, target: row.target, starts_on: row.startsOn, due_on: row.dueOn, status: row.status, created_by: row.createdBy,
      accepted_by: row.status === 'accepted' ? row.createdBy : null, accepted_at: row.status === 'accepted' ? sql`now()` : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Regions that already have a sub-task under `parentId`. */
export async function selectChildRegions(tx: Tx, parentId: string): Promise<Set<string>> {
  const rows = await tx.selectFrom('tasks').select('region_code').where('parent_id', '=', parentId).execute();
  return new Set(rows.map((r) => r.region_code));
}

/** dispatched → accepted. */
export async function markAccepted(tx: Tx, id: string, userId: string | null): Promise<void> {
  await tx.updateTable('tasks').set({ status: 'accepted', accepted_by: userId, accepted_at: sql`now()`, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** Store a report on the task row and in the report history. */
export async function insertReport(tx: Tx, report: { taskId: string; regionCode: string; progress: number; done: number | null; isDoneCounted: boolean; note: string; reportedBy: string | null; isCompleted: boolean }): Promise<string> {
  await tx
    .updateTable('tasks')
    .set({
      reported_progress: report.progress, reported_done: report.isDoneCounted ? null : report.done, reported_at: sql`now()`, updated_at: sql`now()`,
      ...(report.isCompleted ? { status: 'completed' } : {}),
    })
    .where('id', '=', report.taskId)
    .execute();
  const row = await tx
    .insertInto('task_reports')
    .values({ task_id: report.taskId, region_code: report.regionCode, progress: report.progress, done: report.done, is_done_counted: report.isDoneCounted, note: report.note, reported_by: report.reportedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A report row with its author's label. */
export interface ReportRecord {
  id: string;
  progress: number;
  done: number | null;
  isDoneCounted: boolean;
  note: string;
  attachments: unknown[];
  reportedBy: string | null;
  reportedAt: Date;
}

/** Reports of a task, newest first (at most `limit`). */
export async function selectReports(db: Db, taskId: string, limit: number): Promise<ReportRecord[]> {
  const rows = await db
    .selectFrom('task_reports as r')
    .leftJoin('users as u', 'u.id', 'r.reported_by')
    .select(['r.id', 'r.progress', 'r.done', 'r.is_done_counted', 'r.note', 'r.attachments', 'r.reported_at', sql<string | null>`coalesce(u.display_name, u.username)`.as('by')])
    .where('r.task_id', '=', taskId)
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, progress: r.progress, done: r.done, isDoneCounted: r.is_done_counted, note: r.note, attachments: r.attachments, reportedBy: r.by, reportedAt: r.reported_at }));
}

/** A reminder row. */
export interface ReminderRecord {
  id: string;
  message: string;
  sentBy: string;
  createdAt: Date;
}

/** Record a reminder. */
export async function insertReminder(tx: Tx, reminder: { taskId: string; regionCode: string; message: string; sentBy: string | null; sentByLabel: string }): Promise<string> {
  const row = await tx
    .insertInto('task_reminders')
    .values({ task_id: reminder.taskId, region_code: reminder.regionCode, message: reminder.message, sent_by: reminder.sentBy, sent_by_label: reminder.sentByLabel })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Reminders of a task, newest first. */
export async function selectReminders(db: Db, taskId: string, limit: number): Promise<ReminderRecord[]> {
  const rows = await db.selectFrom('task_reminders').select(['id', 'message', 'sent_by_label', 'created_at']).where('task_id', '=', taskId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, message: r.message, sentBy: r.sent_by_label, createdAt: r.created_at }));
}

/** Owner kind of task-report attachments in the shared file store (`owner_id` = the report id). */
export const TASK_REPORT_FILES = 'task_report';

/** Attachments of the given tasks' reports (oldest first), by task id, with the report each belongs to. */
export async function selectReportFilesOfTasks(db: Db, taskIds: readonly string[]): Promise<Map<string, ReportFileRecord[]>> {
  const byTask = new Map<string, ReportFileRecord[]>();
  if (taskIds.length === 0) return byTask;
  const rows = await db
    .selectFrom('files as f')
    .innerJoin('task_reports as r', (join) => join.on('f.owner_kind', '=', TASK_REPORT_FILES).on(sql`f.owner_id`, '=', sql`r.id::text`))
    .select(['f.id', 'f.name', 'f.content_type', 'f.size_bytes', 'f.sha256', 'f.created_at', 'r.id as report_id', 'r.task_id'])
    .where('r.task_id', 'in', [...taskIds])
    .orderBy('f.id')
    .execute();
  for (const row of rows) {
    const list = byTask.get(row.task_id) ?? [];
    list.push({ id: row.id, name: row.name, contentType: row.content_type, sizeBytes: row.size_bytes, sha256: row.sha256.toString('hex'), uploadedAt: row.created_at.toISOString(), reportId: row.report_id });
    byTask.set(row.task_id, list);
  }
  return byTask;
}

/** A report attachment as a roll-up lists it. */
export interface ReportFileRecord {
  id: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  reportId: string;
}

/** Whether a report belongs to the task. */
export async function isReportOf(db: Db | Tx, taskId: string, reportId: string): Promise<boolean> {
  if (!/^[1-9][0-9]{0,17}$/.test(reportId)) return false;
  return !!(await db.selectFrom('task_reports').select('id').where('id', '=', reportId).where('task_id', '=', taskId).executeTakeFirst());
}
