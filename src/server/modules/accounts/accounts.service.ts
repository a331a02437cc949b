import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { passwordContainsUsername, type ChangePasswordBody, type CreateUserBody, type OrgKind, type Role } from '../../../contracts/auth.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { REGION_ROOT, findRegion } from '../../platform/regions.js';
import { normaliseUscc, validateUscc } from '../../platform/uscc.js';
import { recordWrites } from '../audit/index.js';
import { findEnterpriseBrief } from '../enterprises/index.js';
import { canManageUsers } from './accounts.policy.js';
import * as repo from './accounts.repo.js';

/** argon2id parameters (OWASP: m=19 MiB, t=2, p=1). */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, algorithm: 2 as const };

/** Hash a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

function tokenHash(token: string): Buffer {
  return crypto.createHash('sha256').update(token).digest();
}

/** Turn a stored user into the actor that policies see. */
export function actorOf(user: repo.UserRecord): Actor {
  return {
    userId: user.id,
    username: user.username,
    label: user.displayName ? `${user.displayName} (${user.username})` : user.username,
    role: user.role as Role,
    regionCode: user.regionCode,
    orgId: user.org?.id ?? null,
    orgUscc: user.org?.uscc ?? null,
  };
}

/**
 * Fixed-window limiter of failed log-ins per username and per client address, in memory
 * (per node; several nodes each apply the limit).
 */
export class LoginLimiter {
  private readonly hits = new Map<string, { windowStart: number; count: number }>();
  constructor(private readonly maxPerMinute: number) {}

  /** @throws rate_limited when `key` has failed too often in the current minute. */
  check(key: string, now = Date.now()): void {
    const entry = this.hits.get(key);
    if (entry && now - entry.windowStart < 60_000 && entry.count >= this.maxPerMinute) {
      throw new AppError('rate_limited', 'Too many failed log-ins', { userMessage: '登录失败次数过多，请一分钟后再试' });
    }
  }

  fail(key: string, now = Date.now()): void {
    const entry = this.hits.get(key);
    if (!entry || now - entry.windowStart >= 60_000) {
      this.hits.set(key, { windowStart: now, count: 1 });
    } else {
      entry.count += 1;
    }
    if (this.hits.size > 100_000) {
      this.hits.clear(); // bounded memory under a flood of distinct keys
    }
  }

  reset(key: string): void {
    this.hits.delete(key);
  }
}

/** Session of a logged-in user. */
export interface LoginOutcome {
  token: string;
  expiresAt: Date;
  user: repo.UserRecord;
}

/**
 * Check a username and password and open a session.
 * @throws unauthenticated on a wrong username or password (same message for both).
 * @throws rate_limited after too many failures.
 */
export async function login(
  db: Db,
  input: { username: string; password: string; clientKey: string; userAgent: string | null; requestId?: string },
  options: { limiter: LoginLimiter; sessionTtlMs: number; now?: Date },
): Promise<LoginOutcome> {
  const keys = [`u:${input.username.toLowerCase()}`, `ip:${input.clientKey}`];
  keys.forEach((k) => options.limiter.check(k));
  const user = await repo.selectUserByUsername(db, input.username);
  // Verify against a dummy hash when the user is unknown, so timing does not reveal usernames.
  dummyHash ??= hashPassword('dummy-password-for-timing');
  const isValid = user && !user.isDisabled ? await verify(user.passwordHash, input.password) : (await verify(await dummyHash, input.password), false);
  if (!user || !isValid) {
    keys.forEach((k) => options.limiter.fail(k));
    throw new AppError('unauthenticated', 'Wrong username or password', { userMessage: '用户名或密码错误' });
  }
  keys.forEach((k) => options.limiter.reset(k));
  const token = crypto.randomBytes(32).toString('base64url');
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + options.sessionTtlMs);
  await db.transaction().execute(async (tx) => {
    await repo.insertSession(tx, { tokenHash: tokenHash(token), userId: user.id, expiresAt, userAgent: input.userAgent, clientIp: input.clientKey });
    await recordWrites(tx, { actor: actorOf(user), requestId: input.requestId }, [
      { action: 'session.login', entityType: 'user', entityKey: user.username, regionCode: user.regionCode, after: { client: input.clientKey, userAgent: input.userAgent, expiresAt: expiresAt.toISOString() } },
    ]);
  });
  return { token, expiresAt, user };
}

/** End a session. Unknown tokens are ignored. */
export async function logout(db: Db, token: string): Promise<void> {
  await repo.deleteSession(db, tokenHash(token));
}

