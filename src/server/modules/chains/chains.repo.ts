/** SQL of chain maps: chains, segments, members and rejected suggestions. */
import { sql, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { RegionScope } from '../../platform/scope.js';
import type { Segment } from './chains.segments.js';
import type { ChainStage, MemberRole, MemberSource } from '../../../contracts/chains.js';

/** A chain row in camelCase. */
export interface ChainRecord {
  id: string;
  name: string;
  regionCode: string;
  templateKey: string | null;
  description: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A member with the facts of its enterprise that the map shows. */
export interface MemberRecord {
  segmentKey: string;
  enterpriseId: string;
  uscc: string;
  name: string;
  regionCode: string;
  industryCode: string;
  role: MemberRole;
  source: MemberSource;
  confidence: number | null;
}

/** Filters of the chain list, already validated. */
export interface ChainFilter {
  regionPrefix?: string;
  templateKey?: string;
  nameLike?: string;
}

const CHAIN_COLUMNS = ['id', 'name', 'region_code', 'template_key', 'description', 'created_at', 'updated_at'] as const;

function toChain(r: { id: string; name: string; region_code: string; template_key: string | null; description: string; created_at: Date; updated_at: Date }): ChainRecord {
  return { id: r.id, name: r.name, regionCode: r.region_code, templateKey: r.template_key, description: r.description, createdAt: r.created_at, updatedAt: r.updated_at };
}

/** Insert a chain; returns its id. */
export async function insertChain(tx: Tx, chain: { name: string; regionCode: string; templateKey: string | null; description: string; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('chains')
    .values({ name: chain.name, region_code: chain.regionCode, template_key: chain.templateKey, description: chain.description, created_by: chain.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Mark a chain changed (list order, ETags). */
export async function touchChain(tx: Tx, chainId: string): Promise<void> {
  await tx.updateTable('chains').set({ updated_at: sql`now()` }).where('id', '=', chainId).execute();
}

/** One chain by id; `FOR UPDATE` inside writes so that edits of one chain run one at a time. */
export async function selectChain(db: Db | Tx, id: string, options: { isLocked?: boolean } = {}): Promise<ChainRecord | undefined> {
  let query = db.selectFrom('chains').select(CHAIN_COLUMNS).where('id', '=', id);
  if (options.isLocked) {
    query = query.forUpdate();
  }
  const row = await query.executeTakeFirst();
  return row ? toChain(row) : undefined;
}

/** A page of chains, newest first by id, with segment and member counts. */
export async function selectChainPage(db: Db, filter: ChainFilter, afterId: string | undefined, limit: number): Promise<Array<ChainRecord & { segmentCount: number; memberCount: number }>> {
  let query = db
    .selectFrom('chains as c')
    .select(['c.id', 'c.name', 'c.region_code', 'c.template_key', 'c.description', 'c.created_at', 'c.updated_at'])
    .select((eb) => [
      eb.selectFrom('chain_segments as s').whereRef('s.chain_id', '=', 'c.id').select(eb.fn.countAll<string>().as('n')).as('segment_count'),
      eb.selectFrom('chain_members as m').whereRef('m.chain_id', '=', 'c.id').select(sql<string>`count(DISTINCT m.enterprise_id)`.as('n')).as('member_count'),
    ]);
  if (filter.regionPrefix) query = query.where('c.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.templateKey) query = query.where('c.template_key', '=', filter.templateKey);
  if (filter.nameLike) query = query.where('c.name', 'ilike', `%${filter.nameLike}%`);
  if (afterId) query = query.where('c.id', '<', afterId);
  const rows = await query.orderBy('c.id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ ...toChain(r), segmentCount: Number(r.segment_count ?? 0), memberCount: Number(r.member_count ?? 0) }));
}

/** Number of chains matching the filter. */
export async function countChains(db: Db, filter: ChainFilter): Promise<number> {
  let query = db.selectFrom('chains as c').select((eb) => eb.fn.countAll<string>().as('n'));
  if (filter.regionPrefix) query = query.where('c.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.templateKey) query = query.where('c.template_key', '=', filter.templateKey);
  if (filter.nameLike) query = query.where('c.name', 'ilike', `%${filter.nameLike}%`);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The segments of a chain by stage and position. */
export async function selectSegments(db: Db | Tx, chainId: string): Promise<Segment[]> {
  const rows = await db
    .selectFrom('chain_segments')
    .select(['key', 'name', 'stage', 'upstream', 'products', 'industry_codes', 'position'])
    .where('chain_id', '=', chainId)
    .orderBy(sql`array_position(ARRAY['upstream','midstream','downstream'], stage)`)
    .orderBy('position')
    .orderBy('key')
    .execute();
  return rows.map((r) => ({ key: r.key, name: r.name, stage: r.stage as ChainStage, upstream: r.upstream, products: r.products, industryCodes: r.industry_codes, position: r.position }));
}

/** Insert or update segments (by chain and key). */
export async function upsertSegments(tx: Tx, chainId: string, segments: readonly Segment[]): Promise<void> {
  if (segments.length === 0) {
    return;
  }
  await tx
    .insertInto('chain_segments')
    .values(segments.map((s) => ({ chain_id: chainId, key: s.key, name: s.name, stage: s.stage, upstream: s.upstream, products: s.products, industry_codes: s.industryCodes, position: s.position })))
    .onConflict((oc) =>
      oc.columns(['chain_id', 'key']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        stage: eb.ref('excluded.stage'),
        upstream: eb.ref('excluded.upstream'),
        products: eb.ref('excluded.products'),
        industry_codes: eb.ref('excluded.industry_codes'),
        position: eb.ref('excluded.position'),
      })),
    )
    .execute();
}

/** Delete segments; their members go with them (FK cascade), their rejections too. */
export async function deleteSegments(tx: Tx, chainId: string, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) {
    return;
  }
  await tx.deleteFrom('chain_suggestion_rejections').where('chain_id', '=', chainId).where('segment_key', 'in', keys).execute();
  await tx.deleteFrom('chain_segments').where('chain_id', '=', chainId).where('key', 'in', [...keys]).execute();
}

/**
 * Move members from one segment to another (those of `enterpriseIds` only, when given). An
 * enterprise already in the target keeps its role there.
 */
export async function moveMembers(tx: Tx, chainId: string, fromKey: string, toKey: string, enterpriseIds?: readonly string[]): Promise<void> {
  if (enterpriseIds && enterpriseIds.length === 0) {
    return;
  }
  const only = enterpriseIds ? sql<SqlBool>`AND enterprise_id = ANY(${enterpriseIds}::bigint[])` : sql<SqlBool>``;
  await sql`
    INSERT INTO chain_members (chain_id, segment_key, enterprise_id, role, source, confidence, created_by, created_at)
    SELECT chain_id, ${toKey}, enterprise_id, role, source, confidence, created_by, created_at
      FROM chain_members WHERE chain_id = ${chainId} AND segment_key = ${fromKey} ${only}
    ON CONFLICT (chain_id, segment_key, enterprise_id) DO NOTHING`.execute(tx);
  await sql`DELETE FROM chain_members WHERE chain_id = ${chainId} AND segment_key = ${fromKey} ${only}`.execute(tx);
}

/** Members of a chain (or of one segment) with their enterprises, by segment, role and name. */
export async function selectMembers(db: Db | Tx, chainId: string, segmentKey?: string): Promise<MemberRecord[]> {
  let query = db
    .selectFrom('chain_members as m')
    .innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
    .select(['m.segment_key', 'm.enterprise_id', 'e.uscc', 'e.name', 'e.region_code', 'e.industry_code', 'm.role', 'm.source', 'm.confidence'])
    .where('m.chain_id', '=', chainId);
  if (segmentKey) {
    query = query.where('m.segment_key', '=', segmentKey);
  }
  const rows = await query
    .orderBy('m.segment_key')
    .orderBy(sql`array_position(ARRAY['leader','little_giant','specialized','supplier','research'], m.role)`)
    .orderBy('e.name')
    .execute();
  return rows.map((r) => ({
    segmentKey: r.segment_key, enterpriseId: r.enterprise_id, uscc: r.uscc, name: r.name, regionCode: r.region_code,
    industryCode: r.industry_code, role: r.role, source: r.source, confidence: r.confidence,
  }));
}

/** Place (or re-role) an enterprise in a segment. */
export async function upsertMember(tx: Tx, member: { chainId: string; segmentKey: string; enterpriseId: string; role: MemberRole; source: MemberSource; confidence: number | null; createdBy: string | null }): Promise<void> {
  await tx
    .insertInto('chain_members')
    .values({ chain_id: member.chainId, segment_key: member.segmentKey, enterprise_id: member.enterpriseId, role: member.role, source: member.source, confidence: member.confidence, created_by: member.createdBy })
    .onConflict((oc) => oc.columns(['chain_id', 'segment_key', 'enterprise_id']).doUpdateSet({ role: member.role, source: member.source, confidence: member.confidence }))
    .execute();
  // Accepting a placement undoes an earlier rejection of the same suggestion.
  await tx.deleteFrom('chain_suggestion_rejections').where('chain_id', '=', member.chainId).where('segment_key', '=', member.segmentKey).where('enterprise_id', '=', member.enterpriseId).execute();
}

/** Remove an enterprise from a segment; true when it was there. */
export async function deleteMember(tx: Tx, chainId: string, segmentKey: string, enterpriseId: string): Promise<boolean> {
  const result = await tx.deleteFrom('chain_members').where('chain_id', '=', chainId).where('segment_key', '=', segmentKey).where('enterprise_id', '=', enterpriseId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Remember that a suggestion was rejected. */
export async function insertRejection(tx: Tx, rejection: { chainId: string; segmentKey: string; enterpriseId: string; rejectedBy: string | null }): Promise<void> {
  await tx
    .insertInto('chain_suggestion_rejections')
    .values({ chain_id: rejection.chainId, segment_key: rejection.segmentKey, enterprise_id: rejection.enterpriseId, rejected_by: rejection.rejectedBy })
    .onConflict((oc) => oc.columns(['chain_id', 'segment_key', 'enterprise_id']).doNothing())
    .execute();
}

/** An enterprise's id and facts by USCC within a region scope (the writer's registry scope). */
export async function selectEnterpriseInScope(db: Db | Tx, uscc: string, scope: RegionScope): Promise<{ id: string; uscc: string; name: string; regionCode: string } | undefined> {
  if (scope.kind === 'none') {
    return undefined;
  }
  let query = db.selectFrom('enterprises').select(['id', 'uscc', 'name', 'region_code']).where('uscc', '=', uscc);
  if (scope.kind === 'prefix') {
    query = query.where('region_code', 'like', `${scope.prefix}%`);
  }
  const row = await query.executeTakeFirst();
  return row ? { id: row.id, uscc: row.uscc, name: row.name, regionCode: row.region_code } : undefined;
}

/** Candidate rows of a suggestion query. */
export interface CandidateRow {
  id: string;
  uscc: string;
  name: string;
  regionCode: string;
  industryCode: string;
  tags: string[];
  products: string[];
  capabilities: string;
}

/**
 * Enterprises of a region that might fit a segment: same 大类 as one of its industry codes, or a
 * product in common, or a product term in the capability text. Members of the segment and
 * rejected ones are left out. Exact industry and product matches come first under the cap.
 */
export async function selectCandidates(
  db: Db,
  query: { chainId: string; segmentKey: string; regionPrefix: string; divisions: string[]; industryCodes: string[]; products: string[]; cap: number },
): Promise<CandidateRow[]> {
  const divisionPatterns = query.divisions.map((d) => `${d}%`);
  const textPatterns = query.products.map((p) => `%${p.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  const rows = await sql<{ id: string; uscc: string; name: string; region_code: string; industry_code: string; tags: string[]; products: string[]; capabilities: string }>`
    SELECT e.id::text AS id, e.uscc, e.name, e.region_code, e.industry_code, e.tags, e.products, e.capabilities
      FROM enterprises e
     WHERE e.region_code LIKE ${`${query.regionPrefix}%`}
       AND (e.industry_code LIKE ANY(${divisionPatterns}::text[])
            OR e.products && ${query.products}::text[]
            OR e.capabilities LIKE ANY(${textPatterns}::text[]))
       AND NOT EXISTS (SELECT 1 FROM chain_members m WHERE m.chain_id = ${query.chainId} AND m.segment_key = ${query.segmentKey} AND m.enterprise_id = e.id)
       AND NOT EXISTS (SELECT 1 FROM chain_suggestion_rejections r WHERE r.chain_id = ${query.chainId} AND r.segment_key = ${query.segmentKey} AND r.enterprise_id = e.id)
     ORDER BY (e.industry_code = ANY(${query.industryCodes}::text[])) DESC, (e.products && ${query.products}::text[]) DESC, e.id
     LIMIT ${query.cap}`.execute(db);
  return rows.rows.map((r) => ({ id: r.id, uscc: r.uscc, name: r.name, regionCode: r.region_code, industryCode: r.industry_code, tags: r.tags, products: r.products, capabilities: r.capabilities }));
}
