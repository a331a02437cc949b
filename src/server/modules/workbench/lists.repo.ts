/** SQL of key-enterprise lists: explicit columns, the caller's region prefix in every read. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { TaskScope } from './tasks.repo.js';

/** A list row with its member count. */
export interface KeyListRecord {
  id: string;
  regionCode: string;
  name: string;
  kind: string;
  description: string;
  memberCount: number;
  updatedAt: Date;
}

/** A member row with its enterprise. */
export interface KeyListMemberRecord {
  uscc: string;
  name: string;
  regionCode: string;
  size: string | null;
  tags: string[];
  source: string;
  addedAt: Date;
  enterpriseId: string;
}

function listSelect(db: Db | Tx) {
  return db
    .selectFrom('key_lists as l')
    .select(['l.id', 'l.region_code', 'l.name', 'l.kind', 'l.description', 'l.updated_at', sql<number>`(SELECT count(*)::int FROM key_list_members m WHERE m.list_id = l.id)`.as('member_count')]);
}

function toList(r: { id: string; region_code: string; name: string; kind: string; description: string; updated_at: Date; member_count: number }): KeyListRecord {
  return { id: r.id, regionCode: r.region_code, name: r.name, kind: r.kind, description: r.description, memberCount: r.member_count, updatedAt: r.updated_at };
}

/** One list in scope. */
export async function selectKeyList(db: Db | Tx, id: string, scope: TaskScope): Promise<KeyListRecord | undefined> {
  if (scope.isNone) return undefined;
  let query = listSelect(db).where('l.id', '=', id);
  if (scope.prefix) query = query.where('l.region_code', 'like', `${scope.prefix}%`);
  const row = await query.executeTakeFirst();
  return row ? toList(row) : undefined;
}

/** A page of lists in scope (and under `regionPrefix`), newest first. */
export async function selectKeyLists(db: Db, scope: TaskScope, filter: { kind?: string; regionPrefix?: string; beforeId?: string }, limit: number): Promise<KeyListRecord[]> {
  if (scope.isNone) return [];
  let query = listSelect(db);
  if (scope.prefix) query = query.where('l.region_code', 'like', `${scope.prefix}%`);
  if (filter.regionPrefix) query = query.where('l.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.kind) query = query.where('l.kind', '=', filter.kind);
  if (filter.beforeId) query = query.where('l.id', '<', filter.beforeId);
  return (await query.orderBy('l.id', 'desc').limit(limit).execute()).map(toList);
}

/** Insert a list. */
export async function insertKeyList(tx: Tx, row: { regionCode: string; name: string; kind: string; description: string; createdBy: string | null }): Promise<string> {
  const inserted = await tx
    .insertInto('key_lists')
    .values({ region_code: row.regionCode, name: row.name, kind: row.kind, description: row.description, created_by: row.createdBy })
    .onConflict((oc) => oc.columns(['region_code', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? '';
}

/** Enterprises of these USCCs in the region prefix. */
export async function selectEnterprisesIn(tx: Tx, usccs: string[], prefix: string): Promise<Map<string, string>> {
  if (usccs.length === 0) return new Map();
  const rows = await tx.selectFrom('enterprises').select(['id', 'uscc']).where('uscc', 'in', usccs).where('region_code', 'like', `${prefix}%`).execute();
  return new Map(rows.map((r) => [r.uscc, r.id]));
}

/** Add members (ignoring those already on the list); returns the number added. */
export async function insertMembers(tx: Tx, listId: string, enterpriseIds: string[], source: 'manual' | 'filter', addedBy: string | null): Promise<number> {
  if (enterpriseIds.length === 0) return 0;
  const result = await tx
    .insertInto('key_list_members')
    .values(enterpriseIds.map((id) => ({ list_id: listId, enterprise_id: id, source, added_by: addedBy })))
    .onConflict((oc) => oc.columns(['list_id', 'enterprise_id']).doNothing())
    .executeTakeFirst();
  await tx.updateTable('key_lists').set({ updated_at: sql`now()` }).where('id', '=', listId).execute();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Ids of registry enterprises of the region matching the filter (at most `limit`). */
export async function selectFilteredEnterprises(tx: Tx, prefix: string, filter: { tag?: string; size?: string; industry?: string }, limit: number): Promise<string[]> {
  let query = tx.selectFrom('enterprises').select('id').where('region_code', 'like', `${prefix}%`);
  if (filter.tag) query = query.where(sql<boolean>`tags @> ARRAY[${filter.tag}]::text[]`);
  if (filter.size) query = query.where('size', '=', filter.size);
  if (filter.industry) query = query.where('industry_code', 'like', `${filter.industry.toUpperCase()}%`);
  return (await query.orderBy('id').limit(limit).execute()).map((r) => r.id);
}

/** Remove one member; true when it was on the list. */
export async function deleteMember(tx: Tx, listId: string, uscc: string): Promise<boolean> {
  const result = await tx
    .deleteFrom('key_list_members')
    .where('list_id', '=', listId)
    .where('enterprise_id', '=', (eb) => eb.selectFrom('enterprises').select('id').where('uscc', '=', uscc))
    .executeTakeFirst();
  await tx.updateTable('key_lists').set({ updated_at: sql`now()` }).where('id', '=', listId).execute();
  return Number(result.numDeletedRows) > 0;
}

/** A page of members, newest first (keyset on enterprise id). */
export async function selectMembers(db: Db, listId: string, beforeId: string | undefined, limit: number): Promise<KeyListMemberRecord[]> {
  let query = db
    .selectFrom('key_list_members as m')
    .innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
    .select(['e.id', 'e.uscc', 'e.name', 'e.region_code', 'e.size', 'e.tags', 'm.source', 'm.added_at'])
    .where('m.list_id', '=', listId);
  if (beforeId) query = query.where('e.id', '<', beforeId);
  const rows = await query.orderBy('e.id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ enterpriseId: r.id, uscc: r.uscc, name: r.name, regionCode: r.region_code, size: r.size, tags: r.tags, source: r.source, addedAt: r.added_at }));
}
