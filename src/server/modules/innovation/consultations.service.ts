/**
 * Expert consultations (专家咨询): an SME asks (field, question, urgency); the request is routed to
 * the best-matching available experts (`consultations.routing.ts`) or to a committee's members;
 * routed experts answer from their inbox; the SME rates the answers (1–5), which closes it.
 * Scope: an SME sees its own requests, an expert those routed to them, gov users their region's,
 * admins all — anyone else gets 404.
 */
import type { CreateConsultationBody, ListConsultationsQuery, RateConsultationBody } from '../../../contracts/talent.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { regionPrefix } from '../../platform/regions.js';
import { isInRegionScope, regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { selectEnterpriseByUscc } from './challenges.repo.js';
import { enterpriseFor, userIdOf } from './challenges.service.js';
import * as committeesRepo from './committees.repo.js';
import { coversRegion } from './committees.service.js';
import * as repo from './consultations.repo.js';
import { rankExperts, requestTerms, routingScore } from './consultations.routing.js';
import { findOwnExpert } from './reviews.service.js';

export const CONSULTATION_ENTITY = 'consultation';

/** A consultation with the routes the caller may see and what they may do. */
export interface ConsultationForActor {
  consultation: repo.ConsultationRecord;
  routes: (repo.RouteRecord & { isMine: boolean })[];
  canAnswer: boolean;
  canRate: boolean;
}

/** The caller's relation to a consultation. */
function relationTo(actor: Actor, c: repo.ConsultationRecord, routes: readonly repo.RouteRecord[]) {
  const isRequester = actor.role === 'member' && actor.orgUscc === c.requesterUscc;
  const isGov = (actor.role === 'gov' || actor.role === 'platform_admin') && isInRegionScope(actor, c.regionCode);
  const own = actor.role === 'expert' ? routes.find((r) => r.expertUserId === actor.userId) : undefined;
  return { isRequester, isGov, own };
}

function forActor(actor: Actor, c: repo.ConsultationRecord, routes: readonly repo.RouteRecord[]): ConsultationForActor | undefined {
  const { isRequester, isGov, own } = relationTo(actor, c, routes);
  if (!isRequester && !isGov && !own) return undefined;
  const visible = own && !isRequester && !isGov ? [own] : routes;
  return {
    consultation: c,
    routes: visible.map((r) => ({ ...r, isMine: r.id === own?.id })),
    canAnswer: own !== undefined && c.status !== 'closed',
    canRate: isRequester && c.status === 'answered',
  };
}

/** One consultation. @throws not_found for anyone outside its scope. */
export async function getConsultation(db: Db, actor: Actor, id: string): Promise<ConsultationForActor> {
  const c = /^\d{1,18}$/.test(id) ? await repo.selectConsultation(db, id) : undefined;
  const view = c ? forActor(actor, c, await repo.selectRoutes(db, [c.id])) : undefined;
  if (!view) throw notFound('咨询');
  return view;
}

/** The list filter of an actor: own enterprise, own routes, or region. */
async function filterOf(db: Db, actor: Actor): Promise<repo.ConsultationFilter> {
  if (actor.role === 'member') {
    const own = actor.orgUscc ? await selectEnterpriseByUscc(db, actor.orgUscc) : undefined;
    return { enterpriseId: own?.id ?? '0' };
  }
  if (actor.role === 'expert') return { expertId: (await findOwnExpert(db, actor))?.id ?? '0' };
  const scope = regionScopeOf(actor);
  return { regionPrefix: scope.kind === 'prefix' ? regionPrefix(scope.regionCode) : scope.kind === 'all' ? null : '-' };
}

/** A page of the consultations the caller may see, newest first (an expert's inbox, an SME's requests, a region's list). */
export async function listConsultations(db: Db, actor: Actor, query: Pick<ListConsultationsQuery, 'status' | 'cursor' | 'limit'>) {
  const rows = await repo.selectConsultations(db, await filterOf(db, actor), { status: query.status, beforeId: decodeCursor(query.cursor), limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const routes = await repo.selectRoutes(db, page.map((c) => c.id));
  const items = page.map((c) => forActor(actor, c, routes.filter((r) => r.consultationId === c.id))).filter((v): v is ConsultationForActor => v !== undefined);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null };
}

/** The experts a request goes to: the committee's eligible members (chair first) or the pool's best matches. */
async function routesFor(db: Db, requester: { uscc: string; regionCode: string }, body: CreateConsultationBody) {
  const request = { field: body.field, question: body.question, regionCode: requester.regionCode };
  if (!body.committeeId) {
    const routes = rankExperts(request, await repo.selectRoutingCandidates(db, requester.uscc));
    if (routes.length === 0) throw invalid([{ path: 'field', message: '暂无该领域有空闲的专家，请换一种领域表述，或提交给专家咨询委员会' }]);
    return routes;
  }
  const committee = await committeesRepo.selectCommittee(db, body.committeeId);
  if (!committee) throw invalid([{ path: 'committeeId', message: '专家咨询委员会不存在' }]);
  const members = await committeesRepo.selectMembers(db, [committee.id]);
  if (!coversRegion(committee, requester.regionCode)) throw invalid([{ path: 'committeeId', message: '该委员会已停用或不覆盖贵企业所在地区' }]);
  const candidates = await repo.selectRoutingCandidates(db, requester.uscc, members.map((m) => m.expertId));
  const terms = requestTerms(request);
  const chair = members.find((m) => m.role === 'chair')?.expertId;
  // Members answer for the committee whatever their load; their order is the chair, then field match.
  const routes = candidates
    .filter((c) => c.isAvailable && !c.isConflicted)
    .map((c) => ({ expertId: c.id, score: routingScore(terms, request, { ...c, openLoad: 0, maxLoad: Math.max(1, c.maxLoad) }).score }))
    .sort((a, b) => Number(b.expertId === chair) - Number(a.expertId === chair) || b.score - a.score || Number(a.expertId) - Number(b.expertId));
  if (routes.length === 0) throw invalid([{ path: 'committeeId', message: '该委员会暂无可回避利益冲突的在岗专家' }]);
  return routes;
}

/**
 * Request a consultation for the caller's enterprise (gov users: an enterprise in scope) and route it.
 * @throws forbidden for experts; validation_failed naming `field` (nobody matches) or `committeeId`.
 */
export async function createConsultation(db: Db, context: WriteContext, body: CreateConsultationBody): Promise<string> {
  const requester = await enterpriseFor(db, context.actor, body.uscc, 'uscc');
  const routes = await routesFor(db, requester, body);
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertConsultation(tx, {
      enterpriseId: requester.id, regionCode: requester.regionCode, field: body.field, question: body.question, urgency: body.urgency, committeeId: body.committeeId ?? null, createdBy: userIdOf(context.actor),
    });
    await repo.insertRoutes(tx, id, routes);
    await recordWrites(tx, context, [{
      action: 'consultation.create', entityType: CONSULTATION_ENTITY, entityKey: id, regionCode: requester.regionCode,
      after: { uscc: requester.uscc, field: body.field, urgency: body.urgency, committeeId: body.committeeId ?? null, routedTo: routes.map((r) => r.expertId) },
    }]);
    return id;
  });
}

