import type { Actor } from '../../platform/actor.js';
import { isInRegionScope } from '../../platform/scope.js';
import type { SupplyGraphSnapshot } from './graph/holder.js';

/**
 * Who sees a private supply edge: the organisation that uploaded it, government users whose scope
 * holds the customer's region, and platform admins (they run the platform). Everyone else sees
 * only counts. Public edges are visible to every authenticated user.
 */
export function canSeeEdge(actor: Actor, edge: { isPrivate: boolean; ownerOrgId: string | null; regionCode: string }): boolean {
  if (!edge.isPrivate) {
    return true;
  }
  if (actor.role === 'platform_admin') {
    return true;
  }
  if (actor.role === 'member') {
    return actor.orgId !== null && actor.orgId === edge.ownerOrgId;
  }
  return actor.role === 'gov' && isInRegionScope(actor, edge.regionCode);
}

/** {@link canSeeEdge} for edge `e` of a graph snapshot (for engines walking the graph). */
export function isEdgeVisible(snapshot: SupplyGraphSnapshot, e: number, actor: Actor): boolean {
  if (!snapshot.edgeIsPrivate[e]) {
    return true;
  }
  const owner = snapshot.edgeOwnerOrgId[e];
  return canSeeEdge(actor, { isPrivate: true, ownerOrgId: owner === 0 ? null : String(owner), regionCode: String(snapshot.edgeRegion[e]).padStart(6, '0') });
}

/**
 * Who may write an edge for this customer: platform admins any; gov users customers in their
 * region; members only edges into their own enterprise (a firm declares its own suppliers).
 */
export function canWriteEdgeFor(actor: Actor, customer: { uscc: string; regionCode: string }): boolean {
  if (actor.role === 'member') {
    return actor.orgUscc === customer.uscc;
  }
  return (actor.role === 'platform_admin' || actor.role === 'gov') && isInRegionScope(actor, customer.regionCode);
}

/** Who may upload supplier lists at all (rows are then checked with {@link canWriteEdgeFor}). */
export function canWriteEdges(actor: Actor): boolean {
  return actor.role === 'platform_admin' || actor.role === 'gov' || (actor.role === 'member' && actor.orgUscc !== null);
}

/** Only members upload private lists (of their own enterprise); edges others record are public. */
export function canMarkPrivate(actor: Actor): boolean {
  return actor.role === 'member' && actor.orgId !== null;
}
