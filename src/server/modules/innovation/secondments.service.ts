/**
 * Secondments (TL-1, 兼职指导/定期派驻): a large firm or institute seconds an engineer to an SME.
 * Flow: the sender proposes a plan (goals, periods) → the SME confirms it (`active`) → the engineer
 * (their expert log-in) or the sender reports per period, the SME confirms or returns each report
 * → after the last period the SME rates it (`completed`). Either party may cancel before that.
 * Seen by the sender's and the host's members, the engineer, gov users whose region holds either
 * party, and admins; 404 for everyone else. Gov figures count confirmed days and hours only.
 */
import type { CreateSecondmentBody, DecideReportBody, ListSecondmentsQuery, RateSecondmentBody, SecondmentReportBody, SecondmentStatistics } from '../../../contracts/talent.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { findRegion, REGION_ROOT_NAME } from '../../platform/regions.js';
import { isInRegionScope, regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { selectEnterpriseByUscc } from './challenges.repo.js';
import { enterpriseFor, userIdOf } from './challenges.service.js';
import { selectExpert, selectExpertByUser } from './reviews.repo.js';
import * as repo from './secondments.repo.js';

export const SECONDMENT_ENTITY = 'secondment';
export const SECONDMENT_REPORT_ENTITY = 'secondment_report';

/** A secondment with the caller's relation to it. */
export interface SecondmentForActor {
  secondment: repo.SecondmentRecord;
  periods: repo.PeriodRecord[];
  reports: repo.ReportRecord[];
  isHost: boolean;
  isSender: boolean;
  isEngineer: boolean;
  canConfirm: boolean;
  canReport: boolean;
  canDecideReports: boolean;
  canRate: boolean;
  canCancel: boolean;
}

function relation(actor: Actor, s: repo.SecondmentRecord) {
  const isHost = actor.role === 'member' && actor.orgUscc === s.hostUscc;
  const isSender = actor.role === 'member' && actor.orgUscc === s.senderUscc;
  const isEngineer = actor.role === 'expert' && s.expertUserId !== null && s.expertUserId === actor.userId;
  const isGov = (actor.role === 'gov' || actor.role === 'platform_admin') && (isInRegionScope(actor, s.regionCode) || isInRegionScope(actor, s.senderRegion));
  return { isHost, isSender, isEngineer, isVisible: isHost || isSender || isEngineer || isGov };
}

function forActor(actor: Actor, secondment: repo.SecondmentRecord, periods: repo.PeriodRecord[], reports: repo.ReportRecord[], today = businessDate()): SecondmentForActor {
  const { isHost, isSender, isEngineer } = relation(actor, secondment);
  const isLive = secondment.status === 'proposed' || secondment.status === 'active';
  return {
    secondment, periods, reports, isHost, isSender, isEngineer,
    canConfirm: isHost && secondment.status === 'proposed',
    canReport: (isEngineer || isSender) && secondment.status === 'active',
    canDecideReports: isHost && secondment.status === 'active',
    canRate: isHost && secondment.status === 'active' && secondment.endsOn < today,
    canCancel: (isHost || isSender) && isLive,
  };
}

/** One secondment with periods and reports. @throws not_found outside the caller's scope. */
export async function getSecondment(db: Db, actor: Actor, id: string): Promise<SecondmentForActor> {
  const secondment = /^\d{1,18}$/.test(id) ? await repo.selectSecondment(db, id) : undefined;
  if (!secondment || !relation(actor, secondment).isVisible) throw notFound('派驻记录');
  return forActor(actor, secondment, await repo.selectPeriods(db, [secondment.id]), await repo.selectReports(db, secondment.id));
}

async function filterOf(db: Db, actor: Actor): Promise<repo.SecondmentFilter> {
  const scope = regionScopeOf(actor);
  if (scope.kind === 'all') return { all: true };
  if (scope.kind === 'prefix') return { regionPrefix: scope.prefix };
  if (actor.role === 'expert') return { expertId: (await selectExpertByUser(db, actor.userId))?.id ?? '0' };
  const own = actor.orgUscc ? await selectEnterpriseByUscc(db, actor.orgUscc) : undefined;
  return { enterpriseId: own?.id ?? '0' };
}

/** Newest first: the caller's enterprise's (as sender or host), an engineer's own, a gov user's region's, all for admins. */
export async function listSecondments(db: Db, actor: Actor, query: ListSecondmentsQuery & { limit: number }) {
  const rows = await repo.selectSecondments(db, await filterOf(db, actor), { status: query.status, kind: query.kind, beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const periods = await repo.selectPeriods(db, page.map((s) => s.id));
  const items = page.map((s) => forActor(actor, s, periods.filter((p) => p.secondmentId === s.id), []));
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null };
}

/**
 * Propose a secondment for the caller's enterprise as sender (gov: a sender in scope).
 * @throws forbidden for experts; validation_failed naming the field.
 */
export async function createSecondment(db: Db, context: WriteContext, body: CreateSecondmentBody): Promise<string> {
  const sender = await enterpriseFor(db, context.actor, body.senderUscc, 'senderUscc');
  const errors: FieldError[] = [];
  const host = await selectEnterpriseByUscc(db, body.hostUscc.trim().toUpperCase());
  if (!host) errors.push({ path: 'hostUscc', message: '接收企业不在平台上' });
  else if (host.id === sender.id) errors.push({ path: 'hostUscc', message: '派出单位与接收企业不能相同' });
  const expert = body.expertId ? await selectExpert(db, body.expertId) : undefined;
  if (body.expertId && !expert) errors.push({ path: 'expertId', message: '专家库中没有该专家' });
  const engineerName = body.engineerName ?? expert?.name;
  if (!engineerName) errors.push({ path: 'engineerName', message: '请选择专家或填写派驻人员姓名' });
  body.periods.forEach((p, i) => {
    if (p.endsOn < p.startsOn) errors.push({ path: `periods.${i}.endsOn`, message: '结束日期不能早于开始日期' });
    else if (i > 0 && p.startsOn <= body.periods[i - 1].endsOn) errors.push({ path: `periods.${i}.startsOn`, message: '各周期应按时间先后排列且互不重叠' });
  });
  if (errors.length > 0 || !host || !engineerName) throw invalid(errors);
  return db.transaction().execute(async (tx) => {
    const row = {
      kind: body.kind, senderId: sender.id, hostId: host.id, expertId: expert?.id ?? null, engineerName, engineerTitle: body.engineerTitle ?? '', field: body.field ?? '', goals: body.goals,
      regionCode: host.regionCode, senderRegion: sender.regionCode, createdBy: userIdOf(context.actor),
    };
    const id = await repo.insertSecondment(tx, row, body.periods);
    await recordWrites(tx, context, [{ action: 'secondment.create', entityType: SECONDMENT_ENTITY, entityKey: id, regionCode: host.regionCode, after: { ...row, senderUscc: sender.uscc, hostUscc: host.uscc, periods: body.periods } }]);
    return id;
  });
}

type Verb = 'confirm' | 'rate' | 'cancel';
const VERB_RULES: Record<Verb, { from: readonly repo.SecondmentRecord['status'][]; to: repo.SecondmentRecord['status']; message: string }> = {
  confirm: { from: ['proposed'], to: 'active', message: '只有待确认的计划可以确认' },
  rate: { from: ['active'], to: 'completed', message: '只有进行中的派驻可以评价' },
  cancel: { from: ['proposed', 'active'], to: 'cancelled', message: '已结束或已取消的派驻不能取消' },
};

/**
 * Confirm the plan (the host), rate at the end (the host, after the last period; completes it) or
 * cancel (either party).
 * @throws not_found; forbidden for other viewers; invalid_state (409) from the wrong status or before the end.
 */
export async function decideSecondment(db: Db, context: WriteContext, id: string, verb: Verb, rating?: RateSecondmentBody): Promise<void> {
  const view = await getSecondment(db, context.actor, id);
  const s = view.secondment;
  const isAllowed = verb === 'cancel' ? view.isHost || view.isSender : view.isHost;
  if (!isAllowed) throw new AppError('forbidden', `Only ${verb === 'cancel' ? 'the parties' : 'the host'} may ${verb}`, { userMessage: verb === 'cancel' ? '只有派出单位或接收企业可以取消' : '只有接收企业可以确认和评价' });
  if (verb === 'rate' && s.endsOn >= businessDate()) throw new AppError('invalid_state', 'Not ended yet', { userMessage: `派驻计划到 ${s.endsOn} 结束，结束后才能评价` });
  const rule = VERB_RULES[verb];
  await db.transaction().execute(async (tx) => {
    const current = await repo.lockSecondment(tx, s.id);
    if (!current || !rule.from.includes(current.status)) throw new AppError('invalid_state', `Cannot ${verb} a ${current?.status} secondment`, { userMessage: rule.message });
    await repo.setStatus(tx, s.id, rule.to, rating ? { rating: rating.rating, ratingComment: rating.comment } : {});
    await recordWrites(tx, context, [{ action: `secondment.${verb}`, entityType: SECONDMENT_ENTITY, entityKey: s.id, regionCode: s.regionCode, before: { status: current.status }, after: { status: rule.to, ...(rating ?? {}) } }]);
  });
}

/**
 * A report on one period by the engineer or the sender.
 * @throws not_found; forbidden for other viewers; invalid_state unless active; validation_failed naming `periodId` or `hours`.
 */
export async function addReport(db: Db, context: WriteContext, id: string, body: SecondmentReportBody): Promise<string> {
  const view = await getSecondment(db, context.actor, id);
  if (!view.isEngineer && !view.isSender) throw new AppError('forbidden', 'Only the engineer or the sender reports', { userMessage: '只有派驻人员或派出单位可以提交报告' });
  if (!view.periods.some((p) => p.id === body.periodId)) throw invalid([{ path: 'periodId', message: '该周期不属于本派驻计划' }]);
  if (body.days + body.hours === 0) throw invalid([{ path: 'hours', message: '请填写天数或小时数' }]);
  return db.transaction().execute(async (tx) => {
    const current = await repo.lockSecondment(tx, view.secondment.id);
    if (current?.status !== 'active') throw new AppError('invalid_state', 'Not active', { userMessage: '派驻计划经接收企业确认后、结束前才能提交报告' });
    const reportId = await repo.insertReport(tx, { secondmentId: view.secondment.id, periodId: body.periodId, days: body.days, hours: body.hours, summary: body.summary, createdBy: userIdOf(context.actor) });
    await recordWrites(tx, context, [{ action: 'secondment_report.create', entityType: SECONDMENT_REPORT_ENTITY, entityKey: reportId, regionCode: view.secondment.regionCode, after: { secondmentId: view.secondment.id, ...body } }]);
    return reportId;
  });
}

/**
 * The host confirms (counts in the figures) or returns a report.
 * @throws not_found (also for reports of secondments out of scope); forbidden; invalid_state unless submitted and active.
 */
export async function decideReport(db: Db, context: WriteContext, reportId: string, body: DecideReportBody): Promise<string> {
  const report = /^\d{1,18}$/.test(reportId) ? await repo.selectReport(db, reportId) : undefined;
  if (!report) throw notFound('派驻报告');
  const view = await getSecondment(db, context.actor, report.secondmentId).catch(() => {
    throw notFound('派驻报告');
  });
  if (!view.isHost) throw new AppError('forbidden', 'Only the host decides', { userMessage: '只有接收企业可以确认报告' });
  await db.transaction().execute(async (tx) => {
    const current = await repo.selectReport(tx, report.id, { isForUpdate: true });
    const secondment = await repo.lockSecondment(tx, report.secondmentId);
    if (current?.status !== 'submitted' || secondment?.status !== 'active') throw new AppError('invalid_state', 'Already decided', { userMessage: '只能处理进行中派驻的待确认报告' });
    const to = body.decision === 'confirm' ? 'confirmed' : 'returned';
    await repo.decideReport(tx, report.id, to, body.comment ?? '');
    await recordWrites(tx, context, [{ action: `secondment_report.${body.decision}`, entityType: SECONDMENT_REPORT_ENTITY, entityKey: report.id, regionCode: view.secondment.regionCode, before: { status: current.status }, after: { status: to, comment: body.comment ?? '' } }]);
  });
  return report.secondmentId;
}

/** The level below the caller's region: provinces for admins, cities for a province, districts for a city. */
function rollUpCode(code: string, scope: ReturnType<typeof regionScopeOf>): string {
  const depth = scope.kind === 'prefix' ? scope.prefix.length : 0;
  if (depth === 0) return `${code.slice(0, 2)}0000`;
  if (depth === 2) return `${code.slice(0, 4)}00`;
  return code;
}

const mean = (sum: number, n: number) => (n > 0 ? Math.round((sum / n) * 100) / 100 : null);

/** Figures of the secondments the caller may list, by status, kind and host region (confirmed days and hours). */
export async function secondmentStatistics(db: Db, actor: Actor): Promise<SecondmentStatistics> {
  const rows = await repo.selectRegionFigures(db, await filterOf(db, actor));
  const scope = regionScopeOf(actor);
  const byStatus: Record<string, number> = { proposed: 0, active: 0, completed: 0, cancelled: 0 };
  const byKind: Record<string, number> = { part_time_guidance: 0, resident: 0 };
  const regions = new Map<string, { count: number; active: number; completed: number; days: number; hours: number; ratingSum: number; rated: number }>();
  let days = 0;
  let hours = 0;
  let ratingSum = 0;
  let rated = 0;
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + r.count;
    byKind[r.kind] = (byKind[r.kind] ?? 0) + r.count;
    days += r.days;
    hours += r.hours;
    ratingSum += r.ratingSum;
    rated += r.rated;
    const code = rollUpCode(r.regionCode, scope);
    const region = regions.get(code) ?? { count: 0, active: 0, completed: 0, days: 0, hours: 0, ratingSum: 0, rated: 0 };
    region.count += r.count;
    if (r.status === 'active') region.active += r.count;
    if (r.status === 'completed') region.completed += r.count;
    region.days += r.days;
    region.hours += r.hours;
    region.ratingSum += r.ratingSum;
    region.rated += r.rated;
    regions.set(code, region);
  }
  return {
    total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus, byKind, confirmedDays: days, confirmedHours: hours, meanRating: mean(ratingSum, rated),
    byRegion: [...regions.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([regionCode, f]) => ({
      regionCode, regionName: findRegion(regionCode)?.name ?? (regionCode === '000000' ? REGION_ROOT_NAME : regionCode), count: f.count, active: f.active, completed: f.completed,
      confirmedDays: f.days, confirmedHours: f.hours, meanRating: mean(f.ratingSum, f.rated),
    })),
  };
}
