/** SQL of leaders' actions, clusters, the transfer catalogue and the cross-region chain view. Explicit columns. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/** A leader action row with chain, leader and partner names. */
export interface LeaderActionRecord {
  id: string;
  chainId: string;
  chainName: string;
  leaderUscc: string;
  leaderName: string;
  regionCode: string;
  kind: string;
  title: string;
  description: string;
  partnerUscc: string | null;
  partnerName: string | null;
  amountFen: string | null;
  smeCount: number | null;
  startedOn: string;
  createdAt: Date;
}

/** Leaders' actions newest first. */
export async function selectLeaderActions(db: Db | Tx, filter: { chainId?: string; kind?: string; regionPrefix?: string; id?: string; beforeId?: string }, limit: number): Promise<LeaderActionRecord[]> {
  let query = db
    .selectFrom('chain_leader_actions as a')
    .innerJoin('chains as c', 'c.id', 'a.chain_id')
    .innerJoin('enterprises as l', 'l.id', 'a.leader_id')
    .leftJoin('enterprises as p', 'p.id', 'a.partner_id')
    .select([
      'a.id', 'a.chain_id as chainId', 'c.name as chainName', 'l.uscc as leaderUscc', 'l.name as leaderName', 'a.region_code as regionCode', 'a.kind', 'a.title', 'a.description',
      'p.uscc as partnerUscc', 'p.name as partnerName', 'a.amount_fen as amountFen', 'a.sme_count as smeCount', sql<string>`to_char(a.started_on, 'YYYY-MM-DD')`.as('startedOn'), 'a.created_at as createdAt',
    ]);
  if (filter.id) query = query.where('a.id', '=', filter.id);
  if (filter.chainId) query = query.where('a.chain_id', '=', filter.chainId);
  if (filter.kind) query = query.where('a.kind', '=', filter.kind);
  if (filter.regionPrefix) query = query.where('a.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.beforeId) query = query.where('a.id', '<', filter.beforeId);
  return query.orderBy('a.id', 'desc').limit(limit).execute();
}

/** Insert a leader action. */
export async function insertLeaderAction(tx: Tx, input: { chainId: string; leaderId: string; regionCode: string; kind: string; title: string; description: string; partnerId: string | null; amountFen: bigint | null; smeCount: number | null; startedOn: string; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('chain_leader_actions')
    .values({ chain_id: input.chainId, leader_id: input.leaderId, region_code: input.regionCode, kind: input.kind, title: input.title, description: input.description, partner_id: input.partnerId, amount_fen: input.amountFen, sme_count: input.smeCount, started_on: input.startedOn, created_by: input.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A chain's id, name and region. */
export async function selectChain(db: Db | Tx, id: string) {
  return db.selectFrom('chains').select(['id', 'name', 'region_code as regionCode']).where('id', '=', id).executeTakeFirst();
}

/** Whether the enterprise is a `leader` member of the chain (any segment). */
export async function isChainLeader(db: Db | Tx, chainId: string, enterpriseId: string): Promise<boolean> {
  const row = await db.selectFrom('chain_members').select('enterprise_id').where('chain_id', '=', chainId).where('enterprise_id', '=', enterpriseId).where('role', '=', 'leader').executeTakeFirst();
  return Boolean(row);
}

/** Registry facts of enterprises by USCC. */
export async function selectEnterprisesByUscc(db: Db | Tx, usccs: string[]) {
  if (usccs.length === 0) return [];
  return db.selectFrom('enterprises').select(['id', 'uscc', 'name', 'region_code as regionCode', 'size']).where('uscc', 'in', usccs).execute();
}

/** A cluster row with its chain's name and member figures. */
export interface ClusterRecord {
  id: string;
  name: string;
  kind: string;
  level: string;
  regionCode: string;
  chainId: string | null;
  chainName: string | null;
  industry: string;
  recognisedYear: number | null;
  description: string;
  memberCount: number;
  smeCount: number;
}

/** Clusters newest first. */
export async function selectClusters(db: Db | Tx, filter: { kind?: string; regionPrefix?: string; id?: string; beforeId?: string }, limit: number): Promise<ClusterRecord[]> {
  let query = db
    .selectFrom('industry_clusters as k')
    .leftJoin('chains as c', 'c.id', 'k.chain_id')
    .select([
      'k.id', 'k.name', 'k.kind', 'k.level', 'k.region_code as regionCode', 'k.chain_id as chainId', 'c.name as chainName', 'k.industry', 'k.recognised_year as recognisedYear', 'k.description',
      sql<number>`(SELECT count(*)::int FROM industry_cluster_members m WHERE m.cluster_id = k.id)`.as('memberCount'),
      sql<number>`(SELECT count(*)::int FROM industry_cluster_members m JOIN enterprises e ON e.id = m.enterprise_id WHERE m.cluster_id = k.id AND e.size IN ('small','medium','micro'))`.as('smeCount'),
    ]);
  if (filter.id) query = query.where('k.id', '=', filter.id);
  if (filter.kind) query = query.where('k.kind', '=', filter.kind);
  if (filter.regionPrefix) query = query.where('k.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.beforeId) query = query.where('k.id', '<', filter.beforeId);
  return query.orderBy('k.id', 'desc').limit(limit).execute();
}

/** Insert a cluster. */
export async function insertCluster(tx: Tx, input: { name: string; kind: string; level: string; regionCode: string; chainId: string | null; industry: string; recognisedYear: number | null; description: string; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('industry_clusters')
    .values({ name: input.name, kind: input.kind, level: input.level, region_code: input.regionCode, chain_id: input.chainId, industry: input.industry, recognised_year: input.recognisedYear, description: input.description, created_by: input.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Add members (or update their role). */
export async function upsertClusterMembers(tx: Tx, clusterId: string, members: { enterpriseId: string; role: string }[]): Promise<void> {
  await tx
    .insertInto('industry_cluster_members')
    .values(members.map((m) => ({ cluster_id: clusterId, enterprise_id: m.enterpriseId, role: m.role })))
    .onConflict((oc) => oc.columns(['cluster_id', 'enterprise_id']).doUpdateSet((eb) => ({ role: eb.ref('excluded.role') })))
    .execute();
}

/** A cluster's members, leaders first. */
export async function selectClusterMembers(db: Db | Tx, clusterId: string) {
  return db
    .selectFrom('industry_cluster_members as m')
    .innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
    .select(['e.uscc', 'e.name', 'e.region_code as regionCode', 'e.size', 'm.role'])
    .where('m.cluster_id', '=', clusterId)
    .orderBy('m.role')
    .orderBy('e.name')
    .execute();
}

/** A transfer catalogue row with its chain's name. */
export interface TransferItemRecord {
  id: string;
  direction: string;
  regionCode: string;
  chainId: string | null;
  chainName: string | null;
  industryCode: string;
  title: string;
  description: string;
  conditions: string;
  contact: string;
  isOpen: boolean;
  createdAt: Date;
}

/** Catalogue items newest first. */
export async function selectTransferItems(db: Db | Tx, filter: { direction?: string; industryPrefix?: string; regionPrefix?: string; isOpen?: boolean; beforeId?: string }, limit: number): Promise<TransferItemRecord[]> {
  let query = db
    .selectFrom('transfer_catalogue_items as t')
    .leftJoin('chains as c', 'c.id', 't.chain_id')
    .select(['t.id', 't.direction', 't.region_code as regionCode', 't.chain_id as chainId', 'c.name as chainName', 't.industry_code as industryCode', 't.title', 't.description', 't.conditions', 't.contact', 't.is_open as isOpen', 't.created_at as createdAt']);
  if (filter.direction) query = query.where('t.direction', '=', filter.direction);
  if (filter.industryPrefix) query = query.where('t.industry_code', 'like', `${filter.industryPrefix}%`);
  if (filter.regionPrefix) query = query.where('t.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.isOpen !== undefined) query = query.where('t.is_open', '=', filter.isOpen);
  if (filter.beforeId) query = query.where('t.id', '<', filter.beforeId);
  return query.orderBy('t.id', 'desc').limit(limit).execute();
}

/** Insert a catalogue item. */
export async function insertTransferItem(tx: Tx, input: { direction: string; regionCode: string; chainId: string | null; industryCode: string; title: string; description: string; conditions: string; contact: string; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('transfer_catalogue_items')
    .values({ direction: input.direction, region_code: input.regionCode, chain_id: input.chainId, industry_code: input.industryCode, title: input.title, description: input.description, conditions: input.conditions, contact: input.contact, created_by: input.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Per chain (of a template, or all): its region and the figures of the cross-region view. */
export async function selectChainRegionRows(db: Db | Tx, templateKey: string | undefined) {
  let query = db
    .selectFrom('chains as c')
    .select([
      'c.id as chainId', 'c.name as chainName', 'c.template_key as templateKey', 'c.region_code as regionCode',
      sql<number>`(SELECT count(DISTINCT m.enterprise_id)::int FROM chain_members m WHERE m.chain_id = c.id)`.as('memberCount'),
      sql<number>`(SELECT count(DISTINCT m.enterprise_id)::int FROM chain_members m WHERE m.chain_id = c.id AND m.role = 'leader')`.as('leaderCount'),
      sql<number>`(SELECT count(*)::int FROM chain_leader_actions a WHERE a.chain_id = c.id)`.as('leaderActionCount'),
      sql<string>`(SELECT coalesce(sum(a.amount_fen), 0)::text FROM chain_leader_actions a WHERE a.chain_id = c.id)`.as('leaderActionAmountFen'),
      sql<number>`(SELECT count(*)::int FROM industry_clusters k WHERE k.chain_id = c.id)`.as('clusterCount'),
      sql<number>`(SELECT count(*)::int FROM transfer_catalogue_items t WHERE t.chain_id = c.id AND t.is_open)`.as('transferItemCount'),
    ]);
  if (templateKey) query = query.where('c.template_key', '=', templateKey);
  return query.orderBy('c.template_key').orderBy('c.region_code').limit(2000).execute();
}
