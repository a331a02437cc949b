import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { regionScopeOf } from '../../platform/scope.js';
import { containsPattern } from '../../platform/text.js';

/** An enterprise as the supply module needs it. */
export interface EnterpriseRef {
  id: string;
  uscc: string;
  name: string;
  regionCode: string;
}

/** A supply edge with both ends resolved, as the repo returns it. */
export interface SupplyEdgeRecord {
  id: string;
  supplierId: string | null;
  supplierUscc: string | null;
  supplierName: string;
  supplierRegion: string | null;
  supplierCountry: string;
  offPlatformSupplierId: string | null;
  customerId: string;
  customerUscc: string;
  customerName: string;
  product: string;
  share: number | null;
  since: string | null;
  source: string;
  isPrivate: boolean;
  ownerOrgId: string | null;
  regionCode: string;
  createdAt: Date;
}

/** A new or changed edge to write. */
export interface EdgeWrite {
  supplierId: string | null;
  offPlatformSupplierId: string | null;
  customerId: string;
  product: string;
  share: number | null;
  since: string | null;
  source: string;
  isPrivate: boolean;
  ownerOrgId: string | null;
  regionCode: string;
}

/**
 * SQL condition (over alias `e`) for the edges an actor sees: every public edge; private ones only
 * for their owner organisation, gov users whose scope holds the edge's region, and admins
 * (the same rule as `canSeeEdge`, in SQL so that hidden rows are never read).
 */
export function visibleTo(actor: Actor): RawBuilder<SqlBool> {
  if (actor.role === 'platform_admin') {
    return sql<SqlBool>`true`;
  }
  if (actor.role === 'member' && actor.orgId) {
    return sql<SqlBool>`(NOT e.is_private OR e.owner_org_id = ${actor.orgId})`;
  }
  if (actor.role === 'gov') {
    const scope = regionScopeOf(actor);
    if (scope.kind === 'all') return sql<SqlBool>`true`;
    if (scope.kind === 'prefix') return sql<SqlBool>`(NOT e.is_private OR e.region_code LIKE ${`${scope.prefix}%`})`;
  }
  return sql<SqlBool>`NOT e.is_private`;
}

const EDGE_SELECT = sql`
  SELECT e.id::text AS id, e.supplier_id::text AS supplier_id, s.uscc AS supplier_uscc, coalesce(s.name, o.name) AS supplier_name,
         s.region_code AS supplier_region, coalesce(o.country_code, 'CN') AS supplier_country, e.off_platform_supplier_id::text AS off_platform_supplier_id,
         e.customer_id::text AS customer_id, c.uscc AS customer_uscc, c.name AS customer_name, e.product, e.share,
         to_char(e.since, 'YYYY-MM-DD') AS since, e.source, e.is_private, e.owner_org_id::text AS owner_org_id, e.region_code, e.created_at
  FROM supply_edges e
  JOIN enterprises c ON c.id = e.customer_id
  LEFT JOIN enterprises s ON s.id = e.supplier_id
  LEFT JOIN off_platform_suppliers o ON o.id = e.off_platform_supplier_id`;

interface EdgeRow {
  id: string; supplier_id: string | null; supplier_uscc: string | null; supplier_name: string; supplier_region: string | null;
  supplier_country: string; off_platform_supplier_id: string | null; customer_id: string; customer_uscc: string; customer_name: string;
  product: string; share: number | null; since: string | null; source: string; is_private: boolean; owner_org_id: string | null;
  region_code: string; created_at: Date;
}

function toRecord(r: EdgeRow): SupplyEdgeRecord {
  return {
    id: r.id,
    supplierId: r.supplier_id,
    supplierUscc: r.supplier_uscc,
    supplierName: r.supplier_name,
    supplierRegion: r.supplier_region,
    supplierCountry: r.supplier_country,
    offPlatformSupplierId: r.off_platform_supplier_id,
    customerId: r.customer_id,
    customerUscc: r.customer_uscc,
    customerName: r.customer_name,
    product: r.product,
    share: r.share,
    since: r.since,
    source: r.source,
    isPrivate: r.is_private,
    ownerOrgId: r.owner_org_id,
    regionCode: r.region_code,
    createdAt: r.created_at,
  };
}

/** Filters of the edge list, already resolved to enterprise ids. */
export interface EdgeFilter {
  supplierId?: string;
  customerId?: string;
  productLike?: string;
}