/** The user of a session token, if the session is live. */
export async function findSessionUser(db: Db, token: string, now = new Date()): Promise<(repo.UserRecord & { expiresAt: Date }) | undefined> {
  if (token.length < 20 || token.length > 100) {
    return undefined;
  }
  const hashed = tokenHash(token);
  const user = await repo.selectUserBySession(db, hashed, now);
  if (user && now.getTime() - user.lastSeenAt.getTime() > 60_000) {
    await repo.touchSession(db, hashed, now);
  }
  return user;
}

/** A live session as the service hands it to the presenter. */
export interface SessionOfUser extends Omit<repo.SessionRecord, 'tokenHash'> {
  isCurrent: boolean;
}

async function sessionPage(db: Db, userId: string, currentToken: string | undefined, page: { cursor?: string; limit: number }): Promise<{ items: SessionOfUser[]; nextCursor: string | null }> {
  const current = currentToken ? tokenHash(currentToken) : undefined;
  const rows = await repo.selectSessions(db, userId, decodeCursor(page.cursor), page.limit + 1, new Date());
  const items = rows.slice(0, page.limit).map(({ tokenHash: hashed, ...rest }) => ({ ...rest, isCurrent: current !== undefined && hashed.equals(current) }));
  return { items, nextCursor: rows.length > page.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** The caller's own live sessions, newest first. */
export function listOwnSessions(db: Db, actor: Actor, currentToken: string | undefined, page: { cursor?: string; limit: number }) {
  return sessionPage(db, actor.userId, currentToken, page);
}

/**
 * The user a platform admin manages sessions of.
 * @throws not_found for anyone else than a platform admin (another user's sessions are out of
 *   their scope, which looks exactly like an unknown user) and for an unknown id.
 */
async function managedUser(db: Db, actor: Actor, userId: string): Promise<repo.UserRecord> {
  const user = canManageUsers(actor) && /^\d{1,18}$/.test(userId) ? await repo.selectUserById(db, userId) : undefined;
  if (!user) {
    throw notFound('用户');
  }
  return user;
}

/** Live sessions of a user, for a platform admin. @throws not_found (see {@link managedUser}). */
export async function listUserSessions(db: Db, actor: Actor, userId: string, currentToken: string | undefined, page: { cursor?: string; limit: number }) {
  const user = await managedUser(db, actor, userId);
  return sessionPage(db, user.id, currentToken, page);
}

/** End sessions of `user` in one transaction with its audit entry; returns how many. */
async function revokeSessions(db: Db, actor: Actor, user: repo.UserRecord, keepToken: string | undefined, requestId: string | undefined): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const revoked = await repo.deleteUserSessions(tx, user.id, keepToken ? tokenHash(keepToken) : undefined);
    await recordWrites(tx, { actor, requestId }, [
      { action: 'session.revoke_all', entityType: 'user', entityKey: user.username, regionCode: user.regionCode, after: { revoked, keptCurrent: keepToken !== undefined } },
    ]);
    return revoked;
  });
}

/**
 * “Sign out everywhere”: end the caller's sessions. The current one stays unless
 * `includeCurrent`. The caller's cache entries on this node must be evicted by the route.
 */
export async function revokeOwnSessions(db: Db, actor: Actor, currentToken: string | undefined, options: { includeCurrent: boolean }, requestId?: string): Promise<number> {
  return revokeSessions(db, actor, await getCurrentUser(db, actor), options.includeCurrent ? undefined : currentToken, requestId);
}

/** A platform admin ends every session of another user (or of themself). @throws not_found (see {@link managedUser}). */
export async function revokeUserSessions(db: Db, actor: Actor, userId: string, requestId?: string): Promise<{ user: repo.UserRecord; revoked: number }> {
  const user = await managedUser(db, actor, userId);
  return { user, revoked: await revokeSessions(db, actor, user, undefined, requestId) };
}

/** A user after an admin action on the account, and how many of the user's sessions it ended. */
export interface UserSessionsOutcome {
  user: repo.UserRecord;
  revoked: number;
}

/**
 * Disable (`isDisabled`) or re-enable a user, as a platform admin. Disabling ends every session of
 * the user in the same transaction as the flag and its audit entry (`user.disable` /
 * `user.enable`, also when the flag already had that value); the route evicts this node's cache.
 * @throws not_found (see {@link managedUser}).
 * @throws invalid_state when an admin disables their own account (nobody could undo it from a
 *   locked-out platform).
 */
