/** Excel workbooks of the workbench: the task list, a task's roll-up (调度表). */
import ExcelJS from 'exceljs';
import type { DashboardView, RollupView, TaskView } from '../../../contracts/workbench.js';
import { writeWorkbook } from '../../platform/workbook.js';

/** Most tasks one export writes. */
export const TASKS_EXPORT_MAX = 2000;

const STATUS_LABELS: Record<string, string> = { dispatched: '待接收', accepted: '进行中', completed: '已完成' };

/** `Content-Disposition` of a download with a Chinese file name (ASCII fallback + RFC 5987). */
export function attachmentHeader(name: string): string {
  return `attachment; filename="${encodeURIComponent(name).replace(/%[0-9A-F]{2}/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** MIME type of `.xlsx`. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function percent(x: number | null): string {
  return x === null ? '' : `${Math.round(x * 100)}%`;
}

/** The task list as a workbook. */
export async function tasksWorkbook(tasks: TaskView[]): Promise<Buffer> {
  return writeWorkbook({
    name: '任务清单',
    columns: [
      { header: '任务编号', key: 'id', width: 10 },
      { header: '任务名称', key: 'title', width: 36 },
      { header: '承办地区', key: 'region', width: 16 },
      { header: '上级任务', key: 'parent', width: 30 },
      { header: '目标值', key: 'target', width: 10 },
      { header: '统计指标', key: 'metric', width: 18 },
      { header: '截止日期', key: 'dueOn', width: 12 },
      { header: '状态', key: 'status', width: 10 },
      { header: '是否逾期', key: 'overdue', width: 10 },
      { header: '报送进度', key: 'progress', width: 10 },
      { header: '报送完成数', key: 'done', width: 12 },
      { header: '下级任务数', key: 'children', width: 10 },
      { header: '催办次数', key: 'reminders', width: 10 },
    ],
    rows: tasks.map((t) => ({
      id: Number(t.id), title: t.title, region: t.regionName, parent: t.parentTitle ?? '', target: t.target, metric: t.metricLabel ?? '', dueOn: t.dueOn,
      status: STATUS_LABELS[t.status], overdue: t.isOverdue ? '是' : '否', progress: percent(t.reportedProgress), done: t.reportedDone, children: t.childCount, reminders: t.reminderCount,
    })),
  });
}

/** A task's roll-up over its children as a workbook (one row per child, a total row). */
export async function rollupWorkbook(task: TaskView, rollup: RollupView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('调度汇总');
  sheet.addRow([`${task.title}（${task.regionName}）`]).font = { bold: true, size: 14 };
  sheet.addRow([`截止日期 ${task.dueOn}`, `目标 ${rollup.target}`, `完成 ${rollup.done}`, `进度 ${percent(rollup.progress)}`]);
  const header = sheet.addRow(['地区', '子任务', '目标值', '完成数', '进度', '状态', '截止日期', '是否逾期', '下级逾期数']);
  header.font = { bold: true };
  for (const c of rollup.children) {
    sheet.addRow([c.regionName, c.title, c.target, c.done, percent(c.progress), STATUS_LABELS[c.status], c.dueOn, c.isOverdue ? '是' : '否', c.overdueCount]);
  }
  sheet.addRow(['合计', '', rollup.children.reduce((s, c) => s + c.target, 0), rollup.done, percent(rollup.progress)]).font = { bold: true };
  sheet.columns.forEach((col, i) => {
    col.width = [14, 36, 10, 10, 8, 10, 12, 10, 10][i] ?? 12;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The dashboard as a workbook: the figures, then one row per subordinate region. */
export async function dashboardWorkbook(view: DashboardView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('调度驾驶舱');
  sheet.addRow([`${view.regionName}${view.chainName ? ` · ${view.chainName}` : ''} 数据驾驶舱`]).font = { bold: true, size: 14 };
  sheet.addRow([`生成时间 ${view.generatedAt.slice(0, 19).replace('T', ' ')} (UTC)`]);
  sheet.addRow(['指标', '数值', '单位']).font = { bold: true };
  for (const f of view.figures) {
    if (f.unit === 'fen') sheet.addRow([f.labelZh, f.value / 100, '元']);
    else if (f.unit === 'percent') sheet.addRow([f.labelZh, f.basis === 0 ? '—' : f.value, '%']);
    else sheet.addRow([f.labelZh, f.value]);
  }
  sheet.addRow([]);
  sheet.addRow(['下辖地区', '企业数', '专精特新中小企业', '已发布需求', '风险事件']).font = { bold: true };
  for (const r of view.regions) sheet.addRow([r.regionName, r.enterprises, r.specialized, r.needsPublished, r.riskEvents]);
  sheet.getColumn(1).width = 24;
  for (const i of [2, 3, 4, 5]) sheet.getColumn(i).width = 16;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
