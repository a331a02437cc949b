import type { UserView } from '../../contracts/auth';

// The server decides every access; these only choose what the UI offers.

/** Government staff and admins keep the enterprise registry. */
export function canManageEnterprises(user: UserView): boolean {
  return user.role === 'platform_admin' || user.role === 'gov';
}

/** Only platform admins manage accounts. */
export function canManageUsers(user: UserView): boolean {
  return user.role === 'platform_admin';
}

/** Registry keepers, and members for their own enterprise. */
export function canEditEnterprise(user: UserView, uscc: string): boolean {
  return canManageEnterprises(user) || (user.role === 'member' && user.org?.uscc === uscc);
}

/** Region subtree a user works in (null: no limit). */
export function regionScope(user: UserView): string | null {
  return user.role === 'gov' ? user.regionCode : null;
}
