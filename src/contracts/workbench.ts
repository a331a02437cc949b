/**
 * Contracts of the government workbench (政府工作台): tasks dispatched down the region hierarchy
 * (部/省/市/县), their reports and roll-ups, and the dispatch dashboard (调度).
 */
import { z } from 'zod';
import { PageQuery, RegionCode } from './common.js';
import { FileView } from './files.js';

/** Longest task title and note. */
export const TASK_TITLE_MAX = 200;
export const TASK_NOTE_MAX = 2000;
/** Most sub-tasks one dispatch creates. */
export const DISPATCH_MAX_CHILDREN = 200;

/** Task states: dispatched (待接收) → accepted (进行中) → completed (已完成, a report with progress 1). */
export const TASK_STATUSES = ['dispatched', 'accepted', 'completed'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

const BusinessDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').describe('Business date (Asia/Shanghai), YYYY-MM-DD.');
const Target = z.number().min(0).max(1e12).describe('Target figure (e.g. 20 fairs). 0 when the task has none.');

/** `POST /api/v1/tasks`: a task for the caller's region or one below. */
export const CreateTaskBody = z.object({
  title: z.string().trim().min(2).max(TASK_TITLE_MAX).describe('任务名称'),
  regionCode: RegionCode.describe('The region responsible (the caller’s own or one below it; `000000` for the ministry).'),
  dueOn: BusinessDate,
  target: Target.optional(),
  description: z.string().trim().max(TASK_NOTE_MAX).optional(),
  metric: z.string().max(60).optional().describe('Key of a platform metric (`GET /api/v1/task-metrics`): `done` is then counted from platform data, never typed.'),
});
export type CreateTaskBody = z.infer<typeof CreateTaskBody>;

/** One sub-task of a dispatch. */
export const DispatchChild = z.object({
  regionCode: RegionCode.describe('A region below the task’s region, within the caller’s scope.'),
  target: Target,
  dueOn: BusinessDate.describe('Not after the parent task’s due date.'),
  title: z.string().trim().min(2).max(TASK_TITLE_MAX).optional().describe('Defaults to the parent’s title.'),
});
export type DispatchChild = z.infer<typeof DispatchChild>;

/** `POST /api/v1/tasks/{id}/dispatch`. */
export const DispatchBody = z.object({ children: z.array(DispatchChild).min(1).max(DISPATCH_MAX_CHILDREN) });
export type DispatchBody = z.infer<typeof DispatchBody>;

/** `POST /api/v1/tasks/{id}/report`. */
export const ReportBody = z.object({
  progress: z.number().min(0).max(1).describe('Own estimate of completion, 0–1.'),
  done: z.number().min(0).max(1e12).optional().describe('Figure achieved so far. Refused for tasks with a platform metric or with sub-tasks (those are counted / rolled up).'),
  note: z.string().trim().max(TASK_NOTE_MAX).optional(),
});
export type ReportBody = z.infer<typeof ReportBody>;

/** `POST /api/v1/tasks/{id}/remind`. */
export const RemindBody = z.object({ message: z.string().trim().min(1).max(500).optional() });
export type RemindBody = z.infer<typeof RemindBody>;

/** `GET /api/v1/tasks`. */
export const ListTasksQuery = PageQuery.extend({
  mine: z.enum(['true', 'false']).optional().describe('`true`: only tasks of the caller’s own region (to accept, do and report).'),
  status: TaskStatus.optional(),
  overdue: z.enum(['true', 'false']).optional().describe('`true`: past due and not completed.'),
  region: RegionCode.optional().describe('Tasks of this region and below.'),
  q: z.string().trim().max(100).optional(),
  rootsOnly: z.enum(['true', 'false']).optional().describe('`true`: only the top-most tasks the caller sees (roots, or tasks whose parent lies outside the caller’s scope).'),
});
export type ListTasksQuery = z.infer<typeof ListTasksQuery>;

/** A platform metric that fills a task’s `done`. */
export const TaskMetricView = z.object({
  key: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  unitZh: z.string(),
  unitEn: z.string(),
  module: z.string().describe('Module that registered it.'),
});
export type TaskMetricView = z.infer<typeof TaskMetricView>;

/** The last report of a task. */
export const TaskReportView = z.object({
  id: z.string(),
  progress: z.number(),
  done: z.number().nullable(),
  isDoneCounted: z.boolean().describe('true: `done` was counted from platform data.'),
  note: z.string(),
  attachments: z.array(z.object({ name: z.string(), url: z.string() })),
  files: z.array(FileView).describe('Files uploaded with the report; download at `/api/v1/tasks/{id}/reports/{reportId}/files/{fileId}`.'),
  reportedBy: z.string().nullable(),
  reportedAt: z.string(),
});
export type TaskReportView = z.infer<typeof TaskReportView>;

/** A reminder (催办). */
export const TaskReminderView = z.object({ id: z.string(), message: z.string(), sentBy: z.string(), createdAt: z.string() });
export type TaskReminderView = z.infer<typeof TaskReminderView>;

/** A task as the API presents it. */
export const TaskView = z.object({
  id: z.string(),
  rootId: z.string(),
  parentId: z.string().nullable().describe('null for a root, or when the parent lies outside the caller’s scope.'),
  parentTitle: z.string().nullable(),
  depth: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  title: z.string(),
  description: z.string(),
  metric: z.string().nullable(),
  metricLabel: z.string().nullable(),
  target: z.number(),
  startsOn: z.string(),
  dueOn: z.string(),
  status: TaskStatus,
  isOverdue: z.boolean(),
  isOwn: z.boolean().describe('The task belongs to the caller’s own region: the caller accepts, dispatches and reports it.'),
  childCount: z.number().int(),
  reportedProgress: z.number().nullable(),
  reportedDone: z.number().nullable(),
  reportedAt: z.string().nullable(),
  reminderCount: z.number().int(),
  acceptedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TaskView = z.infer<typeof TaskView>;

/** Detail: the task, its reports (newest first) and reminders. */
export const TaskDetailView = TaskView.extend({
  reports: z.array(TaskReportView),
  reminders: z.array(TaskReminderView),
});
export type TaskDetailView = z.infer<typeof TaskDetailView>;

/** One child in a roll-up. */
export const RollupChild = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  title: z.string(),
  target: z.number(),
  done: z.number(),
  progress: z.number(),
  status: TaskStatus,
  dueOn: z.string(),
  isOverdue: z.boolean(),
  childCount: z.number().int(),
  overdueCount: z.number().int().describe('Overdue tasks in this child’s subtree, itself included.'),
  files: z.array(FileView.extend({ reportId: z.string() })).describe('Files attached to this child’s own reports, oldest first (download through the child task’s report).'),
});
export type RollupChild = z.infer<typeof RollupChild>;

/** `GET /api/v1/tasks/{id}/rollup`. */
export const RollupView = z.object({
  id: z.string(),
  target: z.number(),
  done: z.number().describe('Leaf: reported (or counted) figure; parent: the sum of its children’s `done`.'),
  progress: z.number().describe('Leaf: reported progress (or done/target when not reported); parent: its children’s progress weighted by target.'),
  isDoneCounted: z.boolean(),
  children: z.array(RollupChild),
  overdue: z.array(z.object({ id: z.string(), title: z.string(), regionCode: z.string(), regionName: z.string(), dueOn: z.string(), status: TaskStatus })).describe('Overdue tasks in the subtree (itself included), earliest due first.'),
});
export type RollupView = z.infer<typeof RollupView>;

/** `GET /api/v1/dashboard`. */
export const DashboardQuery = z.object({
  region: RegionCode.optional().describe('Region (and below); defaults to the caller’s scope.'),
  chain: z.string().regex(/^\d{1,18}$/).optional().describe('Chain id: enterprise figures count the chain’s member enterprises only.'),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** One dashboard figure with the list it counts. */
export const DashboardFigure = z.object({
  key: z.string(),
  group: z.string().describe('enterprises | tiers | chains | needs | deals | innovation | capital | digital | capacity | risk | tasks'),
  labelZh: z.string(),
  labelEn: z.string(),
  value: z.number(),
  link: z.string().describe('Web route of the list this figure counts (drill-down).'),
  unit: z.enum(['count', 'fen', 'percent']).default('count').describe('`fen`: money in integer fen; `percent`: a rate (0–100, one decimal).'),
  basis: z.number().optional().describe('For a `percent` figure: the count it is a share of (0 = no data; `value` is then 0 and means nothing).'),
});
export type DashboardFigure = z.infer<typeof DashboardFigure>;

/** Figures per subordinate region (for the map and the table). */
export const DashboardRegionRow = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  enterprises: z.number(),
  specialized: z.number(),
  needsPublished: z.number(),
  riskEvents: z.number(),
  link: z.string(),
});
export type DashboardRegionRow = z.infer<typeof DashboardRegionRow>;

export const DashboardView = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  chainId: z.string().nullable(),
  chainName: z.string().nullable(),
  generatedAt: z.string(),
  figures: z.array(DashboardFigure),
  regions: z.array(DashboardRegionRow),
});
export type DashboardView = z.infer<typeof DashboardView>;

