/**
 * Chain leaders and regions (IC-2, IC-4). Everyone signed in reads leaders' actions, clusters, the
 * transfer catalogue and the cross-region chain view (like chain maps, they are a region's public
 * strategy). Writes: a leader's members record their own enterprise's actions for a chain it leads;
 * gov in scope record actions of a chain's leaders, keep clusters with their members and publish
 * transfer catalogue items. A cluster outside a gov user's scope looks like not found to its writes.
 */
import type { AddClusterMembersBody, CreateClusterBody, CreateLeaderActionBody, CreateTransferItemBody, ListClustersQuery, ListLeaderActionsQuery, ListTransferItemsQuery } from '../../../contracts/leaders.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { findRegion, regionPrefix } from '../../platform/regions.js';
import { isInRegionScope } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import * as repo from './leaders.repo.js';

export const LEADER_ACTION_ENTITY = 'chain_leader_action';
export const CLUSTER_ENTITY = 'industry_cluster';
export const TRANSFER_ITEM_ENTITY = 'transfer_catalogue_item';

const isId = (id: string) => /^\d{1,18}$/.test(id);
const userIdOf = (actor: Actor) => (actor.userId === '0' ? null : actor.userId);
const isGov = (actor: Actor) => actor.role === 'gov' || actor.role === 'platform_admin';

