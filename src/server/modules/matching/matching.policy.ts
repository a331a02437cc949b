/** Who may do what with needs and offers. Pure functions of the actor and the row. */
import type { Actor } from '../../platform/actor.js';
import { REGION_ROOT, isRegionWithin } from '../../platform/regions.js';
import { isInRegionScope } from '../../platform/scope.js';

/** The owner side of a need or offer: its enterprise and that enterprise's region. */
export interface Owned {
  uscc: string;
  regionCode: string;
}

/** Members of the owner enterprise. */
export function isOwner(actor: Actor, row: Owned): boolean {
  return actor.role === 'member' && actor.orgUscc === row.uscc;
}

/** Gov users whose scope contains the owner's region, and platform admins. */
export function isGovInScope(actor: Actor, row: Owned): boolean {
  return (actor.role === 'gov' || actor.role === 'platform_admin') && isInRegionScope(actor, row.regionCode);
}

/** Posting or editing for an enterprise: its members, gov users in scope, admins. */
export function canManage(actor: Actor, row: Owned): boolean {
  return isOwner(actor, row) || isGovInScope(actor, row);
}

/** Reviewing (通过/退回) a submitted need: gov users in scope and admins, never the owner itself. */
export function canReview(actor: Actor, row: Owned): boolean {
  return isGovInScope(actor, row);
}

/** A published need's visibility, as the feed index applies it for an enterprise. */
export function isNeedVisibleTo(need: { visibility: string; regionCode: string | null; ownerRegionCode: string; invitedUsccs: readonly string[] }, viewer: { uscc: string; regionCode: string }): boolean {
  if (need.visibility === 'public') return true;
  if (need.visibility === 'invited') return need.invitedUsccs.includes(viewer.uscc);
  const region = need.regionCode ?? need.ownerRegionCode;
  return region === REGION_ROOT || isRegionWithin(viewer.regionCode, region);
}

/** Matches of a need (also before publication): its owner, gov in scope, admins. */
export function canSeeMatches(actor: Actor, row: Owned): boolean {
  return canManage(actor, row);
}
