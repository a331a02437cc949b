/** Who may do what with fairs. Pure functions of the actor and the row. */
import type { Actor } from '../../platform/actor.js';
import { isInRegionScope } from '../../platform/scope.js';

/** Organisers: gov users whose scope contains the fair's region, and platform admins. */
export function isOrganiser(actor: Actor, fair: { regionCode: string }): boolean {
  return (actor.role === 'gov' || actor.role === 'platform_admin') && isInRegionScope(actor, fair.regionCode);
}

/** Creating a fair in a region: gov users of the region (or above) and admins. */
export function canCreateFairIn(actor: Actor, regionCode: string): boolean {
  return isOrganiser(actor, { regionCode });
}

/** Registering an enterprise: its own members, or organisers for an enterprise in their scope. */
export function canRegister(actor: Actor, enterprise: { uscc: string; regionCode: string }): boolean {
  if (actor.role === 'member') return actor.orgUscc === enterprise.uscc;
  return (actor.role === 'gov' || actor.role === 'platform_admin') && isInRegionScope(actor, enterprise.regionCode);
}

/** Acting for a registration (cancel, wishes, timetable, outcomes): its enterprise's members, or the fair's organisers. */
export function canActFor(actor: Actor, fair: { regionCode: string }, registration: { uscc: string }): boolean {
  return (actor.role === 'member' && actor.orgUscc === registration.uscc) || isOrganiser(actor, fair);
}
