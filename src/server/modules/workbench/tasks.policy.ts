/** Who may do what with tasks down the hierarchy (pure). See ADR 0014. */
import type { Actor } from '../../platform/actor.js';
import { REGION_ROOT, isRegionWithin } from '../../platform/regions.js';

/** Gov users and admins work with tasks; members and experts see none. */
export function canUseTasks(actor: Actor): boolean {
  return actor.role === 'platform_admin' || (actor.role === 'gov' && actor.regionCode !== null);
}

/**
 * The task belongs to the actor's own level: a gov user of exactly the task's region (the one who
 * accepts, decomposes and reports it), or an admin. Higher levels see it, remind and read its roll-up.
 */
export function isOwnTask(actor: Actor, task: { regionCode: string }): boolean {
  return actor.role === 'platform_admin' || (actor.role === 'gov' && actor.regionCode === task.regionCode);
}

/** A sub-task's region lies strictly below the parent's region and within the actor's scope. */
export function canDispatchTo(actor: Actor, parentRegion: string, childRegion: string): boolean {
  if (childRegion === parentRegion || childRegion === REGION_ROOT || !isRegionWithin(childRegion, parentRegion)) return false;
  if (actor.role === 'platform_admin') return true;
  return actor.role === 'gov' && actor.regionCode !== null && isRegionWithin(childRegion, actor.regionCode);
}