/** Kinds of key-enterprise lists (重点企业库). */
export const KEY_LIST_KINDS = ['leader', 'specialized', 'little_giant', 'key_supplier', 'custom'] as const;
export const KeyListKind = z.enum(KEY_LIST_KINDS);
export type KeyListKind = z.infer<typeof KeyListKind>;
/** Most USCCs one add takes. */
export const KEY_LIST_ADD_MAX = 500;

/** `POST /api/v1/key-lists`. */
export const CreateKeyListBody = z.object({
  name: z.string().trim().min(2).max(100),
  kind: KeyListKind,
  regionCode: RegionCode.optional().describe('The owning region: the caller’s own (default) or one below it.'),
  description: z.string().trim().max(TASK_NOTE_MAX).optional(),
});
export type CreateKeyListBody = z.infer<typeof CreateKeyListBody>;

/** `POST /api/v1/key-lists/{id}/members`: by USCC, or every registry enterprise of the list’s region matching a filter. */
export const AddKeyListMembersBody = z.object({
  usccs: z.array(z.string().trim().min(1).max(32)).max(KEY_LIST_ADD_MAX).optional(),
  filter: z.object({
    tag: z.enum(['innovative', 'specialized', 'little_giant', 'leader', 'high_tech']).optional(),
    size: z.enum(['large', 'medium', 'small', 'micro']).optional(),
    industry: z.string().regex(/^[A-Ta-t](\d{2}(\d{1,2})?)?$/).optional(),
  }).optional().describe('Registry filter: at most 5,000 enterprises are added at once.'),
});
export type AddKeyListMembersBody = z.infer<typeof AddKeyListMembersBody>;

/** A key-enterprise list. */
export const KeyListView = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  kind: KeyListKind,
  description: z.string(),
  memberCount: z.number().int(),
  isOwn: z.boolean().describe('The caller’s own level keeps the list (may change it); higher levels read it.'),
  updatedAt: z.string(),
});
export type KeyListView = z.infer<typeof KeyListView>;

/** An enterprise on a list. */
export const KeyListMemberView = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  size: z.string().nullable(),
  tags: z.array(z.string()),
  source: z.enum(['manual', 'filter']),
  addedAt: z.string(),
});
export type KeyListMemberView = z.infer<typeof KeyListMemberView>;

/** `GET /api/v1/key-lists`. */
export const ListKeyListsQuery = PageQuery.extend({ kind: KeyListKind.optional(), region: RegionCode.optional() });
export type ListKeyListsQuery = z.infer<typeof ListKeyListsQuery>;
