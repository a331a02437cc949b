/**
 * Excel of capacity monitoring: the import of monthly figures by gov users (dry run, then every row
 * in one transaction or none), its template, and the export of a chain's monitoring.
 */
import {
  CAPACITY_ALERT_KINDS, CAPACITY_BATCH_MAX, CAPACITY_IMPORT_COLUMNS, CAPACITY_SOURCE_LABELS, CapacityReportItem,
  type CapacityAlertKind, type CapacityEnterpriseRow, type CapacityImportReport, type CapacityMonitorView,
} from '../../../contracts/capacity.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { writeWorkbook } from '../../platform/workbook.js';
import type { WriteContext } from '../audit/index.js';
import { readSheet, type Sheet } from '../enterprises/index.js';
import { canMonitorCapacity } from './capacity.policy.js';
import { planReports, writeReports, type LocatedItem } from './capacity.service.js';

type ColumnKey = (typeof CAPACITY_IMPORT_COLUMNS)[number]['key'];
const ALERT_LABELS: Record<CapacityAlertKind, string> = { idle: '产能闲置', drop: '利用率骤降', missing: '未报送' };

const headerKey = (cell: string) => cell.normalize('NFKC').replace(/[\s_]+/g, '').toLowerCase();

/** `2026-03`, `2026-3`, `2026/03/01`, `2026年3月` → `2026-03`; other text unchanged (the schema refuses it). */
export function normaliseMonth(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})?\s*日?)?$/.exec(text.normalize('NFKC').trim());
  return m ? `${m[1]}-${m[2].padStart(2, '0')}` : text.trim();
}

/** A numeric cell as a number (`1,200` and `1 200` too); the text itself when it is not one (the schema names it). */
function numberCell(text: string): number | string | undefined {
  const t = text.normalize('NFKC').replace(/[\s,]/g, '');
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

/** Rows of a sheet as located report items; header and cell errors go to `errors` as `rows.N.<field>`. */
function sheetItems(sheet: Sheet, errors: FieldError[]): LocatedItem[] {
  const index: Partial<Record<ColumnKey, number>> = {};
  const byName = new Map<string, ColumnKey>(CAPACITY_IMPORT_COLUMNS.flatMap((c) => [[headerKey(c.key), c.key], [headerKey(c.zh), c.key]] as const));
  sheet.header.forEach((cell, i) => {
    const key = byName.get(headerKey(cell));
    if (key && index[key] === undefined) index[key] = i;
  });
  const missing = CAPACITY_IMPORT_COLUMNS.filter((c) => c.required && index[c.key] === undefined);
  if (missing.length > 0) throw invalid(missing.map((c) => ({ path: `columns.${c.key}`, message: `缺少列“${c.zh}”（${c.key}）` })));
  const items: LocatedItem[] = [];
  sheet.rows.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const at = `rows.${i + 2}`;
    const get = (key: ColumnKey) => (index[key] === undefined ? '' : (cells[index[key]!] ?? '').trim());
    const raw = {
      uscc: get('uscc'),
      month: normaliseMonth(get('month')),
      unit: get('unit') || undefined,
      capacity: numberCell(get('capacity')),
      output: numberCell(get('output')),
      ordersOnHandFen: numberCell(get('ordersOnHandFen')),
      employees: numberCell(get('employees')),
    };
    const parsed = CapacityReportItem.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ path: `${at}.${issue.path.join('.')}`, message: issue.message });
      return;
    }
    items.push({ at, item: parsed.data });
  });
  return items;
}

/** `rows.5.output` → {row: 5, path: 'output'}. */
function rowError(e: FieldError): CapacityImportReport['errors'][number] {
  const m = /^rows\.(\d+)\.(.*)$/.exec(e.path);
  return m ? { row: Number(m[1]), path: m[2], message: e.message } : { row: 0, path: e.path, message: e.message };
}

/** @throws forbidden unless gov user or admin (before the upload is read). */
export function requireImportRole(actor: Actor): void {
  if (!canMonitorCapacity(actor)) throw new AppError('forbidden', 'Only gov users and admins import capacity figures', { userMessage: '仅政府主管部门和平台管理员可以导入产能数据；企业请在“产能报送”中自报' });
}

/**
 * Import monthly figures (gov users for enterprises in scope, admins). A dry run reports every row's
 * errors; a commit with any error writes nothing (422 naming `rows.N.<field>`, the report in `report`),
 * else writes every row in one transaction with its audit entry (source `government_import`).
 * @throws forbidden for members and experts; unsupported_file; validation_failed.
 */
export async function importCapacity(db: Db, context: WriteContext, file: Buffer, options: { isDryRun: boolean }): Promise<CapacityImportReport> {
  requireImportRole(context.actor);
  return importCapacitySheet(db, context, await readSheet(file, CAPACITY_BATCH_MAX + 1), options);
}

