/** Who may do what with challenges and shared resources. Pure functions of the actor and the row. */
import type { Actor } from '../../platform/actor.js';
import { isInRegionScope } from '../../platform/scope.js';

/** The owner side of a challenge or resource: the owning organisation and its region. */
export interface OwnedRow {
  ownerOrgId: string | null;
  regionCode: string;
}

/** Members of the owning organisation. */
export function isOwnerMember(actor: Actor, row: OwnedRow): boolean {
  return actor.role === 'member' && actor.orgId !== null && actor.orgId === row.ownerOrgId;
}

/** Gov users whose scope holds the row's region, and platform admins. */
export function isGovInScope(actor: Actor, row: OwnedRow): boolean {
  return (actor.role === 'gov' || actor.role === 'platform_admin') && isInRegionScope(actor, row.regionCode);
}

/** Managing a challenge (Q&A answers, assignment, shortlist, award, milestones) or a resource (bookings). */
export function canManage(actor: Actor, row: OwnedRow): boolean {
  return isOwnerMember(actor, row) || isGovInScope(actor, row);
}

/**
 * The publisher of a challenge: members of the posting organisation; for a challenge posted by a
 * department (or for an enterprise without accounts), gov users in scope; platform admins in scope.
 * Only the publisher cancels a challenge or sets its review's disagreement threshold.
 */
export function isPublisher(actor: Actor, row: OwnedRow): boolean {
  if (row.ownerOrgId !== null) return isOwnerMember(actor, row) || (actor.role === 'platform_admin' && isInRegionScope(actor, row.regionCode));
  return isGovInScope(actor, row);
}

/** Reading the confidential part of a challenge: its managers and organisations that accepted the NDA. */
export function canReadConfidential(actor: Actor, row: OwnedRow & { isConfidential: boolean }, hasAcceptedNda: boolean): boolean {
  return !row.isConfidential || hasAcceptedNda || canManage(actor, row);
}
