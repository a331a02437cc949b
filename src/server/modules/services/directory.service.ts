/**
 * Service directory (服务资源目录, SV-1/SV-2): gov users (and enterprises running a platform, base or
 * park) list providers and the service products they offer; every signed-in user browses them; an
 * SME requests a product, the provider's managers accept or decline and complete it, and the SME
 * rates the completed service. Managers of a provider: gov whose scope holds its region, members of
 * its operating enterprise, admins. A request is seen only by its enterprise and the provider's managers.
 */
import type { CreateProductBody, CreateProviderBody, CreateRequestBody, HandleRequestBody, ListProductsQuery, ListProvidersQuery, ListRequestsQuery, RateRequestBody } from '../../../contracts/service-directory.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { findRegion, regionPrefix } from '../../platform/regions.js';
import { isInRegionScope, regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import * as repo from './directory.repo.js';
import { selectEnterpriseFacts } from './programmes.repo.js';

export const PROVIDER_ENTITY = 'service_provider';
export const PRODUCT_ENTITY = 'service_product';
export const REQUEST_ENTITY = 'service_request';

const isId = (id: string) => /^\d{1,18}$/.test(id);
const userIdOf = (actor: Actor) => (actor.userId === '0' ? null : actor.userId);

/** Managing a provider (products, requests): admins, gov in scope of its region, members of its operator. */
export function canManageProvider(actor: Actor, provider: { regionCode: string; operatorUscc: string | null }): boolean {
  if (actor.role === 'platform_admin') return true;
  if (actor.role === 'gov') return isInRegionScope(actor, provider.regionCode);
  return actor.role === 'member' && Boolean(actor.orgUscc) && actor.orgUscc === provider.operatorUscc;
}

function paged<T extends { id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** One provider with whether the caller manages it. The directory is open to everyone signed in. @throws not_found. */
export async function getProvider(db: Db, actor: Actor, id: string) {
  const provider = isId(id) ? await repo.selectProvider(db, id) : undefined;
  if (!provider) throw notFound('服务机构');
  return { provider, canManage: canManageProvider(actor, provider) };
}

/** Providers newest first, filtered by kind, region (and below) and words. */
export async function listProviders(db: Db, actor: Actor, query: ListProvidersQuery) {
  const rows = await repo.selectProviders(db, { kind: query.kind, regionPrefix: query.region ? regionPrefix(query.region) : undefined, q: query.q || undefined, beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const page = paged(rows, query.limit);
  return { items: page.items.map((provider) => ({ provider, canManage: canManageProvider(actor, provider) })), nextCursor: page.nextCursor };
}

/**
 * List a provider. Gov: a region in scope (default their own), any registered operator in scope;
 * members: run by their own enterprise, in its region; admins anything.
 * @throws forbidden for experts and members without an enterprise; validation_failed naming the field.
 */
export async function createProvider(db: Db, context: WriteContext, body: CreateProviderBody): Promise<string> {
  const { actor } = context;
  if (actor.role === 'expert' || (actor.role === 'member' && !actor.orgUscc)) throw new AppError('forbidden', 'Only gov and enterprises list providers', { userMessage: '只有主管部门或运营企业可以登记服务机构' });
  const errors = [];
  let regionCode = body.regionCode ?? actor.regionCode ?? undefined;
  let operatorUscc = body.operatorUscc?.trim().toUpperCase() || null;
  if (actor.role === 'member') {
    const own = await selectEnterpriseFacts(db, actor.orgUscc!);
    operatorUscc = actor.orgUscc;
    regionCode = own?.regionCode;
  } else if (operatorUscc) {
    const operator = await selectEnterpriseFacts(db, operatorUscc);
    if (!operator || !isInRegionScope(actor, operator.regionCode)) errors.push({ path: 'operatorUscc', message: '运营企业不存在或不在您的辖区内' });
  }
  // A member's provider sits in its enterprise's region; gov and admins pick one in scope.
  const isRegionAllowed = Boolean(regionCode) && (actor.role === 'member' || isInRegionScope(actor, regionCode!));
  if (!regionCode || !findRegion(regionCode) || !isRegionAllowed) errors.push({ path: 'regionCode', message: '请选择您辖区内的行政区划' });
  if (errors.length > 0) throw invalid(errors);
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertProvider(tx, { name: body.name, kind: body.kind, regionCode: regionCode!, operatorUscc, address: body.address ?? '', contact: body.contact ?? '', description: body.description ?? '', createdBy: userIdOf(actor) });
    await recordWrites(tx, context, [{ action: 'service_provider.create', entityType: PROVIDER_ENTITY, entityKey: id, regionCode: regionCode!, after: { name: body.name, kind: body.kind, operatorUscc } }]);
    return id;
  });
}

/** One product. @throws not_found. */
export async function getProduct(db: Db, id: string): Promise<repo.ProductRecord> {
  const product = isId(id) ? await repo.selectProduct(db, id) : undefined;
  if (!product) throw notFound('服务产品');
  return product;
}

/** Active products newest first. */
export async function listProducts(db: Db, query: ListProductsQuery) {
  const rows = await repo.selectProducts(db, { category: query.category, providerId: query.providerId, q: query.q || undefined, beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  return paged(rows, query.limit);
}

/** Add a product to a provider (its managers). @throws not_found; forbidden for non-managers. */
export async function createProduct(db: Db, context: WriteContext, providerId: string, body: CreateProductBody): Promise<string> {
  const { provider, canManage } = await getProvider(db, context.actor, providerId);
  if (!canManage) throw new AppError('forbidden', 'Not a manager of the provider', { userMessage: '只有该机构的运营企业或属地主管部门可以发布服务产品' });
  const priceFen = body.priceYuan === undefined ? null : BigInt(Math.round(body.priceYuan * 100));
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertProduct(tx, { providerId: provider.id, regionCode: provider.regionCode, title: body.title, category: body.category, description: body.description ?? '', priceFen, createdBy: userIdOf(context.actor) });
    await recordWrites(tx, context, [{ action: 'service_product.create', entityType: PRODUCT_ENTITY, entityKey: id, regionCode: provider.regionCode, after: { providerId: provider.id, title: body.title, category: body.category, priceFen: priceFen?.toString() ?? null } }]);
    return id;
  });
}

/**
 * The enterprise a request is for: a member's own; gov and admins name one in scope.
 * @throws forbidden for experts; validation_failed naming `uscc`.
 */
async function requesterFor(db: Db, actor: Actor, uscc: string | undefined) {
  if (actor.role === 'expert') throw new AppError('forbidden', 'Experts act for no enterprise', { userMessage: '专家账号不能以企业身份申请服务' });
  const wanted = actor.role === 'member' ? actor.orgUscc ?? undefined : uscc?.trim().toUpperCase();
  const enterprise = wanted ? await selectEnterpriseFacts(db, wanted) : undefined;
  const isAllowed = enterprise && (actor.role === 'member' || isInRegionScope(actor, enterprise.regionCode));
  if (!enterprise || !isAllowed) throw invalid([{ path: 'uscc', message: '企业不存在或不在您的权限范围内' }]);
  return enterprise;
}

/** Request a service product for an enterprise. @throws not_found; validation_failed naming `uscc` (own provider's product too); invalid_state when the product is withdrawn. */
export async function createRequest(db: Db, context: WriteContext, productId: string, body: CreateRequestBody): Promise<string> {
  const product = await getProduct(db, productId);
  const enterprise = await requesterFor(db, context.actor, body.uscc);
  if (product.operatorUscc === enterprise.uscc) throw invalid([{ path: 'uscc', message: '不能申请本企业运营机构的服务' }]);
  if (!product.isActive) throw new AppError('invalid_state', 'Product withdrawn', { userMessage: '该服务产品已下架' });
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertRequest(tx, { productId: product.id, enterpriseId: enterprise.id, regionCode: enterprise.regionCode, note: body.note ?? '', createdBy: userIdOf(context.actor) });
    await recordWrites(tx, context, [{ action: 'service_request.create', entityType: REQUEST_ENTITY, entityKey: id, regionCode: enterprise.regionCode, after: { productId: product.id, uscc: enterprise.uscc } }]);
    return id;
  });
}