export async function setUserDisabled(db: Db, actor: Actor, userId: string, isDisabled: boolean, requestId?: string): Promise<UserSessionsOutcome> {
  const user = await managedUser(db, actor, userId);
  if (isDisabled && user.id === actor.userId) {
    throw new AppError('invalid_state', 'An admin cannot disable their own account', { userMessage: '不能停用自己的账户' });
  }
  const revoked = await db.transaction().execute(async (tx) => {
    const isChanged = await repo.updateUserDisabled(tx, user.id, isDisabled);
    const ended = isDisabled ? await repo.deleteUserSessions(tx, user.id, undefined) : 0;
    await recordWrites(tx, { actor, requestId }, [
      { action: isDisabled ? 'user.disable' : 'user.enable', entityType: 'user', entityKey: user.username, regionCode: user.regionCode, before: { isDisabled: isChanged ? !isDisabled : isDisabled }, after: { isDisabled, revokedSessions: ended } },
    ]);
    return ended;
  });
  return { user: { ...user, isDisabled }, revoked };
}

/** A validation problem on one field whose message is also the problem's detail (shown above the form). */
function fieldInvalid(path: string, message: string): AppError {
  return new AppError('validation_failed', 'Validation failed', { userMessage: message, errors: [{ path, message }] });
}

/**
 * Set a new password for `user` and end its sessions (all, or all but `keepToken`) in one
 * transaction with the audit entry `action` (which never holds the password nor its hash).
 * @throws validation_failed (`field`) when the password contains the username.
 */
async function replacePassword(db: Db, actor: Actor, user: repo.UserRecord, password: string, target: { field: string; keepToken?: string; action: string }, requestId: string | undefined): Promise<number> {
  if (passwordContainsUsername(password, user.username)) {
    throw fieldInvalid(target.field, '密码不能包含用户名');
  }
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (tx) => {
    await repo.updatePasswordHash(tx, user.id, passwordHash);
    const revoked = await repo.deleteUserSessions(tx, user.id, target.keepToken ? tokenHash(target.keepToken) : undefined);
    await recordWrites(tx, { actor, requestId }, [
      { action: target.action, entityType: 'user', entityKey: user.username, regionCode: user.regionCode, after: { revokedSessions: revoked, keptCurrent: target.keepToken !== undefined } },
    ]);
    return revoked;
  });
}

/**
 * A platform admin sets a user's password (audit `user.password_reset`); every session of the user
 * ends, the admin's own current one too when it is their own id.
 * @throws not_found (see {@link managedUser}).
 * @throws validation_failed naming `password` when it contains the username.
 */
export async function resetUserPassword(db: Db, actor: Actor, userId: string, password: string, requestId?: string): Promise<UserSessionsOutcome> {
  const user = await managedUser(db, actor, userId);
  return { user, revoked: await replacePassword(db, actor, user, password, { field: 'password', action: 'user.password_reset' }, requestId) };
}

/**
 * The caller changes their own password (audit `user.password_change`): the current session
 * stays, every other one ends. Wrong current passwords count against the log-in limiter.
 * @throws validation_failed naming `currentPassword` when it is wrong, `newPassword` when it
 *   contains the username or equals the current one.
 * @throws rate_limited after too many wrong current passwords in a minute.
 */
export async function changeOwnPassword(db: Db, actor: Actor, currentToken: string | undefined, body: ChangePasswordBody, options: { limiter: LoginLimiter }, requestId?: string): Promise<number> {
  const user = await getCurrentUser(db, actor);
  const key = `pw:${user.id}`;
  options.limiter.check(key);
  if (!(await verify(user.passwordHash, body.currentPassword))) {
    options.limiter.fail(key);
    throw fieldInvalid('currentPassword', '当前密码不正确');
  }
  options.limiter.reset(key);
  if (body.newPassword === body.currentPassword) {
    throw fieldInvalid('newPassword', '新密码不能与当前密码相同');
  }
  return replacePassword(db, actor, user, body.newPassword, { field: 'newPassword', keepToken: currentToken, action: 'user.password_change' }, requestId);
}

/**
 * The caller's own user record.
 * @throws unauthenticated when the user was deleted since the session began.
 */
export async function getCurrentUser(db: Db, actor: Actor): Promise<repo.UserRecord> {
  const user = await repo.selectUserById(db, actor.userId);
  if (!user) {
    throw new AppError('unauthenticated', 'User no longer exists', { userMessage: '请重新登录' });
  }
  return user;
}

/** Default organisation kind for an enterprise of a given size. */
function orgKindForSize(size: string | null): OrgKind {
  return size === 'large' ? 'large_enterprise' : 'sme';
}

/**
 * Create a user. `gov` needs a region; `member` needs the USCC of an organisation, which is
 * created from the enterprise registry when it does not exist yet.
 * @throws forbidden unless the actor is a platform admin.
 * @throws validation_failed naming each bad field.
 * @throws conflict when the username is taken.
 */
