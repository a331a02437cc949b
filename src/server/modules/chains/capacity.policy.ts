/**
 * Who works with capacity reports (ADR 0036). Monthly operating data is an enterprise's own
 * business: unlike the chain map (read by every signed-in user), it is read only by
 * - the enterprise's own members (their months),
 * - gov users for enterprises whose region lies in their scope, and admins (months and the chain
 *   monitoring, which counts only the SMEs in the caller's scope).
 * Writes: members for their own enterprise (自报), gov users in scope and admins (import, platform API).
 * Experts neither read nor write. Everything out of scope is 404.
 */
import type { Actor } from '../../platform/actor.js';
import { isInRegionScope } from '../../platform/scope.js';

/** Roles that see the chain monitoring at all. */
export function canMonitorCapacity(actor: Actor): boolean {
  return actor.role === 'platform_admin' || actor.role === 'gov';
}

/** Roles that write capacity reports at all. */
export function canReportCapacity(actor: Actor): boolean {
  return actor.role === 'platform_admin' || actor.role === 'gov' || (actor.role === 'member' && actor.orgUscc !== null);
}

/** Read or write the months of this enterprise. */
export function canAccessEnterpriseCapacity(actor: Actor, enterprise: { uscc: string; regionCode: string }): boolean {
  if (actor.role === 'member') return actor.orgUscc !== null && actor.orgUscc === enterprise.uscc;
  return canMonitorCapacity(actor) && isInRegionScope(actor, enterprise.regionCode);
}
