import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a browser sent this request from a page of another origin. Browsers say so in
 * `Sec-Fetch-Site` (Fetch Metadata; every current browser) and, for unsafe methods, in `Origin`;
 * either must name our own origin. Requests without both come from non-browser clients, which no
 * other site can make a user's browser send (OWASP CSRF cheat sheet: fetch metadata, then origin
 * verification).
 */
export function isCrossSiteRequest(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') {
    return site !== 'same-origin' && site !== 'none';
  }
  const origin = request.headers.origin;
  if (typeof origin !== 'string') {
    return false;
  }
  const forwardedHost = request.headers['x-forwarded-host'];
  const host = (typeof forwardedHost === 'string' ? forwardedHost.split(',')[0].trim() : undefined) ?? request.headers.host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true; // `Origin: null` (sandboxed frames, file:) and garbage.
  }
}

/**
 * CSRF protection of cookie sessions: a state-changing API request that does not carry a bearer
 * token (so a browser would authenticate it with the session cookie, or log in and set one) must
 * come from our own origin; otherwise 403, before anything else runs. Bearer-token callers are
 * exempt: another site cannot make a browser attach an `Authorization` header.
 * @throws forbidden on a cross-site request.
 */
export function refuseCrossSiteWrites(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method) || request.headers.authorization?.startsWith('Bearer ')) {
    return;
  }
  if (isCrossSiteRequest(request)) {
    throw new AppError('forbidden', 'Cross-site request refused', { userMessage: '拒绝跨站请求：请在本平台页面内操作' });
  }
}
