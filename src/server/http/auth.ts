import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Actor } from '../platform/actor.js';
import { actorOf, findSessionUser } from '../modules/accounts/index.js';
import { refuseCrossSiteWrites } from './csrf.js';

/** Name of the session cookie of the web app. */
export const SESSION_COOKIE = 'xs_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller, if any (set by the auth hook). */
    actor?: Actor;
    /** The raw session token the caller presented. */
    sessionToken?: string;
  }
}

/** Token from `Authorization: Bearer …` or the session cookie. */
function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    return header.slice(7).trim();
  }
  return request.cookies?.[SESSION_COOKIE];
}

/**
 * A short-lived per-node cache of session lookups: most API calls come in bursts from one
 * session, and a log-out on this node evicts at once. Other nodes notice within `ttlMs`.
 */
export class SessionCache {
  private readonly entries = new Map<string, { actor: Actor | undefined; until: number }>();
  constructor(private readonly ttlMs = 5_000, private readonly max = 10_000) {}

  get(token: string, now = Date.now()): { actor: Actor | undefined } | undefined {
    const entry = this.entries.get(token);
    if (!entry || entry.until < now) {
      return undefined;
    }
    return { actor: entry.actor };
  }

  set(token: string, actor: Actor | undefined, sessionExpiresAt?: Date, now = Date.now()): void {
    if (this.entries.size >= this.max) {
      this.entries.clear();
    }
    const until = Math.min(now + this.ttlMs, sessionExpiresAt ? sessionExpiresAt.getTime() : Infinity);
    this.entries.set(token, { actor, until });
  }

  evict(token: string): void {
    this.entries.delete(token);
  }

  /** Forget every cached session of a user (after their sessions were revoked). */
  evictUser(userId: string): void {
    for (const [token, entry] of this.entries) {
      if (entry.actor?.userId === userId) {
        this.entries.delete(token);
      }
    }
  }
}

/**
 * API routes open to anonymous callers: logging in and out, reference data and the public case
 * showcase. Every other `/api/v1` route answers an anonymous caller 401 before its body or query
 * is parsed or validated (the authorisation matrix in `test/authz/` checks this route by route).
 */
export function isPublicRoute(routeUrl: string): boolean {
  return routeUrl === '/api/v1/auth/login' || routeUrl === '/api/v1/auth/logout' || routeUrl.startsWith('/api/v1/reference/') || routeUrl.startsWith('/api/v1/public/');
}

/**
 * Refuse cross-site API writes (CSRF, `csrf.ts`), resolve the caller of every request into
 * `request.actor` (anonymous when absent or expired), and turn anonymous callers of non-public API
 * routes away with 401 (see {@link isPublicRoute}).
 *
 * Callback-style: a session found in the cache (the usual case) costs no promise; only a lookup
 * in the database goes asynchronous.
 */
export function registerAuth(app: FastifyInstance, db: Db, cache: SessionCache): void {
  const finish = (request: FastifyRequest, done: (err?: Error) => void) => {
    const route = request.routeOptions.url;
    if (!request.actor && route?.startsWith('/api/v1/') && !isPublicRoute(route)) {
      try {
        requireActor(request);
      } catch (err) {
        done(err as Error);
        return;
      }
    }
    done();
  };
  app.addHook('onRequest', (request, _reply, done) => {
    try {
      if (request.url.startsWith('/api/v1/')) {
        refuseCrossSiteWrites(request);
      }
    } catch (err) {
      done(err as Error);
      return;
    }
    const token = tokenOf(request);
    if (!token) {
      finish(request, done);
      return;
    }
    request.sessionToken = token;
    const cached = cache.get(token);
    if (cached) {
      request.actor = cached.actor;
      finish(request, done);
      return;
    }
    findSessionUser(db, token).then(
      (user) => {
        const actor = user ? actorOf(user) : undefined;
        cache.set(token, actor, user?.expiresAt);
        request.actor = actor;
        finish(request, done);
      },
      (err: unknown) => done(err as Error),
    );
  });
}

/**
 * The authenticated caller.
 * @throws unauthenticated when the request carries no live session.
 */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) {
    throw new AppError('unauthenticated', 'Authentication required', { userMessage: '请先登录' });
  }
  return request.actor;
}