/** {@link importCapacity} for a sheet already read (tests). */
export async function importCapacitySheet(db: Db, context: WriteContext, sheet: Sheet, options: { isDryRun: boolean }): Promise<CapacityImportReport> {
  const rows = sheet.rows.filter((cells) => cells.some((c) => c.trim() !== '')).length;
  if (rows > CAPACITY_BATCH_MAX) throw invalid([{ path: 'file', message: `一次最多导入 ${CAPACITY_BATCH_MAX} 行` }]);
  const errors: FieldError[] = [];
  const items = sheetItems(sheet, errors);
  const planned = await planReports(db, context.actor, items, 'government_import', errors);
  const rowErrors = errors.map(rowError).sort((a, b) => a.row - b.row);
  const report: CapacityImportReport = { isDryRun: options.isDryRun, rows, valid: planned.length, created: 0, updated: 0, errors: rowErrors };
  if (options.isDryRun) return report;
  if (rowErrors.length > 0 || rows === 0) {
    throw new AppError('validation_failed', 'Import refused', {
      userMessage: `导入未执行：${rows === 0 ? '文件中没有数据行' : `有 ${rowErrors.length} 处错误，请修正后重新上传`}`,
      errors: rows === 0 ? [{ path: 'file', message: '文件中没有数据行' }] : rowErrors.slice(0, 100).map((e) => ({ path: `rows.${e.row}.${e.path}`, message: e.message })),
      extra: { report },
    });
  }
  const written = await db.transaction().execute((tx) => writeReports(tx, context, planned, 'capacity_report.import'));
  return { ...report, created: written.created, updated: written.updated };
}

/** The import template: the columns and two example rows. */
export function capacityTemplate(): Promise<Buffer> {
  return writeWorkbook({
    name: '产能运行数据',
    columns: CAPACITY_IMPORT_COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: c.key === 'uscc' ? 24 : 14 })),
    rows: [
      { uscc: '91320506MA1M2G8K8W', month: '2026-10', unit: 'fen', capacity: 1_500_000_000, output: 1_230_000_000, ordersOnHandFen: 2_600_000_000, employees: 186 },
      { uscc: '91320506MA1M2G8K8W', month: '2026-09', unit: '万件', capacity: 10, output: 8.6, ordersOnHandFen: null, employees: 184 },
    ],
    notes: [
      '月份：YYYY-MM（北京时间的自然月）。单位：fen 表示产能、产量均为月产值（单位：分，整数）；也可填写实物单位（如 吨、万件），产能与产量同一单位。',
      '产能利用率 = 产量 ÷ 产能，由平台计算，不需填写；产量不能超过产能。同一企业同一月份再次导入将覆盖原数据（历史版本保留在审计日志中）。',
    ],
  });
}

const percent = (v: number | null) => (v === null ? null : v);

/** The monitoring of a chain as a workbook: the segments, and the SMEs (drill-down rows). */
export function capacityWorkbook(monitor: CapacityMonitorView, rows: readonly CapacityEnterpriseRow[]): Promise<Buffer> {
  const preamble = [`${monitor.chainName} 产能监测（${monitor.from} 至 ${monitor.to}；闲置阈值 ${Math.round(monitor.idleBelow * 100)}%，骤降阈值 ${monitor.dropPoints} 个百分点）`];
  return writeWorkbook(
    {
      name: '环节汇总',
      preamble,
      columns: [
        { header: '环节', key: 'name', width: 20 },
        { header: '中小企业数', key: 'smes', width: 12 },
        { header: `${monitor.to} 报送数`, key: 'reporting', width: 14 },
        { header: '产值产能（元）', key: 'capacity', width: 18, numFmt: '#,##0.00' },
        { header: '产值（元）', key: 'output', width: 18, numFmt: '#,##0.00' },
        { header: '平均产能利用率', key: 'utilisation', width: 14, numFmt: '0.0%' },
        { header: '环比（百分点）', key: 'mom', width: 14 },
        { header: '闲置', key: 'idle', width: 8 },
        { header: '骤降', key: 'drops', width: 8 },
        { header: '未报送', key: 'missing', width: 8 },
        ...monitor.months.map((m) => ({ header: m, key: `m:${m}`, width: 10, numFmt: '0.0%' })),
      ],
      rows: monitor.segments.map((s) => ({
        name: s.name, smes: s.smes, reporting: s.reporting, capacity: s.capacityFen / 100, output: s.outputFen / 100, utilisation: percent(s.utilisation), mom: s.momPoints, idle: s.idle, drops: s.drops, missing: s.missing,
        ...Object.fromEntries(s.months.map((m) => [`m:${m.month}`, m.utilisation])),
      })),
    },
    {
      name: '中小企业明细',
      preamble,
      columns: [
        { header: '统一社会信用代码', key: 'uscc', width: 22 },
        { header: '企业名称', key: 'name', width: 34 },
        { header: '地区', key: 'region', width: 24 },
        { header: '环节', key: 'segment', width: 16 },
        { header: '单位', key: 'unit', width: 8 },
        { header: '产能', key: 'capacity', width: 16 },
        { header: '产量', key: 'output', width: 16 },
        { header: '产能利用率', key: 'utilisation', width: 12, numFmt: '0.0%' },
        { header: '上月利用率', key: 'previous', width: 12, numFmt: '0.0%' },
        { header: '环比（百分点）', key: 'mom', width: 14 },
        { header: '在手订单（元）', key: 'orders', width: 16, numFmt: '#,##0.00' },
        { header: '从业人数', key: 'employees', width: 10 },
        { header: '数据来源', key: 'source', width: 10 },
        { header: '最近报送月份', key: 'last', width: 12 },
        { header: '预警', key: 'alerts', width: 20 },
      ],
      rows: rows.map((r) => ({
        uscc: r.uscc, name: r.name, region: r.regionName, segment: r.segmentName, unit: r.unit, capacity: r.capacity, output: r.output, utilisation: r.utilisation, previous: r.previousUtilisation,
        mom: r.momPoints, orders: r.ordersOnHandFen === null ? null : r.ordersOnHandFen / 100, employees: r.employees, source: r.source ? CAPACITY_SOURCE_LABELS[r.source] : null, last: r.lastReportedMonth,
        alerts: r.alerts.filter((a) => CAPACITY_ALERT_KINDS.includes(a)).map((a) => ALERT_LABELS[a]).join('、'),
      })),
    },
  );
}