/** One page of the edges the actor sees, newest first (keyset by id). */
export async function selectEdges(db: Db, actor: Actor, filter: EdgeFilter, page: { beforeId?: string; limit: number }): Promise<SupplyEdgeRecord[]> {
  const rows = await sql<EdgeRow>`${EDGE_SELECT}
    WHERE ${visibleTo(actor)}
      ${filter.supplierId ? sql`AND e.supplier_id = ${filter.supplierId}` : sql``}
      ${filter.customerId ? sql`AND e.customer_id = ${filter.customerId}` : sql``}
      ${filter.productLike ? sql`AND e.product ILIKE ${containsPattern(filter.productLike)}` : sql``}
      ${page.beforeId ? sql`AND e.id < ${page.beforeId}` : sql``}
    ORDER BY e.id DESC LIMIT ${page.limit}`.execute(db);
  return rows.rows.map(toRecord);
}

/** One edge the actor sees, or undefined (missing and hidden look the same). */
export async function selectEdge(db: Db | Tx, actor: Actor, id: string): Promise<SupplyEdgeRecord | undefined> {
  const rows = await sql<EdgeRow>`${EDGE_SELECT} WHERE e.id = ${id} AND ${visibleTo(actor)}`.execute(db);
  return rows.rows[0] ? toRecord(rows.rows[0]) : undefined;
}

/** Enterprises by USCC (those that exist). */
export async function selectEnterprisesByUscc(db: Db | Tx, usccs: readonly string[]): Promise<Map<string, EnterpriseRef>> {
  const found = new Map<string, EnterpriseRef>();
  for (let i = 0; i < usccs.length; i += 10_000) {
    const rows = await db.selectFrom('enterprises').select(['id', 'uscc', 'name', 'region_code']).where('uscc', 'in', usccs.slice(i, i + 10_000)).execute();
    for (const r of rows) found.set(r.uscc, { id: r.id, uscc: r.uscc, name: r.name, regionCode: r.region_code });
  }
  return found;
}

/** Off-platform suppliers by (normalised name, country); created when missing. Keys are `${nameNorm}|${country}`. */
export async function upsertOffPlatformSuppliers(tx: Tx, suppliers: readonly { name: string; nameNorm: string; countryCode: string }[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (suppliers.length === 0) {
    return ids;
  }
  await sql`
    INSERT INTO off_platform_suppliers (name, name_norm, country_code)
    SELECT * FROM unnest(${suppliers.map((s) => s.name)}::text[], ${suppliers.map((s) => s.nameNorm)}::text[], ${suppliers.map((s) => s.countryCode)}::text[])
    ON CONFLICT (name_norm, country_code) DO NOTHING`.execute(tx);
  const rows = await sql<{ id: string; name_norm: string; country_code: string }>`
    SELECT id::text AS id, name_norm, country_code FROM off_platform_suppliers
    WHERE (name_norm, country_code) IN (SELECT * FROM unnest(${suppliers.map((s) => s.nameNorm)}::text[], ${suppliers.map((s) => s.countryCode)}::text[]))`.execute(tx);
  for (const r of rows.rows) ids.set(`${r.name_norm}|${r.country_code}`, r.id);
  return ids;
}

/** Existing off-platform suppliers (no writes), for a dry run. */
export async function selectOffPlatformSuppliers(db: Db, keys: readonly { nameNorm: string; countryCode: string }[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (keys.length === 0) return ids;
  const rows = await sql<{ id: string; name_norm: string; country_code: string }>`
    SELECT id::text AS id, name_norm, country_code FROM off_platform_suppliers
    WHERE (name_norm, country_code) IN (SELECT * FROM unnest(${keys.map((s) => s.nameNorm)}::text[], ${keys.map((s) => s.countryCode)}::text[]))`.execute(db);
  for (const r of rows.rows) ids.set(`${r.name_norm}|${r.country_code}`, r.id);
  return ids;
}

/** The identity of an edge: customer, supplier (either kind) and product. */
export function edgeKey(e: { customerId: string; supplierId: string | null; offPlatformSupplierId: string | null; product: string }): string {
  return `${e.customerId}|${e.supplierId ?? ''}|${e.offPlatformSupplierId ?? ''}|${e.product}`;
}

/** Existing edges into these customers, by {@link edgeKey}. */
export async function selectEdgesOfCustomers(db: Db | Tx, customerIds: readonly string[]): Promise<Map<string, { id: string; isPrivate: boolean; ownerOrgId: string | null; share: number | null; regionCode: string }>> {
  const found = new Map<string, { id: string; isPrivate: boolean; ownerOrgId: string | null; share: number | null; regionCode: string }>();
  if (customerIds.length === 0) return found;
  const rows = await db.selectFrom('supply_edges')
    .select(['id', 'customer_id', 'supplier_id', 'off_platform_supplier_id', 'product', 'is_private', 'owner_org_id', 'share', 'region_code'])
    .where('customer_id', 'in', [...customerIds]).execute();
  for (const r of rows) {
    found.set(edgeKey({ customerId: r.customer_id, supplierId: r.supplier_id, offPlatformSupplierId: r.off_platform_supplier_id, product: r.product }), { id: r.id, isPrivate: r.is_private, ownerOrgId: r.owner_org_id, share: r.share, regionCode: r.region_code });
  }
  return found;
}

/** Insert edges (one statement per 5,000); returns their ids in order. */
export async function insertEdges(tx: Tx, edges: readonly EdgeWrite[], createdBy: string | null): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < edges.length; i += 5000) {
    const chunk = edges.slice(i, i + 5000);
    const rows = await sql<{ id: string }>`
      INSERT INTO supply_edges (supplier_id, off_platform_supplier_id, customer_id, product, share, since, source, is_private, owner_org_id, region_code, created_by)
      SELECT u.supplier_id, u.off_platform_supplier_id, u.customer_id, u.product, u.share, u.since, u.source, u.is_private, u.owner_org_id, u.region_code, ${createdBy}::bigint
      FROM unnest(${chunk.map((e) => e.supplierId)}::bigint[], ${chunk.map((e) => e.offPlatformSupplierId)}::bigint[], ${chunk.map((e) => e.customerId)}::bigint[],
                  ${chunk.map((e) => e.product)}::text[], ${chunk.map((e) => e.share)}::real[], ${chunk.map((e) => e.since)}::date[], ${chunk.map((e) => e.source)}::text[],
                  ${chunk.map((e) => e.isPrivate)}::boolean[], ${chunk.map((e) => e.ownerOrgId)}::bigint[], ${chunk.map((e) => e.regionCode)}::text[])
        WITH ORDINALITY AS u(supplier_id, off_platform_supplier_id, customer_id, product, share, since, source, is_private, owner_org_id, region_code, n)
      ORDER BY u.n
      RETURNING id::text AS id`.execute(tx);
    ids.push(...rows.rows.map((r) => r.id));
  }
  return ids;
}

