import type { Actor } from './actor.js';
import { REGION_ROOT, isRegionWithin, regionPrefix } from './regions.js';

/**
 * The region subtree an actor may see in region-scoped registries: all for platform admins,
 * the gov user's region and below, nothing for others (they see only what they own).
 */
export type RegionScope = { kind: 'all' } | { kind: 'prefix'; prefix: string; regionCode: string } | { kind: 'none' };

/** Region scope of an actor (see {@link RegionScope}). */
export function regionScopeOf(actor: Actor): RegionScope {
  if (actor.role === 'platform_admin') {
    return { kind: 'all' };
  }
  if (actor.role === 'gov' && actor.regionCode) {
    if (actor.regionCode === REGION_ROOT) {
      return { kind: 'all' };
    }
    return { kind: 'prefix', prefix: regionPrefix(actor.regionCode), regionCode: actor.regionCode };
  }
  return { kind: 'none' };
}

/** True when `regionCode` lies in the actor's region scope. */
export function isInRegionScope(actor: Actor, regionCode: string): boolean {
  const scope = regionScopeOf(actor);
  if (scope.kind === 'all') {
    return true;
  }
  if (scope.kind === 'none') {
    return false;
  }
  return isRegionWithin(regionCode, scope.regionCode);
}
