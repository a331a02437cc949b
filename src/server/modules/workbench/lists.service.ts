/**
 * Key-enterprise lists (重点企业库): a region's named lists, kept by its own level (gov users of
 * exactly that region, or admins) and read by every level above — so a city's list rolls up into
 * its province's view. Members come by USCC or from a registry filter, always from the list's region.
 */
import type { AddKeyListMembersBody, CreateKeyListBody, ListKeyListsQuery } from '../../../contracts/workbench.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { REGION_ROOT, isRegionCode, isRegionWithin, regionPrefix } from '../../platform/regions.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import * as repo from './lists.repo.js';
import { isOwnTask } from './tasks.policy.js';
import { taskScopeOf } from './tasks.service.js';

/** Entity type of key lists in the audit log. */
export const KEY_LIST_ENTITY = 'key_list';
/** Most enterprises one filter adds. */
export const KEY_LIST_FILTER_MAX = 5000;

/** One list in the actor's scope. @throws not_found */
export async function getKeyList(db: Db, actor: Actor, id: string): Promise<repo.KeyListRecord> {
  if (!/^\d{1,18}$/.test(id)) throw notFound('重点企业名单');
  const list = await repo.selectKeyList(db, id, taskScopeOf(actor));
  if (!list) throw notFound('重点企业名单');
  return list;
}

/** A list the actor's own level keeps. @throws not_found; forbidden for higher levels (they only read). */
async function getOwnKeyList(db: Db, actor: Actor, id: string): Promise<repo.KeyListRecord> {
  const list = await getKeyList(db, actor, id);
  if (!isOwnTask(actor, list)) throw new AppError('forbidden', 'Not the owning level', { userMessage: '只有名单所属地区的主管部门可以修改名单' });
  return list;
}

/** Lists of the actor's region and below, newest first. */
export async function listKeyLists(db: Db, actor: Actor, query: ListKeyListsQuery) {
  if (query.region && query.region !== REGION_ROOT && !isRegionCode(query.region)) throw invalid([{ path: 'region', message: `未知的行政区划代码 ${query.region}` }]);
  const rows = await repo.selectKeyLists(db, taskScopeOf(actor), { kind: query.kind, regionPrefix: query.region ? regionPrefix(query.region) : undefined, beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/**
 * Create a list for the actor's region (default) or one below.
 * @throws forbidden for non-gov; not_found for a region outside the scope; conflict for a taken name.
 */
export async function createKeyList(db: Db, context: WriteContext, body: CreateKeyListBody): Promise<{ id: string }> {
  const { actor } = context;
  if (actor.role !== 'gov' && actor.role !== 'platform_admin') throw new AppError('forbidden', 'Only gov users keep key lists', { userMessage: '只有政府主管部门可以建立重点企业名单' });
  const regionCode = body.regionCode ?? actor.regionCode ?? REGION_ROOT;
  if (regionCode !== REGION_ROOT && !isRegionCode(regionCode)) throw invalid([{ path: 'regionCode', message: `未知的行政区划代码 ${regionCode}` }]);
  if (actor.role === 'gov' && !isRegionWithin(regionCode, actor.regionCode!)) throw notFound('行政区划');
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertKeyList(tx, { regionCode, name: body.name, kind: body.kind, description: body.description ?? '', createdBy: actor.userId === '0' ? null : actor.userId });
    if (!id) throw new AppError('conflict', 'Name taken', { userMessage: '本地区已有同名名单', errors: [{ path: 'name', message: '本地区已有同名名单' }] });
    await recordWrites(tx, context, [{ action: 'key_list.create', entityType: KEY_LIST_ENTITY, entityKey: id, regionCode, after: { ...body, regionCode } }]);
    return { id };
  });
}

/**
 * Add enterprises by USCC and/or by registry filter, all from the list's region, in one transaction.
 * @throws not_found; forbidden; validation_failed naming `usccs.N` (unknown or outside the region) or `filter`.
 */
export async function addKeyListMembers(db: Db, context: WriteContext, id: string, body: AddKeyListMembersBody): Promise<{ added: number; total: number }> {
  const list = await getOwnKeyList(db, context.actor, id);
  const usccs = [...new Set((body.usccs ?? []).map((u) => u.toUpperCase()))];
  if (usccs.length === 0 && !body.filter) throw invalid([{ path: 'usccs', message: '请填写统一社会信用代码或选择筛选条件' }]);
  const prefix = regionPrefix(list.regionCode);
  const userId = context.actor.userId === '0' ? null : context.actor.userId;
  return db.transaction().execute(async (tx) => {
    const found = await repo.selectEnterprisesIn(tx, usccs, prefix);
    const errors: FieldError[] = [];
    (body.usccs ?? []).forEach((u, i) => {
      if (!found.has(u.toUpperCase())) errors.push({ path: `usccs.${i}`, message: `${u} 不在名单所属地区的企业库中` });
    });
    if (errors.length > 0) throw invalid(errors);
    let added = await repo.insertMembers(tx, list.id, [...found.values()], 'manual', userId);
    if (body.filter) {
      const ids = await repo.selectFilteredEnterprises(tx, prefix, body.filter, KEY_LIST_FILTER_MAX);
      added += await repo.insertMembers(tx, list.id, ids, 'filter', userId);
    }
    await recordWrites(tx, context, [{ action: 'key_list.add', entityType: KEY_LIST_ENTITY, entityKey: list.id, regionCode: list.regionCode, before: { memberCount: list.memberCount }, after: { usccs, filter: body.filter ?? null, added } }]);
    return { added, total: list.memberCount + added };
  });
}

/** Remove one enterprise. @throws not_found (list, or the enterprise not on it); forbidden. */
export async function removeKeyListMember(db: Db, context: WriteContext, id: string, uscc: string): Promise<void> {
  const list = await getOwnKeyList(db, context.actor, id);
  await db.transaction().execute(async (tx) => {
    if (!(await repo.deleteMember(tx, list.id, uscc.toUpperCase()))) throw notFound('名单中的企业');
    await recordWrites(tx, context, [{ action: 'key_list.remove', entityType: KEY_LIST_ENTITY, entityKey: list.id, regionCode: list.regionCode, before: { uscc }, after: { removed: uscc } }]);
  });
}

/** A page of a list's members. @throws not_found */
export async function listKeyListMembers(db: Db, actor: Actor, id: string, page: { cursor?: string; limit: number }) {
  const list = await getKeyList(db, actor, id);
  const rows = await repo.selectMembers(db, list.id, decodeCursor(page.cursor), page.limit + 1);
  const items = rows.slice(0, page.limit);
  return { list, items, nextCursor: rows.length > page.limit ? encodeCursor(items[items.length - 1].enterpriseId) : null };
}