function paged<T extends { id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** Gov and admins may write for a region in their scope. */
export function canManageRegion(actor: Actor, regionCode: string): boolean {
  return isGov(actor) && isInRegionScope(actor, regionCode);
}

/** The region a gov write is for: the body's (in scope) or the user's own. @throws forbidden for non-gov; validation_failed naming `regionCode`. */
function regionForWrite(actor: Actor, regionCode: string | undefined, what: string): string {
  if (!isGov(actor)) throw new AppError('forbidden', `Only gov writes ${what}`, { userMessage: '只有主管部门可以维护此信息' });
  const code = regionCode ?? actor.regionCode ?? undefined;
  if (!code || !findRegion(code) || !isInRegionScope(actor, code)) throw invalid([{ path: 'regionCode', message: '请选择您辖区内的行政区划' }]);
  return code;
}

/** Leaders' actions newest first (chain, kind, region and below). */
export async function listLeaderActions(db: Db, query: ListLeaderActionsQuery) {
  const rows = await repo.selectLeaderActions(db, { chainId: query.chainId, kind: query.kind, regionPrefix: query.region ? regionPrefix(query.region) : undefined, beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  return paged(rows, query.limit);
}

/** One leader action. @throws not_found. */
export async function getLeaderAction(db: Db, id: string): Promise<repo.LeaderActionRecord> {
  const [row] = isId(id) ? await repo.selectLeaderActions(db, { id }, 1) : [];
  if (!row) throw notFound('链主行动');
  return row;
}

/**
 * Record a leader's action for a chain. The leader must be a `leader` member of the chain: a member
 * records for its own enterprise, gov for a leader in scope.
 * @throws forbidden for experts and members without an enterprise; validation_failed naming the field.
 */
export async function createLeaderAction(db: Db, context: WriteContext, body: CreateLeaderActionBody): Promise<string> {
  const { actor } = context;
  if (actor.role === 'expert' || (actor.role === 'member' && !actor.orgUscc)) throw new AppError('forbidden', 'Only leaders and gov record actions', { userMessage: '只有链主企业或主管部门可以登记链主行动' });
  const errors: FieldError[] = [];
  const chain = isId(body.chainId) ? await repo.selectChain(db, body.chainId) : undefined;
  if (!chain) errors.push({ path: 'chainId', message: '产业链不存在' });
  const leaderUscc = actor.role === 'member' ? actor.orgUscc! : body.leaderUscc?.trim().toUpperCase();
  const partnerUscc = body.partnerUscc?.trim().toUpperCase();
  const found = await repo.selectEnterprisesByUscc(db, [leaderUscc, partnerUscc].filter((u): u is string => Boolean(u)));
  const leader = found.find((e) => e.uscc === leaderUscc);
  const partner = partnerUscc ? found.find((e) => e.uscc === partnerUscc) : undefined;
  if (!leader || (actor.role !== 'member' && !isInRegionScope(actor, leader.regionCode))) errors.push({ path: 'leaderUscc', message: '请填写您辖区内的链主企业' });
  else if (chain && !(await repo.isChainLeader(db, chain.id, leader.id))) errors.push({ path: 'leaderUscc', message: `${leader.name} 不是该产业链的链主企业` });
  if (partnerUscc && !partner) errors.push({ path: 'partnerUscc', message: '企业未在平台登记' });
  if (errors.length > 0) throw invalid(errors);
  return db.transaction().execute(async (tx) => {
    const amountFen = body.amountYuan === undefined ? null : BigInt(Math.round(body.amountYuan * 100));
    const id = await repo.insertLeaderAction(tx, { chainId: chain!.id, leaderId: leader!.id, regionCode: leader!.regionCode, kind: body.kind, title: body.title, description: body.description ?? '', partnerId: partner?.id ?? null, amountFen, smeCount: body.smeCount ?? null, startedOn: body.startedOn, createdBy: userIdOf(actor) });
    await recordWrites(tx, context, [{ action: 'leader_action.create', entityType: LEADER_ACTION_ENTITY, entityKey: id, regionCode: leader!.regionCode, after: { chainId: chain!.id, leaderUscc, kind: body.kind, title: body.title, amountFen: amountFen?.toString() ?? null } }]);
    return id;
  });
}

/** Clusters newest first, each with whether the caller manages it. */
export async function listClusters(db: Db, actor: Actor, query: ListClustersQuery) {
  const rows = await repo.selectClusters(db, { kind: query.kind, regionPrefix: query.region ? regionPrefix(query.region) : undefined, beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const page = paged(rows, query.limit);
  return { items: page.items.map((cluster) => ({ cluster, canManage: canManageRegion(actor, cluster.regionCode) })), nextCursor: page.nextCursor };
}

/** One cluster with its members. @throws not_found. */
export async function getCluster(db: Db, actor: Actor, id: string) {
  const [cluster] = isId(id) ? await repo.selectClusters(db, { id }, 1) : [];
  if (!cluster) throw notFound('产业集群');
  return { cluster, canManage: canManageRegion(actor, cluster.regionCode), members: await repo.selectClusterMembers(db, cluster.id) };
}

/** Record a cluster (gov in scope). @throws forbidden for non-gov; validation_failed naming `regionCode` or `chainId`. */
export async function createCluster(db: Db, context: WriteContext, body: CreateClusterBody): Promise<string> {
  const regionCode = regionForWrite(context.actor, body.regionCode, 'clusters');
  if (body.chainId && !(await repo.selectChain(db, body.chainId))) throw invalid([{ path: 'chainId', message: '产业链不存在' }]);
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertCluster(tx, { name: body.name, kind: body.kind, level: body.level, regionCode, chainId: body.chainId ?? null, industry: body.industry ?? '', recognisedYear: body.recognisedYear ?? null, description: body.description ?? '', createdBy: userIdOf(context.actor) });
    await recordWrites(tx, context, [{ action: 'cluster.create', entityType: CLUSTER_ENTITY, entityKey: id, regionCode, after: { name: body.name, kind: body.kind, level: body.level } }]);
    return id;
  });
}

/**
 * Add member enterprises to a cluster (or change their role), all or none.
 * @throws not_found (also for gov out of scope and non-gov); validation_failed naming each unknown `members.<i>.uscc`.
 */
export async function addClusterMembers(db: Db, context: WriteContext, id: string, body: AddClusterMembersBody): Promise<void> {
  const { cluster, canManage } = await getCluster(db, context.actor, id);
  if (!canManage) throw notFound('产业集群');
  const usccs = body.members.map((m) => m.uscc.trim().toUpperCase());
  const found = new Map((await repo.selectEnterprisesByUscc(db, usccs)).map((e) => [e.uscc, e]));
  const errors = usccs.flatMap((uscc, i) => (found.has(uscc) ? [] : [{ path: `members.${i}.uscc`, message: '企业未在平台登记' }]));
  if (errors.length > 0) throw invalid(errors);
  await db.transaction().execute(async (tx) => {
    await repo.upsertClusterMembers(tx, cluster.id, body.members.map((m, i) => ({ enterpriseId: found.get(usccs[i])!.id, role: m.role })));
    await recordWrites(tx, context, [{ action: 'cluster.add_members', entityType: CLUSTER_ENTITY, entityKey: cluster.id, regionCode: cluster.regionCode, after: { members: body.members } }]);
  });
}

/** Transfer catalogue items newest first. */
export async function listTransferItems(db: Db, actor: Actor, query: ListTransferItemsQuery) {
  const rows = await repo.selectTransferItems(db, { direction: query.direction, industryPrefix: query.industry?.toUpperCase(), regionPrefix: query.region ? regionPrefix(query.region) : undefined, isOpen: query.isOpen === undefined ? undefined : query.isOpen === 'true', beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const page = paged(rows, query.limit);
  return { items: page.items.map((item) => ({ item, canManage: canManageRegion(actor, item.regionCode) })), nextCursor: page.nextCursor };
}

/** Publish a catalogue item (gov in scope). @throws forbidden for non-gov; validation_failed naming `regionCode` or `chainId`. */
export async function createTransferItem(db: Db, context: WriteContext, body: CreateTransferItemBody): Promise<string> {
  const regionCode = regionForWrite(context.actor, body.regionCode, 'the transfer catalogue');
  if (body.chainId && !(await repo.selectChain(db, body.chainId))) throw invalid([{ path: 'chainId', message: '产业链不存在' }]);
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertTransferItem(tx, { direction: body.direction, regionCode, chainId: body.chainId ?? null, industryCode: body.industryCode.toUpperCase(), title: body.title, description: body.description ?? '', conditions: body.conditions ?? '', contact: body.contact ?? '', createdBy: userIdOf(context.actor) });
    await recordWrites(tx, context, [{ action: 'transfer_item.create', entityType: TRANSFER_ITEM_ENTITY, entityKey: id, regionCode, after: { direction: body.direction, industryCode: body.industryCode, title: body.title } }]);
    return id;
  });
}

/** The cross-region chain view: every chain (of a template) with its region's figures. */
export async function listChainRegions(db: Db, templateKey: string | undefined) {
  return repo.selectChainRegionRows(db, templateKey);
}