export async function createUser(db: Db, actor: Actor, body: CreateUserBody, requestId?: string): Promise<repo.UserRecord> {
  if (!canManageUsers(actor)) {
    throw new AppError('forbidden', 'Only platform admins create users', { userMessage: '仅平台管理员可以创建用户' });
  }
  const errors: FieldError[] = [];
  let regionCode: string | null = null;
  let orgUscc: string | undefined;
  if (body.role === 'gov') {
    if (!body.regionCode) {
      errors.push({ path: 'regionCode', message: '政府用户必须指定管辖的行政区划代码' });
    } else if (body.regionCode !== REGION_ROOT && !findRegion(body.regionCode)) {
      errors.push({ path: 'regionCode', message: `未知的行政区划代码 ${body.regionCode}` });
    } else {
      regionCode = body.regionCode;
    }
  }
  if (body.role === 'member') {
    if (!body.orgUscc) {
      errors.push({ path: 'orgUscc', message: '机构成员必须指定所属机构的统一社会信用代码' });
    } else {
      const check = validateUscc(body.orgUscc);
      if (!check.valid) {
        errors.push({ path: 'orgUscc', message: `统一社会信用代码无效：${check.reason}` });
      } else {
        orgUscc = check.code;
      }
    }
  }
  if (errors.length > 0) {
    throw invalid(errors);
  }
  if (await repo.selectUserByUsername(db, body.username)) {
    throw new AppError('conflict', 'Username taken', { userMessage: `用户名 ${body.username} 已被使用`, errors: [{ path: 'username', message: '用户名已被使用' }] });
  }
  const passwordHash = await hashPassword(body.password);
  const id = await db.transaction().execute(async (tx) => {
    let orgId: string | null = null;
    if (orgUscc) {
      const org = await repo.selectOrgByUscc(tx, orgUscc);
      if (org) {
        orgId = org.id;
      } else {
        const enterprise = await findEnterpriseBrief(tx, orgUscc);
        if (!enterprise) {
          throw invalid([{ path: 'orgUscc', message: `统一社会信用代码 ${orgUscc} 不在企业库中，请先登记该机构` }]);
        }
        orgId = await repo.insertOrg(tx, { uscc: orgUscc, name: enterprise.name, kind: body.orgKind ?? orgKindForSize(enterprise.size), regionCode: enterprise.regionCode });
        await recordWrites(tx, { actor, requestId }, [
          { action: 'organisation.create', entityType: 'organisation', entityKey: orgUscc, regionCode: enterprise.regionCode, after: { uscc: orgUscc, name: enterprise.name } },
        ]);
      }
    }
    const userId = await repo.insertUser(tx, { username: body.username, displayName: body.displayName ?? null, passwordHash, role: body.role, regionCode, orgId });
    await recordWrites(tx, { actor, requestId }, [
      { action: 'user.create', entityType: 'user', entityKey: body.username, regionCode, after: { username: body.username, role: body.role, regionCode, orgUscc: orgUscc ?? null } },
    ]);
    return userId;
  });
  const user = await repo.selectUserById(db, id);
  if (!user) {
    throw new AppError('internal', 'user vanished after insert');
  }
  return user;
}

/** A page of users. @throws forbidden unless platform admin. */
export async function listUsers(db: Db, actor: Actor, page: { cursor?: string; limit: number }): Promise<{ items: repo.UserRecord[]; nextCursor: string | null }> {
  if (!canManageUsers(actor)) {
    throw new AppError('forbidden', 'Only platform admins list users', { userMessage: '仅平台管理员可以查看用户' });
  }
  const rows = await repo.selectUsers(db, decodeCursor(page.cursor), page.limit + 1);
  const items = rows.slice(0, page.limit);
  return { items, nextCursor: rows.length > page.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/**
 * Make sure user `admin` exists. Returns the generated password when one had to be made
 * (no `XIESHOU_ADMIN_PASSWORD`), so that it can be printed once.
 */
export async function ensureAdmin(db: Db, configuredPassword: string | undefined): Promise<{ created: boolean; password?: string }> {
  const existing = await repo.selectUserByUsername(db, 'admin');
  if (existing) {
    return { created: false };
  }
  const password = configuredPassword ?? crypto.randomBytes(9).toString('base64url');
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    await repo.insertUser(tx, { username: 'admin', displayName: '平台管理员', passwordHash, role: 'platform_admin', regionCode: null, orgId: null });
  });
  return { created: true, password: configuredPassword ? undefined : password };
}

/** Remove expired sessions. */
export function purgeExpiredSessions(db: Db): Promise<number> {
  return repo.deleteExpiredSessions(db, new Date());
}
