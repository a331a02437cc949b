/**
 * Overseas service offers (出海服务, SV-3): a member of a large firm publishes an offer to take
 * SMEs abroad (export channel, overseas warehouse, certification help, joint bidding) for a
 * number of SMEs; SMEs apply with a note; the firm accepts or declines. Capacity is enforced by
 * the database (conditional increment under the offer's row lock, and a CHECK), so parallel
 * accepts never exceed it. Offers are listings for everyone signed in; an application is
 * visible to the applying SME, the offering firm and gov whose region covers the firm only.
 */
import type { ApplyOverseasOfferBody, CreateOverseasOfferBody, DecideOverseasApplicationBody, ListOverseasOffersQuery } from '../../../contracts/overseas.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { isInRegionScope, regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { notify } from '../workbench/index.js';
import * as repo from './overseas.repo.js';

export const OVERSEAS_OFFER_ENTITY = 'overseas_offer';
export const OVERSEAS_APPLICATION_ENTITY = 'overseas_offer_application';

const isId = (id: string) => /^\d{1,18}$/.test(id);
const userIdOf = (actor: Actor) => (actor.userId === '0' ? null : actor.userId);
const isMemberOf = (actor: Actor, uscc: string) => actor.role === 'member' && actor.orgUscc === uscc;

/** An offer as the caller sees it: figures only for its firm, gov whose region covers the firm, and admins. */
export interface OverseasOfferSight {
  offer: repo.OverseasOfferRecord;
  canManage: boolean;
  canSeeFigures: boolean;
  myApplication: { id: string; status: string } | null;
}

function sightOf(actor: Actor, offer: repo.OverseasOfferRecord, myApplication: { id: string; status: string } | null): OverseasOfferSight {
  const canManage = isMemberOf(actor, offer.uscc);
  const canSeeFigures = canManage || ((actor.role === 'gov' || actor.role === 'platform_admin') && isInRegionScope(actor, offer.regionCode));
  return { offer, canManage, canSeeFigures, myApplication };
}

/** The member's own enterprise, if any. */
async function ownEnterprise(db: Db, actor: Actor) {
  return actor.role === 'member' && actor.orgUscc ? repo.selectEnterprise(db, actor.orgUscc) : undefined;
}

/** One offer (offers are listings for everyone signed in). @throws not_found. */
export async function getOverseasOffer(db: Db, actor: Actor, id: string): Promise<OverseasOfferSight> {
  const offer = isId(id) ? await repo.selectOffer(db, id) : undefined;
  if (!offer) throw notFound('出海服务');
  const own = await ownEnterprise(db, actor);
  const mine = own ? (await repo.selectOwnApplications(db, own.id, [offer.id])).get(offer.id) ?? null : null;
  return sightOf(actor, offer, mine);
}

/**
 * Offers newest first: gov see those of firms in their region and below; members, experts and
 * admins see all (members may ask for their own with `mine`). @throws validation_failed on a bad cursor.
 */
export async function listOverseasOffers(db: Db, actor: Actor, query: Omit<ListOverseasOffersQuery, 'limit'> & { limit: number }) {
  const filter: repo.OverseasOfferFilter = { beforeId: decodeCursor(query.cursor), country: query.country, serviceKind: query.serviceKind };
  const scope = regionScopeOf(actor);
  if (actor.role === 'gov') filter.regionPrefix = scope.kind === 'prefix' ? scope.prefix : undefined;
  const own = await ownEnterprise(db, actor);
  if (query.mine === 'true') filter.enterpriseId = own?.id ?? '0';
  const rows = await repo.selectOffers(db, filter, query.limit + 1);
  const items = rows.slice(0, query.limit);
  const mine = own ? await repo.selectOwnApplications(db, own.id, items.map((o) => o.id)) : new Map<string, { id: string; status: string }>();
  return { items: items.map((o) => sightOf(actor, o, mine.get(o.id) ?? null)), nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/**
 * Publish an offer for a large firm: members for their own enterprise, admins naming one.
 * @throws forbidden for others; validation_failed naming `uscc` (not a large firm) or `deadline` (past).
 */
export async function createOverseasOffer(db: Db, context: WriteContext, body: CreateOverseasOfferBody): Promise<string> {
  const { actor } = context;
  if (actor.role !== 'member' && actor.role !== 'platform_admin') throw new AppError('forbidden', 'Only large firms publish overseas offers', { userMessage: '只有大企业可以发布出海服务' });
  const wanted = actor.role === 'member' ? actor.orgUscc : body.uscc?.toUpperCase();
  const errors: FieldError[] = [];
  if (actor.role === 'member' && body.uscc && body.uscc.toUpperCase() !== actor.orgUscc) errors.push({ path: 'uscc', message: '只能为本企业发布' });
  const firm = wanted ? await repo.selectEnterprise(db, wanted) : undefined;
  if (!firm || firm.size !== 'large') errors.push({ path: 'uscc', message: '发布方须为大型企业（按国家统计局大中小微划型）' });
  if (body.deadline < businessDate()) errors.push({ path: 'deadline', message: '截止日期不能早于今天' });
  if (errors.length > 0) throw invalid(errors);
  const targetCountries = [...new Set(body.targetCountries)];
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertOffer(tx, {
      enterpriseId: firm!.id, regionCode: firm!.regionCode, title: body.title, titleEn: body.titleEn, description: body.description, descriptionEn: body.descriptionEn,
      targetCountries, serviceKind: body.serviceKind, capacity: body.capacity, deadline: body.deadline, createdBy: userIdOf(actor),
    });
    await recordWrites(tx, context, [{
      action: 'overseas_offer.create', entityType: OVERSEAS_OFFER_ENTITY, entityKey: id, regionCode: firm!.regionCode,
      after: { uscc: firm!.uscc, title: body.title, serviceKind: body.serviceKind, capacity: body.capacity, deadline: body.deadline, targetCountries },
    }]);
    return id;
  });
}

