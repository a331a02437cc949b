/**
 * Capacity monitoring of a chain's SMEs (产业链中小企业产能监测, DC-3; ADR 0036): monthly reports
 * (upsert with every version in the audit log) and the monitoring of a chain's segments with alerts
 * (idle capacity, a sharp month-on-month drop, the latest month not reported).
 */
import {
  CAPACITY_ALERT_KINDS, VALUE_UNIT,
  type CapacityAlert, type CapacityAlertKind, type CapacityEnterpriseRow, type CapacityEnterprisesQuery, type CapacityMonitorQuery, type CapacityMonitorView,
  type CapacityReportItem, type CapacityReportsResult, type CapacitySegmentView, type CapacitySource, type EnterpriseCapacityView,
} from '../../../contracts/capacity.js';
import type { Db, Tx } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { regionFullName } from '../../platform/regions.js';
import { regionScopeOf } from '../../platform/scope.js';
import { validateUscc } from '../../platform/uscc.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { getChain } from './chains.service.js';
import { canAccessEnterpriseCapacity, canMonitorCapacity, canReportCapacity } from './capacity.policy.js';
import * as repo from './capacity.repo.js';

/** Audit entity of a month's report (entity key `<enterprise id>:<YYYY-MM>`). */
export const CAPACITY_ENTITY = 'capacity_report';
/** Longest month range a read covers. */
const MAX_RANGE_MONTHS = 36;
const ALERTS_MAX = 200;

// ---- months -------------------------------------------------------------------------------

/** The current business month (Asia/Shanghai), `YYYY-MM`. */
export function currentMonth(at: Date = new Date()): string {
  return businessDate(at).slice(0, 7);
}

