/**
 * Capacity monitoring of a chain's SMEs (产业链中小企业产能监测, DC-3; ADR 0036): monthly operating
 * data per enterprise, and the monitoring of a chain's segments with alerts.
 */
import { z } from 'zod';
import { PageQuery, Uscc } from './common.js';

/** Where a month's figures came from. */
export const CAPACITY_SOURCES = ['self_report', 'government_import', 'platform_api'] as const;
export type CapacitySource = (typeof CAPACITY_SOURCES)[number];
export const CAPACITY_SOURCE_LABELS: Record<CapacitySource, string> = { self_report: '企业自报', government_import: '政府导入', platform_api: '平台接口' };

/** The unit meaning "monthly output value in fen" (产值); any other unit is physical (吨, 万件, …). */
export const VALUE_UNIT = 'fen';
/** Rows of one batch or one import. */
export const CAPACITY_BATCH_MAX = 2000;
/** Alert kinds of the monitoring. */
export const CAPACITY_ALERT_KINDS = ['idle', 'drop', 'missing'] as const;
export type CapacityAlertKind = (typeof CAPACITY_ALERT_KINDS)[number];
/** Default thresholds of the monitoring. */
export const IDLE_BELOW_DEFAULT = 0.6;
export const DROP_POINTS_DEFAULT = 15;

/** A business month (Asia/Shanghai), `YYYY-MM`. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM').describe('Business month (Asia/Shanghai), YYYY-MM.');

/** One month of one enterprise, as reported. */
export const CapacityReportItem = z.object({
  uscc: Uscc,
  month: Month,
  unit: z.string().trim().min(1).max(20).default(VALUE_UNIT).describe('`fen`: capacity and output are monthly output value in integer fen (产值); else a physical unit such as 吨 or 万件 for both.'),
  capacity: z.number().positive('产能应大于 0').max(1e15).describe('Monthly capacity in `unit` (> 0).'),
  output: z.number().min(0, '产量不能为负').max(1e15).describe('Output of the month in `unit` (0 ≤ output ≤ capacity). Utilisation = output / capacity is computed, never sent.'),
  ordersOnHandFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullish().describe('Orders on hand at month end, integer fen.'),
  employees: z.number().int().min(0).max(10_000_000).nullish().describe('Employees at month end.'),
});
export type CapacityReportItem = z.infer<typeof CapacityReportItem>;

/** `POST /api/v1/capacity/reports`. */
export const CapacityReportsBody = z.object({
  items: z.array(CapacityReportItem).min(1).max(CAPACITY_BATCH_MAX).describe('Months to record; a month already reported is replaced (its earlier version stays in the audit log).'),
});
export type CapacityReportsBody = z.infer<typeof CapacityReportsBody>;

export const CapacityReportsResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  items: z.array(z.object({ id: z.string(), uscc: z.string(), month: z.string(), isCreated: z.boolean() })),
});
export type CapacityReportsResult = z.infer<typeof CapacityReportsResult>;

/** Import report (dry run or commit). */
export const CapacityImportReport = z.object({
  isDryRun: z.boolean(),
  rows: z.number().int(),
  valid: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(z.object({ row: z.number().int().describe('Spreadsheet row number (header = 1).'), path: z.string(), message: z.string() })),
});
export type CapacityImportReport = z.infer<typeof CapacityImportReport>;

/** One month as read back. */
export const CapacityMonthView = z.object({
  month: z.string(),
  unit: z.string(),
  capacity: z.number(),
  output: z.number(),
  utilisation: z.number().describe('output / capacity, 0–1 (4 decimals).'),
  ordersOnHandFen: z.number().nullable(),
  employees: z.number().nullable(),
  source: z.enum(CAPACITY_SOURCES),
  reportedBy: z.string().nullable().describe('Display name of the reporting user (null for the CLI/system).'),
  updatedAt: z.string(),
});
export type CapacityMonthView = z.infer<typeof CapacityMonthView>;

export const EnterpriseCapacityView = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  months: z.array(CapacityMonthView).describe('Months of the range, oldest first (only those reported).'),
});
export type EnterpriseCapacityView = z.infer<typeof EnterpriseCapacityView>;

/** Month range of reads. */
export const MonthRangeQuery = z.object({
  from: Month.optional().describe('First month (default: 11 months before `to`).'),
  to: Month.optional().describe('Last month, the one alerts look at (default: the last complete business month).'),
});