/**
 * An SME (a member of an organisation of kind `sme` whose enterprise is not large) applies to an offer with a note; the firm is notified in the same transaction.
 * @throws not_found; forbidden (not a member of an SME, or the firm itself); invalid_state (past
 *   the deadline, or no place left); conflict when the enterprise already applied.
 */
export async function applyToOverseasOffer(db: Db, context: WriteContext, id: string, body: ApplyOverseasOfferBody): Promise<string> {
  const { offer } = await getOverseasOffer(db, context.actor, id);
  const own = await ownEnterprise(db, context.actor);
  const orgKind = context.actor.orgId ? await repo.selectOrgKind(db, context.actor.orgId) : undefined;
  if (!own || orgKind !== 'sme' || own.size === 'large' || own.id === offer.enterpriseId) throw new AppError('forbidden', 'Only SMEs apply', { userMessage: '只有中小企业可以申请加入出海服务' });
  if (businessDate() > offer.deadline) throw new AppError('invalid_state', 'Offer closed', { userMessage: '申请已截止' });
  if (offer.acceptedCount >= offer.capacity) throw new AppError('invalid_state', 'Offer full', { userMessage: '名额已满' });
  try {
    return await db.transaction().execute(async (tx) => {
      const applicationId = await repo.insertApplication(tx, { offerId: offer.id, enterpriseId: own.id, regionCode: own.regionCode, note: body.note ?? '', createdBy: userIdOf(context.actor) });
      await recordWrites(tx, context, [{ action: 'overseas_offer.apply', entityType: OVERSEAS_APPLICATION_ENTITY, entityKey: applicationId, regionCode: own.regionCode, after: { offerId: offer.id, uscc: own.uscc, note: body.note ?? '' } }]);
      await notify(tx, context.actor, { membersOfUscc: offer.uscc }, {
        kind: 'overseas.applied', params: { title: offer.title, applicant: own.name }, link: `/cross-border?tab=overseas&offer=${offer.id}`, entityType: OVERSEAS_APPLICATION_ENTITY, entityKey: applicationId,
      });
      return applicationId;
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AppError('conflict', 'Already applied', { userMessage: '本企业已申请该出海服务', errors: [{ path: 'offerId', message: '已申请' }] });
    throw err;
  }
}

/** One application: the applying SME's members, the offering firm's, gov whose region covers the firm, admins. @throws not_found for others. */
export async function getOverseasApplication(db: Db, actor: Actor, id: string): Promise<repo.OverseasApplicationRecord> {
  const application = isId(id) ? await repo.selectApplication(db, id) : undefined;
  const isVisible = application && (isMemberOf(actor, application.uscc) || isMemberOf(actor, application.firmUscc) || ((actor.role === 'gov' || actor.role === 'platform_admin') && isInRegionScope(actor, application.offerRegionCode)));
  if (!application || !isVisible) throw notFound('出海服务申请');
  return application;
}

/** An offer's applications (its firm, gov whose region covers the firm, admins) or the caller's enterprise's (`mine`). @throws not_found for others. */
export async function listOverseasApplications(db: Db, actor: Actor, offerId: string | 'mine', limit: number): Promise<repo.OverseasApplicationRecord[]> {
  if (offerId === 'mine') {
    const own = await ownEnterprise(db, actor);
    return own ? repo.selectApplications(db, { enterpriseId: own.id }, limit) : [];
  }
  const { offer, canSeeFigures } = await getOverseasOffer(db, actor, offerId);
  if (!canSeeFigures) throw notFound('出海服务申请');
  return repo.selectApplications(db, { offerId: offer.id }, limit);
}

/**
 * The firm accepts (taking one place) or declines a submitted application; the SME is notified
 * in the same transaction. @throws not_found; forbidden for everyone but the firm's members;
 * invalid_state once decided or when no place is left.
 */
export async function decideOverseasApplication(db: Db, context: WriteContext, id: string, decision: 'accept' | 'decline', body: DecideOverseasApplicationBody): Promise<void> {
  const application = await getOverseasApplication(db, context.actor, id);
  if (!isMemberOf(context.actor, application.firmUscc)) throw new AppError('forbidden', 'Only the offering firm decides', { userMessage: '只有发布企业可以处理申请' });
  await db.transaction().execute(async (tx) => {
    const current = await repo.selectApplication(tx, application.id, { isForUpdate: true });
    if (!current || current.status !== 'submitted') throw new AppError('invalid_state', 'Already decided', { userMessage: '该申请已处理' });
    if (decision === 'accept' && !(await repo.takePlace(tx, current.offerId))) throw new AppError('invalid_state', 'Offer full', { userMessage: '名额已满，不能再接受' });
    const status = decision === 'accept' ? 'accepted' : 'declined';
    await repo.setDecision(tx, current.id, { status, note: body.note ?? '', decidedBy: userIdOf(context.actor) });
    await recordWrites(tx, context, [{ action: `overseas_offer.${decision}`, entityType: OVERSEAS_APPLICATION_ENTITY, entityKey: current.id, regionCode: current.regionCode, before: { status: current.status }, after: { status, note: body.note ?? '' } }]);
    await notify(tx, context.actor, { membersOfUscc: current.uscc }, {
      kind: decision === 'accept' ? 'overseas.accepted' : 'overseas.declined', params: { title: current.offerTitle, firm: current.firmName, note: body.note ?? null },
      link: `/cross-border?tab=overseas&offer=${current.offerId}`, entityType: OVERSEAS_APPLICATION_ENTITY, entityKey: current.id,
    });
  });
}
