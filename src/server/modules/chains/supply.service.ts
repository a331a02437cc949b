import type { ListSupplyEdgesQuery } from '../../../contracts/supply.js';
import { notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { normaliseUscc } from '../../platform/uscc.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { SUPPLY_EDGE_ENTITY } from './graph/holder.js';
import type { SupplyDeps } from './supply.import.js';
import { canWriteEdgeFor } from './supply.policy.js';
import * as repo from './supply.repo.js';
import type { Db } from '../../db/database.js';

/** Resolve the list filters (USCCs) to enterprise ids; undefined when a named enterprise does not exist (empty list). */
async function toFilter(db: Db, query: Pick<ListSupplyEdgesQuery, 'supplier' | 'customer' | 'product'>): Promise<repo.EdgeFilter | undefined> {
  const usccs = [query.supplier, query.customer].filter((u): u is string => Boolean(u)).map(normaliseUscc);
  const found = await repo.selectEnterprisesByUscc(db, usccs);
  const supplier = query.supplier ? found.get(normaliseUscc(query.supplier)) : undefined;
  const customer = query.customer ? found.get(normaliseUscc(query.customer)) : undefined;
  if ((query.supplier && !supplier) || (query.customer && !customer)) {
    return undefined;
  }
  return { supplierId: supplier?.id, customerId: customer?.id, productLike: query.product || undefined };
}

/** A page of the supply edges the actor sees (private lists only for their owner and region gov users). */
export async function listSupplyEdges(db: Db, actor: Actor, query: ListSupplyEdgesQuery): Promise<{ items: repo.SupplyEdgeRecord[]; nextCursor: string | null }> {
  const filter = await toFilter(db, query);
  if (!filter) {
    return { items: [], nextCursor: null };
  }
  const rows = await repo.selectEdges(db, actor, filter, { beforeId: decodeCursor(query.cursor), limit: query.limit + 1 });
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** Every edge of the filtered list, in pages, for the export. */
export async function* iterateSupplyEdges(db: Db, actor: Actor, query: Pick<ListSupplyEdgesQuery, 'supplier' | 'customer' | 'product'>, max: number): AsyncGenerator<repo.SupplyEdgeRecord[]> {
  const filter = await toFilter(db, query);
  if (!filter) return;
  let beforeId: string | undefined;
  for (let total = 0; total < max; ) {
    const rows = await repo.selectEdges(db, actor, filter, { beforeId, limit: Math.min(2000, max - total) });
    if (rows.length === 0) return;
    yield rows;
    total += rows.length;
    beforeId = rows[rows.length - 1].id;
  }
}

/**
 * One edge the actor sees.
 * @throws not_found when missing or hidden from the actor.
 */
export async function getSupplyEdge(db: Db, actor: Actor, id: string): Promise<repo.SupplyEdgeRecord> {
  const edge = /^\d{1,18}$/.test(id) ? await repo.selectEdge(db, actor, id) : undefined;
  if (!edge) {
    throw notFound('供应关系');
  }
  return edge;
}

/**
 * Delete an edge: its owner organisation, or gov users and admins with the customer in scope.
 * @throws not_found when missing, hidden, or not the actor's to delete (never confirms it exists).
 */
export async function deleteSupplyEdge(deps: SupplyDeps, context: WriteContext, id: string): Promise<void> {
  const edge = await getSupplyEdge(deps.db, context.actor, id);
  const isOwner = context.actor.orgId !== null && edge.ownerOrgId === context.actor.orgId;
  if (!isOwner && !canWriteEdgeFor(context.actor, { uscc: edge.customerUscc, regionCode: edge.regionCode })) {
    throw notFound('供应关系');
  }
  await deps.db.transaction().execute(async (tx) => {
    await repo.deleteEdge(tx, id);
    await recordWrites(tx, context, [{ action: 'supply_edge.delete', entityType: SUPPLY_EDGE_ENTITY, entityKey: id, regionCode: edge.regionCode, before: { supplier: edge.supplierUscc ?? edge.supplierName, customer: edge.customerUscc, product: edge.product, share: edge.share, isPrivate: edge.isPrivate } }]);
  });
  await deps.graph.refreshEdges([id]);
}

/**
 * Supplier and customer counts of an enterprise, private lists included: anyone signed in may see
 * how connected a firm is, not with whom.
 * @throws not_found for an unknown USCC.
 */
export async function getSupplySummary(db: Db, uscc: string): Promise<{ uscc: string } & Awaited<ReturnType<typeof repo.selectSummary>>> {
  const code = normaliseUscc(uscc);
  const enterprise = (await repo.selectEnterprisesByUscc(db, [code])).get(code);
  if (!enterprise) {
    throw notFound('企业');
  }
  return { uscc: code, ...(await repo.selectSummary(db, enterprise.id)) };
}