/** `YYYY-MM` plus `n` months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The months from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The month range of a read: `to` defaults to the last complete month, `from` to 11 months before. @throws validation_failed */
export function monthRange(q: { from?: string; to?: string }, now: Date = new Date()): { from: string; to: string } {
  const current = currentMonth(now);
  const to = q.to ?? addMonths(current, -1);
  const from = q.from ?? addMonths(to, -11);
  const errors: FieldError[] = [];
  if (to > current) errors.push({ path: 'to', message: `不能晚于本月 ${current}` });
  if (from > to) errors.push({ path: 'from', message: '起始月份不能晚于截止月份' });
  else if (monthsBetween(from, to).length > MAX_RANGE_MONTHS) errors.push({ path: 'from', message: `一次最多查看 ${MAX_RANGE_MONTHS} 个月` });
  if (errors.length > 0) throw invalid(errors);
  return { from, to };
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
const mean = (xs: readonly number[]) => (xs.length === 0 ? null : round4(xs.reduce((a, b) => a + b, 0) / xs.length));
const points = (cur: number | null, prev: number | null) => (cur === null || prev === null ? null : Math.round((cur - prev) * 1000) / 10);

// ---- writes -------------------------------------------------------------------------------

/** A report item with where its errors go (`items.3` or `rows.5`). */
export interface LocatedItem {
  at: string;
  item: CapacityReportItem;
}

/** A checked item, ready to write, with what the audit shows. */
interface PlannedReport {
  at: string;
  write: repo.ReportWrite;
  enterprise: repo.EnterpriseRef;
  item: CapacityReportItem;
}

/**
 * Check items against each other, the calendar, the enterprises and the actor's rights. Errors
 * name `<at>.<field>`; enterprises the actor may not report for read like unknown ones.
 */
export async function planReports(db: Db | Tx, actor: Actor, items: readonly LocatedItem[], source: CapacitySource, errors: FieldError[]): Promise<PlannedReport[]> {
  const current = currentMonth();
  const usccs = items.map(({ item }) => validateUscc(item.uscc));
  const enterprises = await repo.selectEnterprises(db, [...new Set(usccs.filter((u) => u.valid).map((u) => u.code))]);
  const seen = new Map<string, string>();
  const planned: PlannedReport[] = [];
  items.forEach(({ at, item }, i) => {
    const before = errors.length;
    const fail = (field: string, message: string) => errors.push({ path: `${at}.${field}`, message });
    const check = usccs[i];
    const enterprise = check.valid ? enterprises.get(check.code) : undefined;
    if (!check.valid) fail('uscc', `统一社会信用代码无效：${check.reason}`);
    else if (!enterprise || !canAccessEnterpriseCapacity(actor, enterprise)) {
      fail('uscc', actor.role === 'member' ? '企业用户只能报送本企业的产能数据' : `企业 ${check.code} 不存在或不在您的管辖范围内`);
    }
    if (item.month > current) fail('month', `不能报送未来月份（本月为 ${current}）`);
    else if (item.month < '2000-01') fail('month', '月份早于 2000-01');
    if (item.output > item.capacity) fail('output', '产量不能超过产能（产能利用率在 0–1 之间）');
    if (item.unit === VALUE_UNIT && (!Number.isInteger(item.capacity) || !Number.isInteger(item.output))) {
      fail(Number.isInteger(item.capacity) ? 'output' : 'capacity', '单位为 fen（产值，分）时应为整数');
    }
    if (enterprise) {
      const key = `${enterprise.id}|${item.month}`;
      const first = seen.get(key);
      if (first !== undefined) fail('month', `与 ${first} 是同一企业同一月份`);
      else seen.set(key, at);
    }
    if (errors.length > before || !enterprise) return;
    planned.push({
      at, enterprise, item,
      write: {
        enterpriseId: enterprise.id, month: `${item.month}-01`, regionCode: enterprise.regionCode, unit: item.unit, capacity: item.capacity, output: item.output,
        ordersOnHandFen: item.ordersOnHandFen ?? null, employees: item.employees ?? null, source, reportedBy: actor.userId === '0' ? null : actor.userId,
      },
    });
  });
  return planned;
}

/** Write planned months in `tx` with one audit entry each (the replaced version as `before`). */
export async function writeReports(tx: Tx, context: WriteContext, planned: readonly PlannedReport[], action: string): Promise<CapacityReportsResult> {
  if (planned.length === 0) return { created: 0, updated: 0, items: [] };
  const months = planned.map((p) => p.item.month).sort();
  const existing = await repo.selectReports(tx, [...new Set(planned.map((p) => p.enterprise.id))], `${months[0]}-01`, `${months.at(-1)}-01`, { isLocked: true });
  const before = new Map(existing.map((r) => [`${r.enterpriseId}|${r.month}`, r]));
  const written = await repo.upsertReports(tx, planned.map((p) => p.write));
  const describe = (w: repo.ReportWrite) => ({ unit: w.unit, capacity: w.capacity, output: w.output, utilisation: round4(w.output / w.capacity), ordersOnHandFen: w.ordersOnHandFen, employees: w.employees, source: w.source });
  await recordWrites(tx, context, planned.map((p, i) => {
    const old = before.get(`${p.enterprise.id}|${p.item.month}`);
    return {
      action: written[i].isCreated ? `${action}.create` : `${action}.update`,
      entityType: CAPACITY_ENTITY,
      entityKey: `${p.enterprise.id}:${p.item.month}`,
      regionCode: p.enterprise.regionCode,
      before: old ? { unit: old.unit, capacity: old.capacity, output: old.output, utilisation: old.utilisation, ordersOnHandFen: old.ordersOnHandFen, employees: old.employees, source: old.source } : undefined,
      after: { uscc: p.enterprise.uscc, month: p.item.month, ...describe(p.write) },
    };
  }));
  return {
    created: written.filter((w) => w.isCreated).length,
    updated: written.filter((w) => !w.isCreated).length,
    items: planned.map((p, i) => ({ id: written[i].id, uscc: p.enterprise.uscc, month: p.item.month, isCreated: written[i].isCreated })),
  };
}

/**
 * Record a batch of months (SME self-report, or a platform/gov user through the API): every item
 * or none, in one transaction. Members report for their own enterprise (`self_report`); gov users
 * and admins for enterprises in scope (`platform_api`).
 * @throws forbidden for experts and members without an enterprise; validation_failed naming `items.N.<field>`.
 */
export async function reportCapacity(db: Db, context: WriteContext, items: readonly CapacityReportItem[]): Promise<CapacityReportsResult> {
  const { actor } = context;
  if (!canReportCapacity(actor)) throw new AppError('forbidden', 'Role may not report capacity', { userMessage: '当前角色不能报送产能数据' });
  const errors: FieldError[] = [];
  const source: CapacitySource = actor.role === 'member' ? 'self_report' : 'platform_api';
  const planned = await planReports(db, actor, items.map((item, i) => ({ at: `items.${i}`, item })), source, errors);
  if (errors.length > 0) throw invalid(errors.slice(0, 100));
  return db.transaction().execute((tx) => writeReports(tx, context, planned, 'capacity_report'));
}

// ---- reads --------------------------------------------------------------------------------

function presentMonth(r: repo.ReportRecord) {
  return { month: r.month, unit: r.unit, capacity: r.capacity, output: r.output, utilisation: r.utilisation, ordersOnHandFen: r.ordersOnHandFen, employees: r.employees, source: r.source, reportedBy: r.reportedBy, updatedAt: r.updatedAt.toISOString() };
}

/**
 * The months of one enterprise. Its own members, gov users with it in scope, admins; else 404.
 * @throws not_found; validation_failed for a bad range.
 */
export async function getEnterpriseCapacity(db: Db, actor: Actor, uscc: string, q: { from?: string; to?: string }): Promise<EnterpriseCapacityView> {
  const range = monthRange({ from: q.from, to: q.to ?? currentMonth() });
  const check = validateUscc(uscc);
  const enterprise = check.valid ? (await repo.selectEnterprises(db, [check.code])).get(check.code) : undefined;
  if (!enterprise || !canAccessEnterpriseCapacity(actor, enterprise)) throw notFound('企业');
  const rows = await repo.selectReports(db, [enterprise.id], `${range.from}-01`, `${range.to}-01`);
  return { uscc: enterprise.uscc, name: enterprise.name, regionCode: enterprise.regionCode, regionName: regionFullName(enterprise.regionCode) ?? enterprise.regionCode, months: rows.map(presentMonth) };
}

/** One SME in one segment with its figures of `to` and its alerts. */
interface SmeState {
  sme: repo.ChainSmeRecord;
  segmentName: string;
  current?: repo.ReportRecord;
  previous?: repo.ReportRecord;
  lastReportedMonth: string | null;
  alerts: CapacityAlertKind[];
}

/** Everything the monitoring and its drill-down compute from. */
interface MonitorData {
  chain: { id: string; name: string };
  segments: Array<{ key: string; name: string; stage: string; industryCodes: string[] }>;
  range: { from: string; to: string };
  months: string[];
  states: SmeState[];
  /** Reports by enterprise id, by month. */
  byEnterprise: Map<string, Map<string, repo.ReportRecord>>;
}

async function loadMonitor(db: Db, actor: Actor, chainId: string, q: CapacityMonitorQuery): Promise<MonitorData> {
  if (!canMonitorCapacity(actor)) throw new AppError('forbidden', 'Capacity monitoring is for gov users', { userMessage: '产能监测仅供政府主管部门和平台管理员使用' });
  const range = monthRange(q);
  const { chain, segments } = await getChain(db, actor, chainId);
  const scope = regionScopeOf(actor);
  const prefix = scope.kind === 'prefix' ? scope.prefix : '';
  const smes = await repo.selectChainSmes(db, chain.id, prefix);
  const ids = [...new Set(smes.map((s) => s.enterpriseId))];
  const previousMonth = addMonths(range.to, -1);
  const first = range.from < previousMonth ? range.from : previousMonth;
  const [reports, last] = await Promise.all([repo.selectReports(db, ids, `${first}-01`, `${range.to}-01`), repo.selectLastReported(db, ids, `${range.to}-01`)]);
  const byEnterprise = new Map<string, Map<string, repo.ReportRecord>>();
  for (const r of reports) {
    const months = byEnterprise.get(r.enterpriseId) ?? new Map<string, repo.ReportRecord>();
    months.set(r.month, r);
    byEnterprise.set(r.enterpriseId, months);
  }
  const names = new Map(segments.map((s) => [s.key, s.name]));
  const states = smes.map((sme): SmeState => {
    const months = byEnterprise.get(sme.enterpriseId);
    const current = months?.get(range.to);
    const previous = months?.get(previousMonth);
    const alerts: CapacityAlertKind[] = [];
    if (!current) alerts.push('missing');
    else {
      if (current.utilisation < q.idleBelow) alerts.push('idle');
      if (previous && (previous.utilisation - current.utilisation) * 100 >= q.dropPoints - 1e-9) alerts.push('drop');
    }
    return { sme, segmentName: names.get(sme.segmentKey) ?? sme.segmentKey, current, previous, lastReportedMonth: last.get(sme.enterpriseId) ?? null, alerts };
  });
  return { chain: { id: chain.id, name: chain.name }, segments: segments.map((s) => ({ key: s.key, name: s.name, stage: s.stage, industryCodes: s.industryCodes })), range, months: monthsBetween(range.from, range.to), states, byEnterprise };
}

const ALERT_ORDER: Record<CapacityAlertKind, number> = { idle: 0, drop: 1, missing: 2 };

function alertOf(s: SmeState, kind: CapacityAlertKind): CapacityAlert {
  return { kind, uscc: s.sme.uscc, name: s.sme.name, segmentKey: s.sme.segmentKey, segmentName: s.segmentName, utilisation: s.current?.utilisation ?? null, previousUtilisation: s.previous?.utilisation ?? null, lastReportedMonth: s.lastReportedMonth };
}

/**
 * The monitoring of a chain: per segment, the SMEs in the caller's scope, those reporting `to`,
 * value capacity and output (unit `fen`), mean utilisation and its month-on-month change, alert
 * counts, and the mean utilisation per month; plus the alerts. Gov users and admins only.
 * @throws forbidden for other roles; not_found for an unknown chain; validation_failed for a bad range.
 */
export async function getCapacityMonitor(db: Db, actor: Actor, chainId: string, q: CapacityMonitorQuery): Promise<CapacityMonitorView> {
  const data = await loadMonitor(db, actor, chainId, q);
  const segmentView = (key: string, name: string, stage: string, states: SmeState[]): CapacitySegmentView => {
    const reporting = states.filter((s) => s.current);
    const value = reporting.filter((s) => s.current!.unit === VALUE_UNIT);
    const utilisation = mean(reporting.map((s) => s.current!.utilisation));
    const previous = mean(states.filter((s) => s.previous).map((s) => s.previous!.utilisation));
    return {
      key, name, stage,
      smes: states.length,
      reporting: reporting.length,
      capacityFen: value.reduce((a, s) => a + s.current!.capacity, 0),
      outputFen: value.reduce((a, s) => a + s.current!.output, 0),
      utilisation,
      momPoints: points(utilisation, previous),
      idle: states.filter((s) => s.alerts.includes('idle')).length,
      drops: states.filter((s) => s.alerts.includes('drop')).length,
      missing: states.filter((s) => s.alerts.includes('missing')).length,
      months: data.months.map((month) => {
        const rows = states.map((s) => data.byEnterprise.get(s.sme.enterpriseId)?.get(month)).filter((r): r is repo.ReportRecord => r !== undefined);
        return { month, reporting: rows.length, utilisation: mean(rows.map((r) => r.utilisation)) };
      }),
    };
  };
  const segments = data.segments.map((s) => segmentView(s.key, s.name, s.stage, data.states.filter((st) => st.sme.segmentKey === s.key)));
  // Totals count each enterprise once (an SME may sit in two segments).
  const distinct = [...new Map(data.states.map((s) => [s.sme.enterpriseId, s])).values()];
  const all = segmentView('', '', '', distinct);
  const alerts = data.states
    .flatMap((s) => s.alerts.map((kind) => alertOf(s, kind)))
    .sort((a, b) => ALERT_ORDER[a.kind] - ALERT_ORDER[b.kind] || (a.utilisation ?? 1) - (b.utilisation ?? 1) || a.name.localeCompare(b.name, 'zh'))
    .slice(0, ALERTS_MAX);
  const needs = await repo.countOpenCapacityNeeds(db, data.segments);
  return {
    chainId: data.chain.id, chainName: data.chain.name, from: data.range.from, to: data.range.to, months: data.months, idleBelow: q.idleBelow, dropPoints: q.dropPoints,
    totals: { smes: all.smes, reporting: all.reporting, utilisation: all.utilisation, idle: all.idle, drops: all.drops, missing: all.missing },
    segments, alerts,
    openCapacityNeeds: Object.fromEntries(needs),
  };
}

function rowOf(s: SmeState): CapacityEnterpriseRow {
  const cur = s.current;
  return {
    uscc: s.sme.uscc, name: s.sme.name, regionCode: s.sme.regionCode, regionName: regionFullName(s.sme.regionCode) ?? s.sme.regionCode,
    segmentKey: s.sme.segmentKey, segmentName: s.segmentName,
    unit: cur?.unit ?? null, capacity: cur?.capacity ?? null, output: cur?.output ?? null, utilisation: cur?.utilisation ?? null,
    previousUtilisation: s.previous?.utilisation ?? null, momPoints: points(cur?.utilisation ?? null, s.previous?.utilisation ?? null),
    ordersOnHandFen: cur?.ordersOnHandFen ?? null, employees: cur?.employees ?? null, source: cur?.source ?? null, lastReportedMonth: s.lastReportedMonth,
    alerts: [...s.alerts].sort((a, b) => ALERT_ORDER[a] - ALERT_ORDER[b]),
  };
}

/**
 * Drill-down: the SMEs of a chain (or one segment) with their figures of `to`, alerts first
 * (idle, drop, missing), then by utilisation. Offset pages.
 * @throws as {@link getCapacityMonitor}; validation_failed naming `segment` for an unknown segment.
 */
export async function listCapacityEnterprises(db: Db, actor: Actor, chainId: string, q: CapacityEnterprisesQuery): Promise<{ items: CapacityEnterpriseRow[]; nextCursor: string | null; total: number }> {
  const data = await loadMonitor(db, actor, chainId, q);
  if (q.segment !== undefined && !data.segments.some((s) => s.key === q.segment)) throw invalid([{ path: 'segment', message: `产业链没有环节 ${q.segment}` }]);
  const rank = (s: SmeState) => Math.min(...s.alerts.map((a) => ALERT_ORDER[a]), CAPACITY_ALERT_KINDS.length);
  const rows = data.states
    .filter((s) => (q.segment === undefined || s.sme.segmentKey === q.segment) && (q.alert === undefined || s.alerts.includes(q.alert)))
    .sort((a, b) => rank(a) - rank(b) || (a.current?.utilisation ?? 2) - (b.current?.utilisation ?? 2) || a.sme.name.localeCompare(b.sme.name, 'zh') || a.sme.segmentKey.localeCompare(b.sme.segmentKey));
  const offset = Number(decodeCursor(q.cursor) ?? 0);
  const page = rows.slice(offset, offset + q.limit);
  return { items: page.map(rowOf), nextCursor: offset + q.limit < rows.length ? encodeCursor(offset + q.limit) : null, total: rows.length };
}