/**
 * A routed expert answers (or revises their answer) until the SME closes the consultation.
 * @throws not_found outside scope; forbidden for non-routed viewers; invalid_state once closed.
 */
export async function answerConsultation(db: Db, context: WriteContext, id: string, answer: string): Promise<void> {
  const view = await getConsultation(db, context.actor, id);
  const own = view.routes.find((r) => r.isMine);
  if (!own) throw new AppError('forbidden', 'Only routed experts answer', { userMessage: '只有受邀专家可以答复' });
  await db.transaction().execute(async (tx) => {
    const current = await repo.selectConsultation(tx, view.consultation.id, { isForUpdate: true });
    if (!current || current.status === 'closed') throw new AppError('invalid_state', 'Consultation closed', { userMessage: '该咨询已结束' });
    await repo.setAnswer(tx, own.id, answer);
    if (current.status === 'open') await repo.setStatus(tx, current.id, 'answered');
    await recordWrites(tx, context, [{ action: 'consultation.answer', entityType: CONSULTATION_ENTITY, entityKey: current.id, regionCode: current.regionCode, before: { answer: own.answer, status: current.status }, after: { answer, status: 'answered' } }]);
  });
}

/**
 * The requesting SME rates the answers (1–5) and so closes the consultation.
 * @throws not_found outside scope; forbidden unless the requester; invalid_state unless answered.
 */
export async function rateConsultation(db: Db, context: WriteContext, id: string, body: RateConsultationBody): Promise<void> {
  const view = await getConsultation(db, context.actor, id);
  if (!relationTo(context.actor, view.consultation, view.routes).isRequester) throw new AppError('forbidden', 'Only the requester rates', { userMessage: '只有提出咨询的企业可以评价' });
  await db.transaction().execute(async (tx) => {
    const current = await repo.selectConsultation(tx, view.consultation.id, { isForUpdate: true });
    if (!current || current.status !== 'answered') throw new AppError('invalid_state', `Cannot rate a ${current?.status} consultation`, { userMessage: current?.status === 'closed' ? '该咨询已评价' : '专家尚未答复，暂不能评价' });
    await repo.setRating(tx, current.id, body.rating, body.comment ?? '');
    await recordWrites(tx, context, [{ action: 'consultation.rate', entityType: CONSULTATION_ENTITY, entityKey: current.id, regionCode: current.regionCode, before: { status: current.status }, after: { status: 'closed', rating: body.rating, comment: body.comment ?? '' } }]);
  });
}

const round = (x: number | null, digits = 1) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** Figures: members their own requests', gov users their region's, admins all. @throws forbidden for experts. */
export async function consultationStatistics(db: Db, actor: Actor) {
  if (actor.role === 'expert') throw new AppError('forbidden', 'Not for experts', { userMessage: '专家账号无咨询统计' });
  const filter = await filterOf(db, actor);
  const figures = await repo.selectStatistics(db, 'enterpriseId' in filter ? { enterpriseId: filter.enterpriseId } : { regionPrefix: 'regionPrefix' in filter ? filter.regionPrefix : null });
  const byStatus: Record<string, number> = { open: 0, answered: 0, closed: 0 };
  for (const t of figures.totals) byStatus[t.status] = t.count;
  return {
    total: figures.totals.reduce((s, t) => s + t.count, 0),
    byStatus,
    meanRating: round(figures.overall?.meanRating ?? null, 2),
    meanHoursToFirstAnswer: round(figures.overall?.meanHours ?? null),
    byField: figures.byField.map((f) => ({ field: f.field, count: f.count, meanRating: round(f.meanRating, 2) })),
    byExpert: figures.byExpert.map((e) => ({ expertId: e.expertId, expertName: e.expertName, routed: e.routed, answered: e.answered, meanRating: round(e.meanRating, 2) })),
  };
}
