import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import {
  CreateTaskBody, DispatchBody, ListTasksQuery, RemindBody, ReportBody, RollupView, TaskDetailView, TaskMetricView, TaskStatus, TaskView,
} from '../../../contracts/workbench.js';
import { FileView } from '../../../contracts/files.js';
import { requireActor } from '../../http/auth.js';
import { fileView, readUpload, sendFile } from '../../platform/files.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { listHistory } from '../audit/index.js';
import { TASKS_EXPORT_MAX, XLSX_TYPE, attachmentHeader, rollupWorkbook, tasksWorkbook } from './workbench.export.js';
import { attachToReport, reportFile } from './tasks.files.js';
import { listTaskMetrics } from './tasks.metrics.js';
import { presentTask } from './tasks.present.js';
import { TASK_ENTITY, acceptTask, createTask, dispatchTask, getTask, getTaskDetail, listTasks, remindTask, reportTask, rollupOf } from './tasks.service.js';

const IdParams = z.object({ id: z.string().min(1).max(20).describe('Task id') });
const ReportParams = IdParams.extend({ reportId: z.string().min(1).max(20).describe('Report id (from the task detail)') });
const HistoryEntry = z.object({ id: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), before: z.unknown(), after: z.unknown() });
const TAGS = ['workbench'];

