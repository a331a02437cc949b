import type { Actor } from '../../platform/actor.js';
import { isInRegionScope, regionScopeOf, type RegionScope } from '../../platform/scope.js';

/**
 * Who reads the registry: platform admins everything, gov users their region subtree,
 * organisation members only their own enterprise, experts and the public nothing.
 */
export function readScopeOf(actor: Actor): { scope: RegionScope; onlyUscc?: string } {
  const scope = regionScopeOf(actor);
  if (actor.role === 'member') {
    return { scope: { kind: 'all' }, onlyUscc: actor.orgUscc ?? '\u0000' };
  }
  return { scope };
}

/** True when the actor owns the enterprise (is a member of its organisation). */
export function isOwnEnterprise(actor: Actor, uscc: string): boolean {
  return actor.role === 'member' && actor.orgUscc === uscc;
}

/** Restricted fields (contacts, financials): own members, gov users in scope, admins. */
export function canSeeRestricted(actor: Actor, enterprise: { uscc: string; regionCode: string }): boolean {
  return isOwnEnterprise(actor, enterprise.uscc) || (actor.role !== 'member' && isInRegionScope(actor, enterprise.regionCode));
}

/** Registering enterprises and importing lists: admins, and gov users inside their region. */
export function canRegisterIn(actor: Actor, regionCode: string): boolean {
  return (actor.role === 'platform_admin' || actor.role === 'gov') && isInRegionScope(actor, regionCode);
}

/** Whether the actor may import at all (rows are then checked one by one with {@link canRegisterIn}). */
export function canImport(actor: Actor): boolean {
  return actor.role === 'platform_admin' || actor.role === 'gov';
}

/** Fields an enterprise's own members may edit: the profile, not the registration facts or official tags. */
export const MEMBER_EDITABLE_FIELDS = ['products', 'capabilities', 'certifications', 'contacts', 'financials', 'employees', 'revenue', 'assets', 'year'] as const;
