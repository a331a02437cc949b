/**
 * Who may do what with chain maps (docs/adr/0006-chain-visibility.md): every signed-in user
 * reads every chain map (the region's public strategy, where SMEs look for their place); only
 * admins and gov users whose region scope holds the chain's region write it.
 */
import type { Actor } from '../../platform/actor.js';
import { isInRegionScope } from '../../platform/scope.js';

/** Creating chains at all: admins and gov users (the region is checked by {@link canWriteChain}). */
export function canCreateChains(actor: Actor): boolean {
  return actor.role === 'platform_admin' || actor.role === 'gov';
}

/** Editing a chain of `regionCode`: admins, and gov users whose scope contains the region. */
export function canWriteChain(actor: Actor, regionCode: string): boolean {
  return canCreateChains(actor) && isInRegionScope(actor, regionCode);
}