/** `/api/v1/tasks*` and `/api/v1/task-metrics`: tasks down the hierarchy (WR-1). */
export function tasksRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/task-metrics', {
      schema: {
        tags: TAGS,
        summary: 'Platform metrics for tasks 任务统计指标',
        description: 'Metrics a task may be tied to: its `done` is then counted from platform data in the task’s region from its start date to today (or its due date), never typed. Modules add theirs to the registry (`workbench/tasks.metrics.ts`).',
        response: { 200: z.object({ items: z.array(TaskMetricView) }) },
      },
    }, async (request) => {
      requireActor(request);
      return { items: listTaskMetrics().map(({ key, labelZh, labelEn, unitZh, unitEn, module }) => ({ key, labelZh, labelEn, unitZh, unitEn, module })) };
    });

    app.get('/api/v1/tasks', {
      schema: {
        tags: TAGS,
        summary: 'List tasks 任务列表',
        description: 'Tasks of the caller’s region and below (gov; admins all; members and experts none), newest first. `mine=true`: tasks of the caller’s own region; `overdue=true`: past due and not completed; `rootsOnly=true`: the top-most tasks the caller sees.',
        querystring: ListTasksQuery,
        response: { 200: Page(TaskView) },
      },
    }, async (request) => {
      const actor = requireActor(request);
      const page = await listTasks(db, actor, request.query);
      const today = businessDate();
      return { items: page.items.map((t) => presentTask(actor, t, today)), nextCursor: page.nextCursor, total: page.total };
    });

    app.get('/api/v1/tasks/export', {
      schema: {
        tags: TAGS,
        summary: 'Export tasks to Excel 导出任务清单',
        description: `The tasks of the list’s filters as \`.xlsx\`, at most ${TASKS_EXPORT_MAX}.`,
        querystring: ListTasksQuery.omit({ cursor: true, limit: true }),
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const page = await listTasks(db, actor, { ...request.query, limit: TASKS_EXPORT_MAX });
      const today = businessDate();
      const body = await tasksWorkbook(page.items.map((t) => presentTask(actor, t, today)));
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentHeader(`任务清单-${today}.xlsx`)).send(body);
    });

    app.post('/api/v1/tasks', {
      schema: {
        tags: TAGS,
        summary: 'Create a task 新建任务',
        description: 'A gov user creates a task for its own region (accepted at once) or for a region below it (that level accepts it); admins for any region. 404 when the region lies outside the caller’s scope; 422 for a due date in the past or an unknown metric; 403 for members and experts.',
        body: CreateTaskBody,
        response: { 201: z.object({ id: z.string() }) },
      },
    }, async (request, reply) => reply.code(201).send(await createTask(db, { actor: requireActor(request), requestId: request.id }, request.body)));

    app.get('/api/v1/tasks/:id', {
      schema: {
        tags: TAGS,
        summary: 'Get a task 任务详情',
        description: 'The task with its reports (newest first) and reminders. 404 outside the caller’s region scope (a county never sees a sibling county’s tasks).',
        params: IdParams,
        response: { 200: TaskDetailView },
      },
    }, async (request) => getTaskDetail(db, requireActor(request), request.params.id));

    app.post('/api/v1/tasks/:id/dispatch', {
      schema: {
        tags: TAGS,
        summary: 'Decompose and dispatch a task 分解下发',
        description: 'Creates one sub-task per listed region (strictly below the task’s region, within the caller’s scope), each waiting for that level to accept. Only the task’s own level (or an admin), once it has accepted the task. 404 for someone else’s task or a region outside the subtree; 422 for a child due after the parent (`children.N.dueOn`) or a region that already has a sub-task; 409 before acceptance.',
        params: IdParams,
        body: DispatchBody,
        response: { 200: z.object({ children: z.array(z.object({ id: z.string(), regionCode: z.string() })) }) },
      },
    }, async (request) => dispatchTask(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body));

    app.post('/api/v1/tasks/:id/accept', {
      schema: {
        tags: TAGS,
        summary: 'Accept a dispatched task 接收任务',
        description: 'dispatched → accepted, by the task’s own level. 404 for someone else’s task; 409 when already accepted.',
        params: IdParams,
        response: { 200: z.object({ id: z.string(), status: TaskStatus }) },
      },
    }, async (request) => acceptTask(db, { actor: requireActor(request), requestId: request.id }, request.params.id));

    app.post('/api/v1/tasks/:id/report', {
      schema: {
        tags: TAGS,
        summary: 'Report progress 报送进度',
        description: 'The task’s own level reports `progress` (0–1; 1 completes the task), a note and — for tasks without a platform metric and without sub-tasks — the figure `done`. For metric tasks `done` is counted from platform data; for decomposed tasks it is the sum of the children’s (both: 422 on `done` if typed). 404 for someone else’s task; 409 before acceptance or after completion.',
        params: IdParams,
        body: ReportBody,
        response: { 200: z.object({ id: z.string(), status: z.string(), done: z.number(), progress: z.number() }) },
      },
    }, async (request) => reportTask(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body));

    app.post('/api/v1/tasks/:id/reports/:reportId/files', {
      schema: {
        tags: TAGS,
        summary: 'Attach a file to a report 上传报送附件',
        description: 'multipart/form-data with a `file` part (minutes, photos, statistics). The task’s own level, on one of the task’s reports; 404 for someone else’s task or another task’s report, 413 over the size limit, 415 for a type outside the allow-list or bytes that do not match it. Parents see the file in the task detail and the roll-up.',
        consumes: ['multipart/form-data'],
        params: ReportParams,
        response: { 201: FileView },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const upload = await readUpload(request);
      return reply.code(201).send(fileView(await attachToReport(db, { actor, requestId: request.id }, request.params.id, request.params.reportId, upload)));
    });

    app.get('/api/v1/tasks/:id/reports/:reportId/files/:fileId', {
      schema: { tags: TAGS, summary: 'Download a report’s file 下载报送附件', description: 'Whoever may read the task (its level and the levels above); 404 otherwise, and for another report’s file.', params: ReportParams.extend({ fileId: z.string() }) },
    }, async (request, reply) => sendFile(reply, await reportFile(db, requireActor(request), request.params.id, request.params.reportId, request.params.fileId)));

    app.post('/api/v1/tasks/:id/remind', {
      schema: {
        tags: TAGS,
        summary: 'Remind the responsible level 催办',
        description: 'A higher level whose scope contains the task records a reminder to its level (shown on the task and counted in lists). 409 for one’s own or a completed task; 404 outside scope.',
        params: IdParams,
        body: RemindBody,
        response: { 201: z.object({ id: z.string() }) },
      },
    }, async (request, reply) => reply.code(201).send(await remindTask(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body.message)));

    app.get('/api/v1/tasks/:id/rollup', {
      schema: {
        tags: TAGS,
        summary: 'Roll-up of a task 任务汇总',
        description: 'Target, done and progress of the task and of each direct child; a parent’s `done` adds up its children’s (recursively); metric leaves are counted from platform data. `overdue` lists overdue tasks in the subtree. 404 outside scope.',
        params: IdParams,
        response: { 200: RollupView },
      },
    }, async (request) => rollupOf(db, requireActor(request), request.params.id));

    app.get('/api/v1/tasks/:id/rollup/export', {
      schema: { tags: TAGS, summary: 'Export a roll-up to Excel 导出调度汇总表', description: 'The roll-up as `.xlsx`: one row per child region and a total row. 404 outside scope.', params: IdParams },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const task = await getTask(db, actor, request.params.id);
      const rollup = await rollupOf(db, actor, task.id);
      const body = await rollupWorkbook(presentTask(actor, task, businessDate()), rollup);
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentHeader(`调度汇总-${task.id}-${businessDate()}.xlsx`)).send(body);
    });

    app.get('/api/v1/tasks/:id/history', {
      schema: {
        tags: TAGS,
        summary: 'Task history 任务变更记录',
        description: 'Audit entries of the task (create, dispatch, accept, report, remind), newest first. 404 outside scope.',
        params: IdParams,
        querystring: z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(HistoryEntry), nextCursor: z.string().nullable() }) },
      },
    }, async (request) => {
      const task = await getTask(db, requireActor(request), request.params.id);
      return listHistory(db, TASK_ENTITY, task.id, request.query);
    });
  };
}
