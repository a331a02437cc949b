/** SQL of the chain analyses (weak links, 小巨人 map): who is placed where, candidate pools, names. */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AnalysisEnterprise } from './weak-links.analysis.js';

/** An enterprise placed in a segment of the chain or of a chain made from the same template. */
export interface PlacedEnterprise extends AnalysisEnterprise {
  segmentKey: string;
  role: string;
  size: string | null;
}

/**
 * Members of the chain and of every chain of the same template (any region), by segment key: who
 * is known to be capable in each segment nationally. Research partners make nothing and are left out.
 */
export async function selectPlaced(db: Db, chain: { id: string; templateKey: string | null }): Promise<PlacedEnterprise[]> {
  const rows = await sql<{ segment_key: string; role: string; id: string; uscc: string; name: string; region_code: string; industry_code: string; tags: string[]; size: string | null }>`
    SELECT DISTINCT ON (m.segment_key, e.id) m.segment_key, m.role, e.id::text AS id, e.uscc, e.name, e.region_code, e.industry_code, e.tags, e.size
    FROM chain_members m
    JOIN enterprises e ON e.id = m.enterprise_id
    WHERE m.role <> 'research'
      AND m.chain_id IN (SELECT c.id FROM chains c WHERE c.id = ${chain.id} ${chain.templateKey ? sql`OR c.template_key = ${chain.templateKey}` : sql``})
    ORDER BY m.segment_key, e.id, array_position(ARRAY['leader','little_giant','specialized','supplier'], m.role)`.execute(db);
  return rows.rows.map((r) => ({ segmentKey: r.segment_key, role: r.role, id: r.id, uscc: r.uscc, name: r.name, regionCode: r.region_code, industryCode: r.industry_code, tags: r.tags, size: r.size }));
}

/** Most 专精特新/小巨人 and other enterprises read per industry group for the adjacent-industry pool. */
const ADJACENT_TIERED_PER_GROUP = 40;
const ADJACENT_OTHERS_PER_GROUP = 15;

/**
 * Enterprises whose industry shares the group (3 digits) of a segment's industry code: the
 * adjacent-industry candidate pool, 小巨人 and 专精特新 first. Each group is a bounded scan of the
 * industry index in its prefix range, so the cost does not grow with the registry: sorting every
 * match by tier took ~0.5 s at 1M enterprises.
 */
export async function selectAdjacent(db: Db, industryCodes: readonly string[]): Promise<AnalysisEnterprise[]> {
  const groups = [...new Set(industryCodes.filter((c) => c.length >= 4).map((c) => c.slice(0, 4)))];
  if (groups.length === 0) {
    return [];
  }
  // One subquery per group with its own LIKE prefix (an index range) and a LIMIT: no sort, so each
  // stops after a few hundred index entries; the candidates are ranked by score afterwards.
  const tier = sql`ARRAY['little_giant','specialized']::text[]`;
  const parts = groups.flatMap((g) => [
    sql`(SELECT e.id::text AS id, e.uscc, e.name, e.region_code, e.industry_code, e.tags FROM enterprises e
         WHERE e.industry_code LIKE ${`${g}%`} AND e.tags && ${tier} LIMIT ${ADJACENT_TIERED_PER_GROUP})`,
    sql`(SELECT e.id::text AS id, e.uscc, e.name, e.region_code, e.industry_code, e.tags FROM enterprises e
         WHERE e.industry_code LIKE ${`${g}%`} AND NOT (e.tags && ${tier}) LIMIT ${ADJACENT_OTHERS_PER_GROUP})`,
  ]);
  const rows = await sql<{ id: string; uscc: string; name: string; region_code: string; industry_code: string; tags: string[] }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  return rows.rows.map((r) => ({ id: r.id, uscc: r.uscc, name: r.name, regionCode: r.region_code, industryCode: r.industry_code, tags: r.tags }));
}

/** Names and facts of enterprises by id. */
export async function selectEnterprisesById(db: Db, ids: readonly string[]): Promise<Map<string, { id: string; uscc: string; name: string; regionCode: string; tags: string[]; size: string | null }>> {
  const found = new Map<string, { id: string; uscc: string; name: string; regionCode: string; tags: string[]; size: string | null }>();
  if (ids.length === 0) return found;
  const rows = await db.selectFrom('enterprises').select(['id', 'uscc', 'name', 'region_code', 'tags', 'size']).where('id', 'in', [...ids]).execute();
  for (const r of rows) found.set(r.id, { id: r.id, uscc: r.uscc, name: r.name, regionCode: r.region_code, tags: r.tags, size: r.size });
  return found;
}

/** Names of off-platform suppliers by id. */
export async function selectOffPlatformNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (ids.length === 0) return found;
  const rows = await db.selectFrom('off_platform_suppliers').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  for (const r of rows) found.set(r.id, r.name);
  return found;
}
