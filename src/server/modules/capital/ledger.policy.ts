/** Who sees and records what in the payables ledger. A supplier never sees another supplier's ledger. */
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { regionScopeOf, isInRegionScope } from '../../platform/scope.js';
import { selectParty, type LedgerScope } from './ledger.repo.js';

/**
 * The ledger rows an actor reads: admins and the ministry all; a gov user the contracts whose
 * buyer or supplier lies in its region; a member those of its own enterprise (either side);
 * experts and members of organisations outside the registry (banks) none.
 */
export async function ledgerScopeOf(db: Db, actor: Actor): Promise<LedgerScope> {
  const region = regionScopeOf(actor);
  if (region.kind === 'all') return { kind: 'all' };
  if (region.kind === 'prefix') return { kind: 'region', prefix: region.prefix };
  if (actor.role === 'member' && actor.orgUscc) {
    const own = await selectParty(db, { uscc: actor.orgUscc });
    if (own && own.orgKind !== 'bank') return { kind: 'enterprise', enterpriseId: own.id };
  }
  return { kind: 'none' };
}

/** The parties of a contract and their regions. */
export interface ContractParties {
  buyerUscc: string;
  supplierUscc: string;
  regionCode: string;
  supplierRegionCode: string;
}

/** Entering contracts, deliveries and payments: members of either party, gov users whose region holds a party, admins. */
export function canRecord(actor: Actor, c: ContractParties): boolean {
  if (actor.role === 'member') return actor.orgUscc === c.buyerUscc || actor.orgUscc === c.supplierUscc;
  if (actor.role === 'gov' || actor.role === 'platform_admin') return isInRegionScope(actor, c.regionCode) || isInRegionScope(actor, c.supplierRegionCode);
  return false;
}

/** Recording acceptance: the buyer's members and admins (a supplier cannot accept its own delivery). */
export function canAccept(actor: Actor, c: Pick<ContractParties, 'buyerUscc'>): boolean {
  return actor.role === 'platform_admin' || (actor.role === 'member' && actor.orgUscc === c.buyerUscc);
}
