/**
 * Policy support programmes (政策项目, WR-2): gov users publish a programme with eligibility rules
 * and a maximum amount; an enterprise checks its verdict with the reasons, applies (only when
 * eligible, before the deadline), and gov in scope approve an amount (fen) or reject.
 */
import type { ApplyProgrammeBody, CreateProgrammeBody, DecideApplicationBody, ProgrammeRules } from '../../../contracts/services.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { REGION_ROOT, findRegion, regionAncestors } from '../../platform/regions.js';
import { isInRegionScope, regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { notify } from '../workbench/index.js';
import { evaluateEligibility } from './programmes.eligibility.js';
import * as repo from './programmes.repo.js';

export const PROGRAMME_ENTITY = 'service_programme';
export const PROGRAMME_APPLICATION_ENTITY = 'service_programme_application';

const isId = (id: string) => /^\d{1,18}$/.test(id);
const userIdOf = (actor: Actor) => (actor.userId === '0' ? null : actor.userId);
const yuanToFen = (yuan: number) => BigInt(Math.round(yuan * 100));

/** Managing a programme (its applications, decisions): gov whose scope holds its region, admins. */
function canManage(actor: Actor, programme: repo.ProgrammeRecord): boolean {
  return (actor.role === 'gov' || actor.role === 'platform_admin') && isInRegionScope(actor, programme.regionCode);
}

/** The member's own enterprise (registry facts), if any. */
async function ownEnterprise(db: Db, actor: Actor) {
  return actor.role === 'member' && actor.orgUscc ? repo.selectEnterpriseFacts(db, actor.orgUscc) : undefined;
}

/** A programme with what the caller may do. Programmes are public to everyone signed in. @throws not_found. */
export async function getProgramme(db: Db, actor: Actor, id: string) {
  const programme = isId(id) ? await repo.selectProgramme(db, id) : undefined;
  if (!programme) throw notFound('政策项目');
  const own = await ownEnterprise(db, actor);
  const myApplicationId = own ? (await repo.selectApplicationId(db, programme.id, own.id)) ?? null : null;
  return { programme, canManage: canManage(actor, programme), myApplicationId };
}

/** Programmes for the caller: gov their region's and below; members those covering their enterprise's region; admins all. */
export async function listProgrammes(db: Db, actor: Actor, query: { cursor?: string; limit: number }) {
  const filter: { regionCodes?: string[]; regionPrefix?: string; beforeId?: string } = { beforeId: decodeCursor(query.cursor) };
  if (actor.role === 'member' || actor.role === 'expert') {
    const own = await ownEnterprise(db, actor);
    filter.regionCodes = own ? [REGION_ROOT, ...regionAncestors(own.regionCode).map((r) => r.code)] : ['-'];
  } else {
    const scope = regionScopeOf(actor);
    if (scope.kind === 'prefix') filter.regionPrefix = scope.prefix;
  }
  const rows = await repo.selectProgrammes(db, filter, query.limit + 1);
  const items = rows.slice(0, query.limit);
  const own = await ownEnterprise(db, actor);
  const views = await Promise.all(items.map(async (programme) => ({ programme, canManage: canManage(actor, programme), myApplicationId: own ? (await repo.selectApplicationId(db, programme.id, own.id)) ?? null : null })));
  return { items: views, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** Publish a programme (gov in scope, admins). @throws forbidden for others; validation_failed. */
export async function createProgramme(db: Db, context: WriteContext, body: CreateProgrammeBody): Promise<string> {
  const { actor } = context;
  if (actor.role !== 'gov' && actor.role !== 'platform_admin') throw new AppError('forbidden', 'Only gov publishes programmes', { userMessage: '只有主管部门可以发布政策项目' });
  const regionCode = body.regionCode ?? actor.regionCode ?? undefined;
  const errors = [];
  if (!regionCode || !findRegion(regionCode) || !isInRegionScope(actor, regionCode)) errors.push({ path: 'regionCode', message: '请选择您辖区内的行政区划' });
  if (body.deadline < businessDate()) errors.push({ path: 'deadline', message: '截止日期不能早于今天' });
  if (errors.length > 0) throw invalid(errors);
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertProgramme(tx, { title: body.title, regionCode: regionCode!, description: body.description ?? '', rules: body.rules, maxAmountFen: yuanToFen(body.maxAmountYuan), deadline: body.deadline, createdBy: userIdOf(actor) });
    await recordWrites(tx, context, [{ action: 'programme.create', entityType: PROGRAMME_ENTITY, entityKey: id, regionCode: regionCode!, after: { title: body.title, rules: body.rules, maxAmountYuan: body.maxAmountYuan, deadline: body.deadline } }]);
    return id;
  });
}

/**
 * The enterprise an application is for: a member's own; gov and admins name one in scope.
 * @throws validation_failed naming `uscc`; forbidden for experts.
 */
async function applicantFor(db: Db, actor: Actor, uscc: string | undefined) {
  if (actor.role === 'expert') throw new AppError('forbidden', 'Experts act for no enterprise', { userMessage: '专家账号不能以企业身份申报' });
  const wanted = uscc?.trim().toUpperCase() ?? (actor.role === 'member' ? actor.orgUscc ?? undefined : undefined);
  const enterprise = wanted ? await repo.selectEnterpriseFacts(db, wanted) : undefined;
  const isAllowed = enterprise && (actor.role === 'member' ? actor.orgUscc === enterprise.uscc : isInRegionScope(actor, enterprise.regionCode));
  if (!enterprise || !isAllowed) throw invalid([{ path: 'uscc', message: '企业不存在或不在您的权限范围内' }]);
  return enterprise;
}

/** The verdict for one enterprise with every rule's reason (no write). @throws not_found; validation_failed naming `uscc`. */
export async function checkEligibility(db: Db, actor: Actor, id: string, uscc: string | undefined) {
  const { programme } = await getProgramme(db, actor, id);
  const enterprise = await applicantFor(db, actor, uscc);
  const verdict = evaluateEligibility(programme.regionCode, programme.rules as ProgrammeRules, enterprise);
  return { ...verdict, uscc: enterprise.uscc, name: enterprise.name };
}

/**
 * Apply for support. The verdict is evaluated now and stored with the application.
 * @throws not_found; validation_failed (ineligible: `uscc` with the failed rules; amount above the
 *   maximum: `requestedYuan`); invalid_state after the deadline; conflict when already applied.
 */
export async function applyToProgramme(db: Db, context: WriteContext, id: string, body: ApplyProgrammeBody): Promise<string> {
  const { programme } = await getProgramme(db, context.actor, id);
  const enterprise = await applicantFor(db, context.actor, body.uscc);
  if (businessDate() > programme.deadline) throw new AppError('invalid_state', 'Programme closed', { userMessage: '申报已截止' });
  const verdict = evaluateEligibility(programme.regionCode, programme.rules as ProgrammeRules, enterprise);
  const errors = [];
  if (!verdict.isEligible) errors.push({ path: 'uscc', message: `不符合申报条件：${verdict.reasons.filter((r) => r.passed !== true).map((r) => r.text).join('；')}` });
  const requestedFen = yuanToFen(body.requestedYuan);
  if (requestedFen > BigInt(programme.maxAmountFen)) errors.push({ path: 'requestedYuan', message: `不能超过单家企业上限 ${Number(programme.maxAmountFen) / 100} 元` });
  if (errors.length > 0) throw invalid(errors);
  try {
    return await db.transaction().execute(async (tx) => {
      const applicationId = await repo.insertApplication(tx, { programmeId: programme.id, enterpriseId: enterprise.id, regionCode: enterprise.regionCode, requestedFen, plan: body.plan ?? '', isEligible: true, reasons: verdict.reasons, createdBy: userIdOf(context.actor) });
      await recordWrites(tx, context, [{ action: 'programme.apply', entityType: PROGRAMME_APPLICATION_ENTITY, entityKey: applicationId, regionCode: enterprise.regionCode, after: { programmeId: programme.id, uscc: enterprise.uscc, requestedFen: requestedFen.toString() } }]);
      return applicationId;
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AppError('conflict', 'Already applied', { userMessage: '本企业已申报该项目', errors: [{ path: 'uscc', message: '已申报' }] });
    throw err;
  }
}

/** One application: its enterprise's members and the programme's managers. @throws not_found for others. */
export async function getApplication(db: Db, actor: Actor, id: string): Promise<repo.ApplicationRecord> {
  const application = isId(id) ? await repo.selectApplication(db, id) : undefined;
  const isApplicant = application && actor.role === 'member' && actor.orgUscc === application.uscc;
  const isManager = application && (actor.role === 'gov' || actor.role === 'platform_admin') && isInRegionScope(actor, application.programmeRegionCode);
  if (!application || !(isApplicant || isManager)) throw notFound('申报');
  return application;
}

/** A programme's applications (its managers), or the caller's enterprise's (members, `mine`). @throws not_found for non-managers. */
export async function listApplications(db: Db, actor: Actor, programmeId: string | 'mine', limit: number): Promise<repo.ApplicationRecord[]> {
  if (programmeId === 'mine') {
    const own = await ownEnterprise(db, actor);
    return own ? repo.selectApplications(db, { enterpriseId: own.id }, limit) : [];
  }
  const { programme, canManage: isManager } = await getProgramme(db, actor, programmeId);
  if (!isManager) throw notFound('政策项目申报');
  return repo.selectApplications(db, { programmeId: programme.id }, limit);
}

/**
 * Approve (with an amount up to the programme's maximum) or reject a submitted application.
 * @throws not_found; forbidden for the applicant; validation_failed (amount); invalid_state once decided.
 */
export async function decideApplication(db: Db, context: WriteContext, id: string, body: DecideApplicationBody): Promise<void> {
  const application = await getApplication(db, context.actor, id);
  if (context.actor.role === 'member') throw new AppError('forbidden', 'Applicants do not decide', { userMessage: '只有主管部门可以审批' });
  const approvedFen = body.decision === 'approve' ? (body.approvedYuan === undefined ? null : yuanToFen(body.approvedYuan)) : null;
  if (body.decision === 'approve' && approvedFen === null) throw invalid([{ path: 'approvedYuan', message: '请填写核定金额' }]);
  if (approvedFen !== null && approvedFen > BigInt(application.maxAmountFen)) throw invalid([{ path: 'approvedYuan', message: `不能超过单家企业上限 ${Number(application.maxAmountFen) / 100} 元` }]);
  await db.transaction().execute(async (tx) => {
    const current = await repo.selectApplication(tx, application.id, { isForUpdate: true });
    if (!current || current.status !== 'submitted') throw new AppError('invalid_state', 'Already decided', { userMessage: '该申报已审批' });
    const status = body.decision === 'approve' ? 'approved' : 'rejected';
    await repo.setDecision(tx, application.id, { status, approvedFen, note: body.note ?? '', decidedBy: userIdOf(context.actor) });
    await recordWrites(tx, context, [{ action: `programme.${body.decision}`, entityType: PROGRAMME_APPLICATION_ENTITY, entityKey: application.id, regionCode: application.regionCode, before: { status: current.status }, after: { status, approvedFen: approvedFen?.toString() ?? null } }]);
    await notify(tx, context.actor, { membersOfUscc: application.uscc }, {
      kind: status === 'approved' ? 'programme.approved' : 'programme.rejected', params: { title: application.programmeTitle, amountYuan: approvedFen === null ? null : Number(approvedFen) / 100, note: body.note ?? null },
      link: `/programmes/${application.programmeId}`, entityType: PROGRAMME_APPLICATION_ENTITY, entityKey: application.id,
    });
  });
}
