import { CreateUserBody, LoginBody, LoginResult, UserView } from '../../../contracts/auth.js';
import { Page, PageQuery } from '../../../contracts/common.js';
import { SESSION_COOKIE, requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { presentUser } from './accounts.present.js';
import { createUser, getCurrentUser, listUsers, login, logout } from './accounts.service.js';

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
  };
}
