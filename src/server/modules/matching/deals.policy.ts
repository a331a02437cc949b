/** Who may do what with matches and RFQs. Pure functions of the actor, its enterprise and the row. */
import type { MatchSide } from '../../../contracts/deals.js';
import type { Actor } from '../../platform/actor.js';
import { REGION_ROOT, regionPrefix } from '../../platform/regions.js';
import type { PartyScope } from './deals.repo.js';

/** The read scope of an actor whose own enterprise (members) has id `ownEnterpriseId`. */
export function partyScopeOf(actor: Actor, ownEnterpriseId: string | undefined): PartyScope {
  if (actor.role === 'platform_admin') return { kind: 'all' };
  if (actor.role === 'gov' && actor.regionCode) {
    return actor.regionCode === REGION_ROOT ? { kind: 'all' } : { kind: 'region', prefix: regionPrefix(actor.regionCode) };
  }
  if (actor.role === 'member' && ownEnterpriseId) return { kind: 'enterprise', enterpriseId: ownEnterpriseId };
  return { kind: 'none' };
}

/** The caller's side of a row it can read: its enterprise is the buyer or the supplier; otherwise an observer (gov, admin). */
export function sideOf(ownEnterpriseId: string | undefined, row: { buyerEnterpriseId: string; supplierEnterpriseId?: string }): MatchSide {
  if (ownEnterpriseId && ownEnterpriseId === row.buyerEnterpriseId) return 'buyer';
  if (ownEnterpriseId && ownEnterpriseId === row.supplierEnterpriseId) return 'supplier';
  return 'observer';
}

/** A quote's content is shown to its author at any time, and to the buyer and observers once the RFQ's deadline has passed. */
export function canReadQuote(side: MatchSide, isAuthor: boolean, isSealed: boolean): boolean {
  return isAuthor || (!isSealed && side !== 'supplier');
}
