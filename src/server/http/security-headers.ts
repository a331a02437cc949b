import type { FastifyInstance } from 'fastify';

/**
 * Security headers of every response, computed once. (@fastify/helmet recomputed the CSP on each
 * request and halved our throughput — measured in docs/PERFORMANCE.md; these are its defaults
 * plus our CSP.) Routes may override any of them (the API docs page sets its own CSP).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

/**
 * Headers of JSON API responses. A CSP matters for documents, not JSON; for APIs OWASP asks for
 * nosniff, no framing and no caching of personal data. Fewer headers also mean a faster hot path.
 */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

const API_ENTRIES = Object.entries(API_HEADERS);
const PAGE_ENTRIES = Object.entries(SECURITY_HEADERS);

/** Set the API or page headers on every reply before the route runs (routes may override). */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const raw = reply.raw;
    // Straight to the Node response: reply.header() re-validates each name on every request.
    for (const [name, value] of request.url.startsWith('/api/v1/') ? API_ENTRIES : PAGE_ENTRIES) {
      raw.setHeader(name, value);
    }
    done();
  });
}
