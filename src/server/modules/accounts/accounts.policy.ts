import type { Actor } from '../../platform/actor.js';

/** Only platform admins create and list users. */
export function canManageUsers(actor: Actor): boolean {
  return actor.role === 'platform_admin';
}