/** Whether the caller requested it (its enterprise's member). */
const isRequester = (actor: Actor, request: repo.RequestRecord) => actor.role === 'member' && actor.orgUscc === request.uscc;

/** A request with what the caller may do: its enterprise and the provider's managers. @throws not_found for others. */
export async function getRequest(db: Db, actor: Actor, id: string) {
  const request = isId(id) ? await repo.selectRequest(db, id) : undefined;
  const canHandle = Boolean(request && canManageProvider(actor, { regionCode: request.providerRegionCode, operatorUscc: request.operatorUscc }));
  if (!request || !(canHandle || isRequester(actor, request))) throw notFound('服务申请');
  return { request, canHandle, canRate: isRequester(actor, request) && request.status === 'completed' && request.rating === null };
}

/** The caller's enterprise's requests (`mine`) or those to the providers it manages (`incoming`). */
export async function listRequests(db: Db, actor: Actor, query: ListRequestsQuery) {
  const filter: repo.RequestFilter = { status: query.status, beforeId: decodeCursor(query.cursor) };
  if (query.side === 'mine') {
    const own = actor.role === 'member' && actor.orgUscc ? await selectEnterpriseFacts(db, actor.orgUscc) : undefined;
    filter.enterpriseId = own?.id ?? '0';
  } else if (actor.role === 'member') {
    filter.operatorUscc = actor.orgUscc ?? '-';
  } else {
    const scope = regionScopeOf(actor);
    if (scope.kind === 'none') filter.operatorUscc = '-';
    if (scope.kind === 'prefix') filter.providerRegionPrefix = scope.prefix;
  }
  const page = paged(await repo.selectRequests(db, filter, query.limit + 1), query.limit);
  return {
    items: page.items.map((request) => {
      const canHandle = canManageProvider(actor, { regionCode: request.providerRegionCode, operatorUscc: request.operatorUscc });
      return { request, canHandle, canRate: isRequester(actor, request) && request.status === 'completed' && request.rating === null };
    }),
    nextCursor: page.nextCursor,
  };
}

