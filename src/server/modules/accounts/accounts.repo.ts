import type { Db, Tx } from '../../db/database.js';

/** A user with the organisation it belongs to, as the service needs it. */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string | null;
  passwordHash: string;
  role: string;
  regionCode: string | null;
  isDisabled: boolean;
  createdAt: Date;
  org: { id: string; uscc: string | null; name: string; kind: string } | null;
}

export interface OrgRecord {
  id: string;
  uscc: string | null;
  name: string;
  kind: string;
  regionCode: string;
}

function userQuery(db: Db | Tx) {
  return db
    .selectFrom('users as u')
    .leftJoin('organisations as o', 'o.id', 'u.org_id')
    .select([
      'u.id', 'u.username', 'u.display_name', 'u.password_hash', 'u.role', 'u.region_code', 'u.is_disabled', 'u.created_at',
      'o.id as org_id', 'o.uscc as org_uscc', 'o.name as org_name', 'o.kind as org_kind',
    ]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>;

function toUser(r: UserRow): UserRecord {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    role: r.role,
    regionCode: r.region_code,
    isDisabled: r.is_disabled,
    createdAt: r.created_at,
    org: r.org_id ? { id: r.org_id, uscc: r.org_uscc, name: r.org_name ?? '', kind: r.org_kind ?? 'sme' } : null,
  };
}

/** The user with this username (case-insensitive), if any. */
export async function selectUserByUsername(db: Db | Tx, username: string): Promise<UserRecord | undefined> {
  const row = await userQuery(db).where((eb) => eb(eb.fn('lower', ['u.username']), '=', username.toLowerCase())).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** The user of a live (unexpired) session, if any. */
export async function selectUserBySession(db: Db, tokenHash: Buffer, now: Date): Promise<(UserRecord & { expiresAt: Date; lastSeenAt: Date }) | undefined> {
  const row = await userQuery(db)
    .innerJoin('sessions as s', 's.user_id', 'u.id')
    .select(['s.expires_at', 's.last_seen_at'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .where('u.is_disabled', '=', false)
    .executeTakeFirst();
  return row ? { ...toUser(row), expiresAt: row.expires_at, lastSeenAt: row.last_seen_at } : undefined;
}

export async function insertSession(db: Db | Tx, session: { tokenHash: Buffer; userId: string; expiresAt: Date; userAgent: string | null; clientIp: string | null }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ token_hash: session.tokenHash, user_id: session.userId, expires_at: session.expiresAt, user_agent: session.userAgent, client_ip: session.clientIp })
    .execute();
}

/** A stored session; `tokenHash` only to tell the caller's own session apart, never shown. */
export interface SessionRecord {
  id: string;
  tokenHash: Buffer;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  clientIp: string | null;
}

/** A page of a user's live sessions, newest first (keyset on id, descending). */
export async function selectSessions(db: Db, userId: string, beforeId: string | undefined, limit: number, now: Date): Promise<SessionRecord[]> {
  let query = db
    .selectFrom('sessions')
    .select(['id', 'token_hash', 'created_at', 'last_seen_at', 'expires_at', 'user_agent', 'client_ip'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now);
  if (beforeId) {
    query = query.where('id', '<', beforeId);
  }
  const rows = await query.orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, tokenHash: r.token_hash, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at, userAgent: r.user_agent, clientIp: r.client_ip }));
}

/** End every session of a user, except the one with `keepTokenHash` when given; returns how many. */
export async function deleteUserSessions(tx: Tx, userId: string, keepTokenHash: Buffer | undefined): Promise<number> {
  let query = tx.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepTokenHash) {
    query = query.where('token_hash', '<>', keepTokenHash);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Note activity on a session, at most once a minute per session (cheap on the hot path). */
export async function touchSession(db: Db, tokenHash: Buffer, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now })
    .where('token_hash', '=', tokenHash)
    .where('last_seen_at', '<', new Date(now.getTime() - 60_000))
    .execute();
}

export async function deleteSession(db: Db, tokenHash: Buffer): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Remove expired sessions; returns how many. */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertUser(
  tx: Tx,
  user: { username: string; displayName: string | null; passwordHash: string; role: string; regionCode: string | null; orgId: string | null },
): Promise<string> {
  const row = await tx
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      role: user.role,
      region_code: user.regionCode,
      org_id: user.orgId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePasswordHash(db: Db | Tx, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

/** Set whether a user is disabled; returns whether the flag changed (false when it already had that value). */
export async function updateUserDisabled(tx: Tx, userId: string, isDisabled: boolean): Promise<boolean> {
  const result = await tx.updateTable('users').set({ is_disabled: isDisabled }).where('id', '=', userId).where('is_disabled', '<>', isDisabled).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A page of users ordered by id. */
export async function selectUsers(db: Db, afterId: string | undefined, limit: number): Promise<UserRecord[]> {
  let query = userQuery(db);
  if (afterId) {
    query = query.where('u.id', '>', afterId);
  }
  return (await query.orderBy('u.id').limit(limit).execute()).map(toUser);
}

export async function selectUserById(db: Db | Tx, id: string): Promise<UserRecord | undefined> {
  const row = await userQuery(db).where('u.id', '=', id).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function selectOrgByUscc(db: Db | Tx, uscc: string): Promise<OrgRecord | undefined> {
  const row = await db.selectFrom('organisations').select(['id', 'uscc', 'name', 'kind', 'region_code']).where('uscc', '=', uscc).executeTakeFirst();
  return row ? { id: row.id, uscc: row.uscc, name: row.name, kind: row.kind, regionCode: row.region_code } : undefined;
}

export async function insertOrg(tx: Tx, org: Omit<OrgRecord, 'id'>): Promise<string> {
  const row = await tx
    .insertInto('organisations')
    .values({ uscc: org.uscc, name: org.name, kind: org.kind, region_code: org.regionCode })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Number of users; used to decide whether the admin must be created. */
export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
