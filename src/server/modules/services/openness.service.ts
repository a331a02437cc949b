/**
 * SOE openness (WR-2). Everyone signed in reads the openings (they are open calls to SMEs). A
 * state-owned firm's members publish openings for their own enterprise, gov for a firm in scope;
 * SMEs (small, medium, micro by the registry) apply once per opening until its apply-by date; the
 * firm's members and gov in scope see all applications and accept or decline them. To anyone else an
 * application, and the decision route, look like not found. Openness figures per firm: gov see the
 * firms in their scope, a member its own firm.
 */
import type { ApplyBody, CreateOpeningBody, DecideApplicationBody, ListOpeningsQuery, OpennessQuery } from '../../../contracts/soe-openness.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { regionPrefix } from '../../platform/regions.js';
import { isInRegionScope, regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { canManageRegion } from './leaders.service.js';
import * as repo from './openness.repo.js';

export const OPENING_ENTITY = 'soe_opening';

const SME_SIZES = new Set(['small', 'medium', 'micro']);
const isId = (id: string) => /^\d{1,18}$/.test(id);
const userIdOf = (actor: Actor) => (actor.userId === '0' ? null : actor.userId);

/** The firm's members and gov in scope manage an opening. */
function canManageOpening(actor: Actor, opening: repo.OpeningRecord): boolean {
  return (actor.role === 'member' && actor.orgUscc === opening.enterpriseUscc) || canManageRegion(actor, opening.regionCode);
}

/** Openings newest first, each with whether the caller manages it. */
export async function listOpenings(db: Db, actor: Actor, query: ListOpeningsQuery) {
  const today = businessDate();
  const rows = await repo.selectOpenings(db, {
    kind: query.kind, ownership: query.ownership, regionPrefix: query.region ? regionPrefix(query.region) : undefined,
    openOn: query.isOpen === 'true' ? today : undefined, closedOn: query.isOpen === 'false' ? today : undefined, beforeId: decodeCursor(query.cursor),
  }, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items: items.map((opening) => ({ opening, canManage: canManageOpening(actor, opening), today })), nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** One opening with the applications the caller may see (all for managers, its own otherwise). @throws not_found. */
export async function getOpening(db: Db, actor: Actor, id: string) {
  const [opening] = isId(id) ? await repo.selectOpenings(db, { id }, 1) : [];
  if (!opening) throw notFound('开放清单');
  const canManage = canManageOpening(actor, opening);
  let applications: repo.ApplicationRecord[] = [];
  if (canManage) applications = await repo.selectApplications(db, opening.id);
  else if (actor.role === 'member' && actor.orgUscc) {
    const own = await repo.selectEnterpriseByUscc(db, actor.orgUscc);
    if (own) applications = await repo.selectApplications(db, opening.id, own.id);
  }
  return { opening, canManage, today: businessDate(), applications };
}

/**
 * Publish an opening: a member for its own enterprise, gov for a firm in scope.
 * @throws forbidden for experts and members without an enterprise; validation_failed naming the field.
 */
export async function createOpening(db: Db, context: WriteContext, body: CreateOpeningBody): Promise<string> {
  const { actor } = context;
  if (actor.role === 'expert' || (actor.role === 'member' && !actor.orgUscc)) throw new AppError('forbidden', 'Only state-owned firms and gov publish openings', { userMessage: '只有国有企业或主管部门可以发布开放清单' });
  const errors: FieldError[] = [];
  const uscc = actor.role === 'member' ? actor.orgUscc! : body.enterpriseUscc?.trim().toUpperCase();
  const firm = uscc ? await repo.selectEnterpriseByUscc(db, uscc) : undefined;
  if (!firm || (actor.role !== 'member' && !isInRegionScope(actor, firm.regionCode))) errors.push({ path: 'enterpriseUscc', message: '请填写您辖区内已登记的国有企业' });
  else if (firm.size && SME_SIZES.has(firm.size)) errors.push({ path: 'enterpriseUscc', message: `${firm.name} 是中小企业，开放清单由国有大中型企业发布` });
  const chain = body.chainId ? await db.selectFrom('chains').select('id').where('id', '=', body.chainId).executeTakeFirst() : undefined;
  if (body.chainId && !chain) errors.push({ path: 'chainId', message: '产业链不存在' });
  if (body.applyBy < businessDate()) errors.push({ path: 'applyBy', message: '申请截止日期不能早于今天' });
  if (errors.length > 0) throw invalid(errors);
  return db.transaction().execute(async (tx) => {
    const budgetFen = body.budgetYuan === undefined ? null : BigInt(Math.round(body.budgetYuan * 100));
    const id = await repo.insertOpening(tx, { enterpriseId: firm!.id, regionCode: firm!.regionCode, ownership: body.ownership, kind: body.kind, title: body.title, description: body.description ?? '', chainId: chain?.id ?? null, budgetFen, applyBy: body.applyBy, createdBy: userIdOf(actor) });
    await recordWrites(tx, context, [{ action: 'soe_opening.create', entityType: OPENING_ENTITY, entityKey: id, regionCode: firm!.regionCode, after: { enterpriseUscc: firm!.uscc, ownership: body.ownership, kind: body.kind, title: body.title, applyBy: body.applyBy, budgetFen: budgetFen?.toString() ?? null } }]);
    return id;
  });
}

/**
 * An SME applies to an opening (its members only, once, until the apply-by date).
 * @throws not_found; forbidden for anyone but an enterprise's members; validation_failed when the enterprise is not an SME or is the firm itself; invalid_state after the apply-by date; conflict when already applied.
 */
export async function applyToOpening(db: Db, context: WriteContext, id: string, body: ApplyBody): Promise<void> {
  const { actor } = context;
  const { opening } = await getOpening(db, actor, id);
  if (actor.role !== 'member' || !actor.orgUscc) throw new AppError('forbidden', 'Only enterprises apply', { userMessage: '只有企业用户可以申请' });
  const sme = await repo.selectEnterpriseByUscc(db, actor.orgUscc);
  if (!sme || sme.id === opening.enterpriseId || !sme.size || !SME_SIZES.has(sme.size)) throw invalid([{ path: 'enterprise', message: '只有中小企业可以申请国有企业开放清单' }]);
  if (opening.applyBy < businessDate()) throw new AppError('invalid_state', 'The apply-by date has passed', { userMessage: `申请已于 ${opening.applyBy} 截止` });
  await db.transaction().execute(async (tx) => {
    if (!(await repo.insertApplication(tx, { openingId: opening.id, enterpriseId: sme.id, note: body.note ?? '', createdBy: userIdOf(actor) }))) throw new AppError('conflict', 'Already applied', { userMessage: '您已申请过该开放清单' });
    await recordWrites(tx, context, [{ action: 'soe_opening.apply', entityType: OPENING_ENTITY, entityKey: opening.id, regionCode: opening.regionCode, after: { enterpriseUscc: sme.uscc, note: body.note ?? '' } }]);
  });
}

/**
 * The firm accepts or declines an application.
 * @throws not_found (also for everyone but the firm's members and gov in scope, and for an enterprise that has not applied).
 */
export async function decideApplication(db: Db, context: WriteContext, id: string, uscc: string, body: DecideApplicationBody): Promise<void> {
  const { opening, canManage, applications } = await getOpening(db, context.actor, id);
  const application = applications.find((a) => a.enterpriseUscc === uscc.trim().toUpperCase());
  if (!canManage || !application) throw notFound('申请');
  await db.transaction().execute(async (tx) => {
    await repo.updateApplicationStatus(tx, opening.id, application.enterpriseId, body.status);
    await recordWrites(tx, context, [{ action: `soe_opening.${body.status === 'accepted' ? 'accept' : 'decline'}`, entityType: OPENING_ENTITY, entityKey: opening.id, regionCode: opening.regionCode, before: { enterpriseUscc: application.enterpriseUscc, status: application.status }, after: { enterpriseUscc: application.enterpriseUscc, status: body.status } }]);
  });
}

/** Openness figures per firm: gov the firms in scope (or a region of it: 404 outside), members their own firm, nobody else anything. */
export async function listOpenness(db: Db, actor: Actor, query: OpennessQuery) {
  const today = businessDate();
  const scope = regionScopeOf(actor);
  if (scope.kind === 'none') {
    if (actor.role !== 'member' || !actor.orgUscc) return [];
    const own = await repo.selectEnterpriseByUscc(db, actor.orgUscc);
    return own ? repo.selectOpennessRows(db, { enterpriseId: own.id, today }) : [];
  }
  if (query.region && !isInRegionScope(actor, query.region)) throw notFound('地区');
  const region = query.region ?? (scope.kind === 'prefix' ? scope.regionCode : undefined);
  return repo.selectOpennessRows(db, { regionPrefix: region ? regionPrefix(region) : undefined, today });
}
