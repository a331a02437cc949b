/** Task rows → API shapes (explicit fields). */
import { fileView, type StoredFile } from '../../platform/files.js';
import type { RollupView, TaskDetailView, TaskStatus, TaskView } from '../../../contracts/workbench.js';
import type { Actor } from '../../platform/actor.js';
import { REGION_ROOT, REGION_ROOT_NAME, findRegion } from '../../platform/regions.js';
import { isTaskOverdue, type RollupFigures } from './tasks.rollup.js';
import { findTaskMetric } from './tasks.metrics.js';
import { isOwnTask } from './tasks.policy.js';
import type { ReminderRecord, ReportFileRecord, ReportRecord, TaskRecord } from './tasks.repo.js';
import { isInRegionScope } from '../../platform/scope.js';

/** Short display name of a region code ('全国' for the root). */
export function regionNameOf(code: string): string {
  if (code === REGION_ROOT) return REGION_ROOT_NAME;
  return findRegion(code)?.name ?? code;
}

/** A task for this actor: the parent is shown only when it lies in the actor's scope. */
export function presentTask(actor: Actor, task: TaskRecord, today: string): TaskView {
  const isParentVisible = task.parentId !== null && task.parentRegionCode !== null && isInRegionScope(actor, task.parentRegionCode);
  const metric = task.metric ? findTaskMetric(task.metric) : undefined;
  return {
    id: task.id,
    rootId: isParentVisible || task.parentId === null ? task.rootId : task.id,
    parentId: isParentVisible ? task.parentId : null,
    parentTitle: isParentVisible ? task.parentTitle : null,
    depth: task.depth,
    regionCode: task.regionCode,
    regionName: regionNameOf(task.regionCode),
    title: task.title,
    description: task.description,
    metric: task.metric,
    metricLabel: metric ? metric.labelZh : null,
    target: task.target,
    startsOn: task.startsOn,
    dueOn: task.dueOn,
    status: task.status as TaskStatus,
    isOverdue: isTaskOverdue(task, today),
    isOwn: isOwnTask(actor, task),
    childCount: task.childCount,
    reportedProgress: task.reportedProgress,
    reportedDone: task.reportedDone,
    reportedAt: task.reportedAt ? task.reportedAt.toISOString() : null,
    reminderCount: task.reminderCount,
    acceptedAt: task.acceptedAt ? task.acceptedAt.toISOString() : null,
    createdAt: task.createdAt.toISOString(),
  };
}

function attachmentsOf(value: unknown[]): { name: string; url: string }[] {
  return value.flatMap((a) => (typeof a === 'object' && a !== null && typeof (a as { name?: unknown }).name === 'string' && typeof (a as { url?: unknown }).url === 'string' ? [{ name: (a as { name: string }).name, url: (a as { url: string }).url }] : []));
}

/** A task with its reports and reminders. */
export function presentTaskDetail(actor: Actor, task: TaskRecord, today: string, reports: ReportRecord[], reminders: ReminderRecord[], files: Map<string, StoredFile[]>): TaskDetailView {
  return {
    ...presentTask(actor, task, today),
    reports: reports.map((r) => ({ id: r.id, progress: r.progress, done: r.done, isDoneCounted: r.isDoneCounted, note: r.note, attachments: attachmentsOf(r.attachments), files: (files.get(r.id) ?? []).map(fileView), reportedBy: r.reportedBy, reportedAt: r.reportedAt.toISOString() })),
    reminders: reminders.map((r) => ({ id: r.id, message: r.message, sentBy: r.sentBy, createdAt: r.createdAt.toISOString() })),
  };
}

/** The roll-up of a task over its direct children and its subtree's overdue items. */
export function presentRollup(task: TaskRecord, subtree: TaskRecord[], figures: Map<string, RollupFigures>, isDoneCounted: boolean, files: Map<string, ReportFileRecord[]>): RollupView {
  const own = figures.get(task.id)!;
  const children = subtree.filter((t) => t.parentId === task.id).sort((a, b) => Number(a.id) - Number(b.id));
  const overdue = subtree.filter((t) => figures.get(t.id)?.isOverdue).sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  return {
    id: task.id,
    target: task.target,
    done: own.done,
    progress: own.progress,
    isDoneCounted,
    children: children.map((c) => {
      const f = figures.get(c.id)!;
      return {
        id: c.id, regionCode: c.regionCode, regionName: regionNameOf(c.regionCode), title: c.title, target: c.target, done: f.done, progress: f.progress,
        status: c.status as TaskStatus, dueOn: c.dueOn, isOverdue: f.isOverdue, childCount: f.childCount, overdueCount: f.overdueCount,
        files: files.get(c.id) ?? [],
      };
    }),
    overdue: overdue.map((t) => ({ id: t.id, title: t.title, regionCode: t.regionCode, regionName: regionNameOf(t.regionCode), dueOn: t.dueOn, status: t.status as TaskStatus })),
  };
}