/** Thresholds of the monitoring. */
export const CapacityMonitorQuery = MonthRangeQuery.extend({
  idleBelow: z.coerce.number().min(0).max(1).default(IDLE_BELOW_DEFAULT).describe('An SME whose utilisation in `to` is below this (0–1) is idle (闲置产能, a candidate for capacity sharing).'),
  dropPoints: z.coerce.number().min(1).max(100).default(DROP_POINTS_DEFAULT).describe('Alert when utilisation fell by at least this many percentage points from the month before `to`.'),
});
export type CapacityMonitorQuery = z.infer<typeof CapacityMonitorQuery>;

export const CapacityAlert = z.object({
  kind: z.enum(CAPACITY_ALERT_KINDS).describe('idle 产能闲置 / drop 利用率骤降 / missing 最新月份未报送.'),
  uscc: z.string(),
  name: z.string(),
  segmentKey: z.string(),
  segmentName: z.string(),
  utilisation: z.number().nullable(),
  previousUtilisation: z.number().nullable(),
  lastReportedMonth: z.string().nullable(),
});
export type CapacityAlert = z.infer<typeof CapacityAlert>;

export const CapacitySegmentMonth = z.object({
  month: z.string(),
  reporting: z.number().int(),
  utilisation: z.number().nullable().describe('Mean utilisation of the SMEs reporting that month.'),
});

export const CapacitySegmentView = z.object({
  key: z.string(),
  name: z.string(),
  stage: z.string(),
  smes: z.number().int().describe('SMEs placed in the segment (in the caller’s region scope).'),
  reporting: z.number().int().describe('Of them, those that reported `to`.'),
  capacityFen: z.number().describe('Sum of value capacity (unit `fen`) reported for `to`.'),
  outputFen: z.number().describe('Sum of output value (unit `fen`) reported for `to`.'),
  utilisation: z.number().nullable().describe('Mean utilisation in `to` (all units).'),
  momPoints: z.number().nullable().describe('Change of the mean utilisation from the month before, in percentage points.'),
  idle: z.number().int(),
  drops: z.number().int(),
  missing: z.number().int(),
  months: z.array(CapacitySegmentMonth),
});
export type CapacitySegmentView = z.infer<typeof CapacitySegmentView>;

export const CapacityMonitorView = z.object({
  chainId: z.string(),
  chainName: z.string(),
  from: z.string(),
  to: z.string(),
  months: z.array(z.string()),
  idleBelow: z.number(),
  dropPoints: z.number(),
  totals: z.object({ smes: z.number().int(), reporting: z.number().int(), utilisation: z.number().nullable(), idle: z.number().int(), drops: z.number().int(), missing: z.number().int() }),
  segments: z.array(CapacitySegmentView),
  alerts: z.array(CapacityAlert).describe('At most 200, idle first, then drops, then missing.'),
  openCapacityNeeds: z.record(z.string(), z.number().int()).describe('Per segment key: published capacity needs (matching, kind `capacity`) in the segment’s industries — where idle SMEs can offer capacity.'),
});
export type CapacityMonitorView = z.infer<typeof CapacityMonitorView>;

/** Drill-down: the SMEs of a chain (or one segment), with the figures of `to`. */
export const CapacityEnterprisesQuery = CapacityMonitorQuery.extend({
  segment: z.string().max(60).optional().describe('Segment key; all segments when absent.'),
  alert: z.enum(CAPACITY_ALERT_KINDS).optional().describe('Only SMEs with this alert.'),
}).merge(PageQuery);
export type CapacityEnterprisesQuery = z.infer<typeof CapacityEnterprisesQuery>;

export const CapacityEnterpriseRow = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  segmentKey: z.string(),
  segmentName: z.string(),
  unit: z.string().nullable(),
  capacity: z.number().nullable(),
  output: z.number().nullable(),
  utilisation: z.number().nullable(),
  previousUtilisation: z.number().nullable(),
  momPoints: z.number().nullable(),
  ordersOnHandFen: z.number().nullable(),
  employees: z.number().nullable(),
  source: z.enum(CAPACITY_SOURCES).nullable(),
  lastReportedMonth: z.string().nullable(),
  alerts: z.array(z.enum(CAPACITY_ALERT_KINDS)),
});
export type CapacityEnterpriseRow = z.infer<typeof CapacityEnterpriseRow>;

/** Import columns (English key, Chinese header). */
export const CAPACITY_IMPORT_COLUMNS = [
  { key: 'uscc', zh: '统一社会信用代码', required: true },
  { key: 'month', zh: '月份', required: true },
  { key: 'unit', zh: '单位', required: false },
  { key: 'capacity', zh: '产能', required: true },
  { key: 'output', zh: '产量', required: true },
  { key: 'ordersOnHandFen', zh: '在手订单（分）', required: false },
  { key: 'employees', zh: '从业人数', required: false },
] as const;
