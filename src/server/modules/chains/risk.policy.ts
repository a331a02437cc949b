import type { Actor } from '../../platform/actor.js';
import { isRegionWithin } from '../../platform/regions.js';
import { isInRegionScope } from '../../platform/scope.js';

/**
 * Who works with risk events.
 * - Record events, change an incident's status, add notes: platform admins; gov users for
 *   events whose region lies in their scope.
 * - Read an event (and its impact): admins; gov users whose scope holds the event's region;
 *   members for events on their own enterprise, on its suppliers (upstream in the supply graph,
 *   over edges they may see), on a region holding their enterprise, or that sent them an alert.
 *   Everything else is 404.
 */

/** Roles that record risk events at all. */
export function canRecordEvents(actor: Actor): boolean {
  return actor.role === 'platform_admin' || actor.role === 'gov';
}

/** Record an event on (or for) this region. */
export function canRecordIn(actor: Actor, regionCode: string): boolean {
  return canRecordEvents(actor) && isInRegionScope(actor, regionCode);
}

/** Change the status of an event's incident record and add notes. */
export function canManageEvent(actor: Actor, event: { regionCode: string }): boolean {
  return canRecordIn(actor, event.regionCode);
}

/** What a member's view of events rests on (gathered by the service from the graph and alerts). */
export interface MemberView {
  /** Own enterprise id, and the ids of its suppliers up to the tier limit. */
  enterpriseIds: ReadonlySet<string>;
  ownRegionCode: string | null;
  /** Events that sent the user an alert. */
  alertedEventIds: ReadonlySet<string>;
}

/** Read an event. `member` is needed for members only. */
export function canReadEvent(actor: Actor, event: { id: string; regionCode: string; enterpriseId: string | null; isRegionEvent: boolean }, member?: MemberView): boolean {
  if (actor.role === 'platform_admin' || actor.role === 'gov') {
    return isInRegionScope(actor, event.regionCode);
  }
  if (actor.role !== 'member' || !member) {
    return false;
  }
  if (member.alertedEventIds.has(event.id)) {
    return true;
  }
  if (event.enterpriseId !== null) {
    return member.enterpriseIds.has(event.enterpriseId);
  }
  return event.isRegionEvent && member.ownRegionCode !== null && isRegionWithin(member.ownRegionCode, event.regionCode);
}

/** Whether an enterprise (by region) shows by name in an impact or alert to this actor. */
export function canSeeEnterpriseInImpact(actor: Actor, enterprise: { id: string; regionCode: string }, member?: MemberView): boolean {
  if (actor.role === 'member') {
    return member?.enterpriseIds.has(enterprise.id) ?? false;
  }
  return (actor.role === 'platform_admin' || actor.role === 'gov') && isInRegionScope(actor, enterprise.regionCode);
}

/** Edit the risk-score settings. */
export function canEditScoreSettings(actor: Actor): boolean {
  return actor.role === 'platform_admin';
}
