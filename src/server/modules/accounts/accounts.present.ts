import type { SessionView, UserView } from '../../../contracts/auth.js';
import type { OrgKind, Role } from '../../../contracts/auth.js';
import { regionFullName } from '../../platform/regions.js';
import type { UserRecord } from './accounts.repo.js';
import type { SessionOfUser } from './accounts.service.js';

/** A user as the API shows it (never the password hash). */
export function presentUser(user: UserRecord): UserView {
  return {
    id: Number(user.id),
    username: user.username,
    displayName: user.displayName,
    role: user.role as Role,
    regionCode: user.regionCode,
    regionName: user.regionCode ? (user.regionCode === '000000' ? '全国' : regionFullName(user.regionCode) ?? null) : null,
    org: user.org ? { id: Number(user.org.id), uscc: user.org.uscc, name: user.org.name, kind: user.org.kind as OrgKind } : null,
    createdAt: user.createdAt.toISOString(),
    isDisabled: user.isDisabled,
  };
}

/** A session as the API shows it (never the token nor its hash). */
export function presentSession(session: SessionOfUser): SessionView {
  return {
    id: Number(session.id),
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    userAgent: session.userAgent,
    clientIp: session.clientIp,
    isCurrent: session.isCurrent,
  };
}