/** Update share, since, source and privacy of existing edges. */
export async function updateEdges(tx: Tx, edges: readonly { id: string; share: number | null; since: string | null; source: string; isPrivate: boolean; ownerOrgId: string | null }[]): Promise<void> {
  for (let i = 0; i < edges.length; i += 5000) {
    const chunk = edges.slice(i, i + 5000);
    await sql`
      UPDATE supply_edges e SET share = u.share, since = u.since, source = u.source, is_private = u.is_private, owner_org_id = u.owner_org_id
      FROM unnest(${chunk.map((e) => e.id)}::bigint[], ${chunk.map((e) => e.share)}::real[], ${chunk.map((e) => e.since)}::date[], ${chunk.map((e) => e.source)}::text[],
                  ${chunk.map((e) => e.isPrivate)}::boolean[], ${chunk.map((e) => e.ownerOrgId)}::bigint[]) AS u(id, share, since, source, is_private, owner_org_id)
      WHERE e.id = u.id`.execute(tx);
  }
}

/** Delete one edge by id. */
export async function deleteEdge(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('supply_edges').where('id', '=', id).execute();
}

/** Counts of an enterprise's suppliers and customers over all edges (private ones included). */
export async function selectSummary(db: Db, enterpriseId: string): Promise<{ suppliers: number; customers: number; foreignSuppliers: number; edges: number; privateEdges: number }> {
  const row = await sql<{ suppliers: number; customers: number; foreign_suppliers: number; edges: number; private_edges: number }>`
    SELECT
      (SELECT count(DISTINCT coalesce(supplier_id::text, 'x' || off_platform_supplier_id::text))::int FROM supply_edges WHERE customer_id = ${enterpriseId}) AS suppliers,
      (SELECT count(DISTINCT customer_id)::int FROM supply_edges WHERE supplier_id = ${enterpriseId}) AS customers,
      (SELECT count(DISTINCT e.off_platform_supplier_id)::int FROM supply_edges e JOIN off_platform_suppliers o ON o.id = e.off_platform_supplier_id
        WHERE e.customer_id = ${enterpriseId} AND o.country_code <> 'CN') AS foreign_suppliers,
      (SELECT count(*)::int FROM supply_edges WHERE customer_id = ${enterpriseId} OR supplier_id = ${enterpriseId}) AS edges,
      (SELECT count(*)::int FROM supply_edges WHERE (customer_id = ${enterpriseId} OR supplier_id = ${enterpriseId}) AND is_private) AS private_edges`.execute(db);
  const r = row.rows[0];
  return { suppliers: r.suppliers, customers: r.customers, foreignSuppliers: r.foreign_suppliers, edges: r.edges, privateEdges: r.private_edges };
}