const TRANSITIONS = { accept: { from: 'requested', to: 'accepted' }, decline: { from: 'requested', to: 'declined' }, complete: { from: 'accepted', to: 'completed' } } as const;

/**
 * Accept or decline a new request, or complete an accepted one (the provider's managers).
 * @throws not_found; forbidden for the requester; invalid_state from the wrong status.
 */
export async function handleRequest(db: Db, context: WriteContext, id: string, verb: keyof typeof TRANSITIONS, body: HandleRequestBody): Promise<void> {
  const { request, canHandle } = await getRequest(db, context.actor, id);
  if (!canHandle) throw new AppError('forbidden', 'Only the provider handles requests', { userMessage: '只有服务机构可以处理申请' });
  const step = TRANSITIONS[verb];
  await db.transaction().execute(async (tx) => {
    const current = await repo.selectRequest(tx, request.id, { isForUpdate: true });
    if (!current || current.status !== step.from) throw new AppError('invalid_state', `Request is ${current?.status}`, { userMessage: '该申请的状态已变化，不能执行此操作' });
    await repo.setRequestStatus(tx, request.id, { status: step.to, reply: body.reply });
    await recordWrites(tx, context, [{ action: `service_request.${verb}`, entityType: REQUEST_ENTITY, entityKey: request.id, regionCode: request.regionCode, before: { status: current.status }, after: { status: step.to, reply: body.reply ?? null } }]);
  });
}

/**
 * The requesting enterprise rates a completed service, once.
 * @throws not_found; forbidden for the provider; invalid_state before completion or when rated.
 */
export async function rateRequest(db: Db, context: WriteContext, id: string, body: RateRequestBody): Promise<void> {
  const { request } = await getRequest(db, context.actor, id);
  if (!isRequester(context.actor, request)) throw new AppError('forbidden', 'Only the requester rates', { userMessage: '只有申请企业可以评价' });
  await db.transaction().execute(async (tx) => {
    const current = await repo.selectRequest(tx, request.id, { isForUpdate: true });
    if (!current || current.status !== 'completed' || current.rating !== null) throw new AppError('invalid_state', 'Not ratable', { userMessage: current?.rating ? '已评价' : '服务完成后才能评价' });
    await repo.setRequestRating(tx, request.id, { rating: body.rating, review: body.review ?? '' });
    await recordWrites(tx, context, [{ action: 'service_request.rate', entityType: REQUEST_ENTITY, entityKey: request.id, regionCode: request.regionCode, after: { rating: body.rating, review: body.review ?? '' } }]);
  });
}

/** Providers of a kind/region/words for the Excel export (at most `limit`). */
export async function listProvidersForExport(db: Db, query: Omit<ListProvidersQuery, 'cursor' | 'limit'>, limit: number) {
  return repo.selectProviders(db, { kind: query.kind, regionPrefix: query.region ? regionPrefix(query.region) : undefined, q: query.q || undefined }, limit);
}
