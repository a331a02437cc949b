import { ChangePasswordBody, CreateUserBody, LoginBody, LoginResult, ResetPasswordBody, RevokeAllBody, RevokeAllResult, SessionView, UserIdParams, UserSessionsEnded, UserView } from '../../../contracts/auth.js';
import { Page, PageQuery } from '../../../contracts/common.js';
import { SESSION_COOKIE, requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { presentSession, presentUser } from './accounts.present.js';
import { changeOwnPassword, createUser, getCurrentUser, listOwnSessions, listUserSessions, listUsers, login, logout, resetUserPassword, revokeOwnSessions, revokeUserSessions, setUserDisabled, type UserSessionsOutcome } from './accounts.service.js';

/** After an admin action that ended a user's sessions: evict them from this node's cache and present. */
function endedSessions(ctx: AppContext, outcome: UserSessionsOutcome) {
  ctx.sessionCache.evictUser(outcome.user.id);
  return { user: presentUser(outcome.user), revoked: outcome.revoked };
}

/** `/api/v1/auth/*` and `/api/v1/users`. */
export function accountsRoutes(ctx: AppContext) {
  return async (app: App) => {
    app.post('/api/v1/auth/login', {
      schema: {
        tags: ['auth'],
        summary: 'Log in 登录',
        description: 'Checks the password and opens a session. Returns a token for `Authorization: Bearer` and also sets the web session cookie. Failed attempts are rate-limited per username and per client.',
        body: LoginBody,
        response: { 200: LoginResult },
      },
    }, async (request, reply) => {
      const outcome = await login(
        ctx.db,
        { username: request.body.username, password: request.body.password, clientKey: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: request.id },
        { limiter: ctx.limiter, sessionTtlMs: ctx.config.sessionTtlMs },
      );
      reply.setCookie(SESSION_COOKIE, outcome.token, { path: '/', httpOnly: true, sameSite: 'lax', expires: outcome.expiresAt });
      return { token: outcome.token, expiresAt: outcome.expiresAt.toISOString(), user: presentUser(outcome.user) };
    });

    app.post('/api/v1/auth/logout', {
      schema: { tags: ['auth'], summary: 'Log out 退出登录', description: 'Ends the current session (cookie or bearer token).' },
    }, async (request, reply) => {
      if (request.sessionToken) {
        await logout(ctx.db, request.sessionToken);
        ctx.sessionCache.evict(request.sessionToken);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    });

    app.get('/api/v1/auth/me', {
      schema: { tags: ['auth'], summary: 'Current user 当前用户', response: { 200: UserView } },
    }, async (request) => {
      return presentUser(await getCurrentUser(ctx.db, requireActor(request)));
    });

    app.post('/api/v1/users', {
      schema: {
        tags: ['users'],
        summary: 'Create a user 创建用户',
        description: 'Platform admins only. `gov` users need `regionCode` (their scope: that region and everything below it; `000000` = whole country). `member` users need `orgUscc`; the organisation is created from the enterprise registry on first use.',
        body: CreateUserBody,
        response: { 201: UserView },
      },
    }, async (request, reply) => {
      const user = await createUser(ctx.db, requireActor(request), request.body, request.id);
      return reply.code(201).send(presentUser(user));
    });

    app.get('/api/v1/users', {
      schema: { tags: ['users'], summary: 'List users 用户列表', querystring: PageQuery, response: { 200: Page(UserView) } },
    }, async (request) => {
      const page = await listUsers(ctx.db, requireActor(request), request.query);
      return { items: page.items.map(presentUser), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/auth/sessions', {
      schema: {
        tags: ['auth'],
        summary: 'My sessions 我的登录会话',
        description: 'The caller’s own live sessions, newest first: when each was opened and last used, the browser (user agent) and client address at log-in, and which one is the current. Never a token.',
        querystring: PageQuery,
        response: { 200: Page(SessionView) },
      },
    }, async (request) => {
      const page = await listOwnSessions(ctx.db, requireActor(request), request.sessionToken, request.query);
      return { items: page.items.map(presentSession), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/auth/sessions/revoke-all', {
      schema: {
        tags: ['auth'],
        summary: 'Sign out everywhere 退出所有设备',
        description: 'Ends every session of the caller except the current one (the caller stays signed in where they clicked); with `includeCurrent: true` the current one ends too and the cookie is cleared. Ended tokens answer 401 at once on this node and within 5 s on other nodes (their session cache). Leaves a `session.revoke_all` audit entry.',
        body: RevokeAllBody,
        response: { 200: RevokeAllResult },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const revoked = await revokeOwnSessions(ctx.db, actor, request.sessionToken, { includeCurrent: request.body.includeCurrent }, request.id);
      ctx.sessionCache.evictUser(actor.userId);
      if (request.body.includeCurrent) {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
      return { revoked };
    });

    app.get('/api/v1/users/:id/sessions', {
      schema: {
        tags: ['users'],
        summary: 'Sessions of a user 用户的登录会话',
        description: 'Platform admins only: the live sessions of one user, newest first (never a token). Anyone else, and an unknown id, get 404.',
        params: UserIdParams,
        querystring: PageQuery,
        response: { 200: Page(SessionView) },
      },
    }, async (request) => {
      const page = await listUserSessions(ctx.db, requireActor(request), request.params.id, request.sessionToken, request.query);
      return { items: page.items.map(presentSession), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/users/:id/sessions/revoke-all', {
      schema: {
        tags: ['users'],
        summary: 'Sign a user out everywhere 强制用户下线',
        description: 'Platform admins only: ends every session of the user (all devices; for the admin’s own id, the current session too). Anyone else, and an unknown id, get 404. Leaves a `session.revoke_all` audit entry. Ended tokens answer 401 at once on this node and within 5 s on other nodes.',
        params: UserIdParams,
        response: { 200: RevokeAllResult },
      },
    }, async (request) => {
      const outcome = await revokeUserSessions(ctx.db, requireActor(request), request.params.id, request.id);
      ctx.sessionCache.evictUser(outcome.user.id);
      return { revoked: outcome.revoked };
    });

    app.post('/api/v1/users/:id/disable', {
      schema: {
        tags: ['users'],
        summary: 'Disable a user 停用用户',
        description: 'Platform admins only: the user can no longer log in (a log-in answers exactly like a wrong password) and every session of the user ends in the same transaction. Ended tokens answer 401 at once on this node and within 5 s on other nodes (their session cache). Idempotent; leaves a `user.disable` audit entry. An admin cannot disable their own account (409). Anyone else, and an unknown id, get 404.',
        params: UserIdParams,
        response: { 200: UserSessionsEnded },
      },
    }, async (request) => endedSessions(ctx, await setUserDisabled(ctx.db, requireActor(request), request.params.id, true, request.id)));

    app.post('/api/v1/users/:id/enable', {
      schema: {
        tags: ['users'],
        summary: 'Enable a user 启用用户',
        description: 'Platform admins only: a disabled user can log in again with their password (no session is restored). Idempotent; leaves a `user.enable` audit entry. Anyone else, and an unknown id, get 404.',
        params: UserIdParams,
        response: { 200: UserSessionsEnded },
      },
    }, async (request) => endedSessions(ctx, await setUserDisabled(ctx.db, requireActor(request), request.params.id, false, request.id)));

    app.post('/api/v1/users/:id/password', {
      schema: {
        tags: ['users'],
        summary: 'Reset a user’s password 重置用户密码',
        description: 'Platform admins only: sets a new password (argon2id; the password rules of user creation, 422 naming `password`) and ends every session of the user in the same transaction (for the admin’s own id, the current session too). Ended tokens answer 401 at once on this node and within 5 s on other nodes. Leaves a `user.password_reset` audit entry without the password. Anyone else, and an unknown id, get 404.',
        params: UserIdParams,
        body: ResetPasswordBody,
        response: { 200: UserSessionsEnded },
      },
    }, async (request) => endedSessions(ctx, await resetUserPassword(ctx.db, requireActor(request), request.params.id, request.body.password, request.id)));

    app.post('/api/v1/auth/password', {
      schema: {
        tags: ['auth'],
        summary: 'Change my password 修改密码',
        description: 'The caller changes their own password: `currentPassword` must be right (422 naming it otherwise; repeated failures are rate-limited like log-ins, 429), `newPassword` follows the rules of user creation and differs from the current one. The current session stays; every other session of the caller ends in the same transaction (401 at once on this node, within 5 s on other nodes). Leaves a `user.password_change` audit entry without the password.',
        body: ChangePasswordBody,
        response: { 200: RevokeAllResult },
      },
    }, async (request) => {
      const actor = requireActor(request);
      const revoked = await changeOwnPassword(ctx.db, actor, request.sessionToken, request.body, { limiter: ctx.limiter }, request.id);
      ctx.sessionCache.evictUser(actor.userId);
      return { revoked };
    });
  };
}
