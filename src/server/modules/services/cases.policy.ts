/** Who may do what with a typical case. Pure functions of the actor and the row. */
import type { Actor } from '../../platform/actor.js';
import { isInRegionScope } from '../../platform/scope.js';

/** The parts of a case the rules look at. */
export interface CaseRow {
  status: string;
  regionCode: string;
  ownerOrgId: string | null;
}

/** Gov users whose scope holds the case's region, and platform admins. */
export function isGovInScope(actor: Actor, row: CaseRow): boolean {
  return (actor.role === 'gov' || actor.role === 'platform_admin') && isInRegionScope(actor, row.regionCode);
}

/** Members of the submitting organisation; gov in scope for gov-authored cases (no organisation). */
export function isCaseAuthor(actor: Actor, row: CaseRow): boolean {
  if (row.ownerOrgId !== null) return actor.role === 'member' && actor.orgId === row.ownerOrgId;
  return isGovInScope(actor, row);
}

/** Reading a case: anyone once published; before, its authors and gov in scope. */
export function canReadCase(actor: Actor | undefined, row: CaseRow): boolean {
  if (row.status === 'published') return true;
  return actor !== undefined && (isCaseAuthor(actor, row) || isGovInScope(actor, row));
}

/** Editing, attaching files and submitting: its authors while draft or returned. */
export function canEditCase(actor: Actor, row: CaseRow): boolean {
  return (row.status === 'draft' || row.status === 'returned') && isCaseAuthor(actor, row);
}

/** Returning or publishing: gov of the case's region (or above) while submitted. */
export function canReviewCase(actor: Actor, row: CaseRow): boolean {
  return row.status === 'submitted' && isGovInScope(actor, row);
}
