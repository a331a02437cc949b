import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import type { Logger } from 'pino';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import client from 'prom-client';
import { z } from 'zod';
import { IMPORT_MAX_BYTES } from '../contracts/enterprises.js';
import type { Config } from './config.js';
import type { ChangeFeed } from './db/change-feed.js';
import type { Db } from './db/database.js';
import { READ_ROUTING_METRICS, ReadRouter } from './db/read-router.js';
import { AppError } from './errors.js';
import { SessionCache, registerAuth } from './http/auth.js';
import type { App, AppContext } from './http/context.js';
import { registerProblemHandlers } from './http/problem.js';
import { serialiseResponse } from './http/json-once.js';
import { registerNulGuard } from './http/nul-guard.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { LoginLimiter, accountsRoutes } from './modules/accounts/index.js';
import { enterprisesRoutes } from './modules/enterprises/index.js';
import { chainsRoutes } from './modules/chains/chains.routes.js';
import { riskRoutes } from './modules/chains/risk.routes.js';
import { capacityRoutes } from './modules/chains/capacity.routes.js';
import { createSupplyGraph } from './modules/chains/supply.graph-source.js';
import { supplyRoutes } from './modules/chains/supply.routes.js';
import { MatchingIndex, crossBorderRoutes, matchingRoutes, overseasRoutes } from './modules/matching/index.js';
import { innovationRoutes } from './modules/innovation/innovation.routes.js';
import { workbenchRoutes } from './modules/workbench/workbench.routes.js';
import { assessmentRoutes } from './modules/assessment/assessment.routes.js';
import { capitalRoutes } from './modules/capital/capital.routes.js';
import { fairsRoutes } from './modules/fairs/fairs.routes.js';
import { dealsRoutes } from './modules/matching/deals.routes.js';
import { referenceRoutes } from './modules/reference/reference.routes.js';
import { servicesRoutes } from './modules/services/services.routes.js';

z.config(z.locales.zhCN());

/** Built web app served at `/` (made by `vite build`). */
export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/** Largest JSON body accepted (uploads have their own limit). */
const JSON_BODY_LIMIT = 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

export interface BuildAppOptions {
  config: Config;
  db: Db;
  /** The streaming replica for staleness-tolerant reads (ADR 0033); absent: every read goes to `db`. */
  readDb?: Db;
  /** Where server errors (5xx) are logged; silent when absent (tests). */
  logger?: Logger;
  /** Serve the built web app when present (default true). */
  isWebEnabled?: boolean;
  /** The `change_log` tail that in-memory engines follow (main.ts passes it; tests may not). */
  feed?: ChangeFeed;
}

const metricsRegistry = new client.Registry();
client.collectDefaultMetrics({ register: metricsRegistry });
for (const metric of READ_ROUTING_METRICS) metricsRegistry.registerMetric(metric);
const httpDuration = new client.Histogram({
  name: 'xieshou_http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  registers: [metricsRegistry],
});

/** Histogram children by label set: prom-client hashes labels on every observe otherwise. */
const durationChildren = new Map<string, ReturnType<typeof httpDuration.labels>>();

function observeDuration(method: string, route: string, status: number, seconds: number): void {
  const key = `${method} ${route} ${status}`;
  let child = durationChildren.get(key);
  if (!child) {
    child = httpDuration.labels(method, route, String(status));
    durationChildren.set(key, child);
  }
  child.observe(seconds);
}

/**
 * Build the HTTP app (API + web). Tests import this and call `app.inject`; `main.ts` listens.
 */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { config, db } = options;
  const app = Fastify({
    // No per-request child loggers (they cost ~20% of a small request); errors are logged by
    // the problem handler with their request id.
    logger: false,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Presenters list fields explicitly; validating every response against its zod schema is
  // insurance for tests and development (XIESHOU_STRICT_RESPONSES=1), not for production.
  // Memoised presenters' objects (immutableJson) are stringified once, not per request.
  app.setSerializerCompiler(config.isStrictResponses ? serializerCompiler : () => serialiseResponse);
  const isWebServed = options.isWebEnabled !== false && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  registerProblemHandlers(app, options.logger, isWebServed ? (reply) => reply.header('cache-control', 'no-cache').sendFile('index.html') : undefined);

  // Callback-style (not async) hooks on every request: an async hook costs a promise per request.
  app.addHook('onRequest', (request, reply, done) => {
    // Only ids that look like ids are echoed back.
    if (!REQUEST_ID.test(request.id)) {
      request.id = crypto.randomUUID();
    }
    reply.raw.setHeader('x-request-id', request.id);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    observeDuration(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  registerSecurityHeaders(app);
  registerNulGuard(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10, fieldSize: 10 * 1024 * 1024 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '携手 xieshou API',
        version: '1',
        description: 'API of the 携手 platform for large–SME integrated innovation (工信部联企业〔2022〕54号). Log in with `POST /api/v1/auth/login` and send `Authorization: Bearer <token>`. Errors are RFC 9457 `application/problem+json` with `code`, `errors[] {path, message}` and `requestId`. Lists use cursor pagination `{items, nextCursor}`. Money is integer fen unless a field says 万元. With a read replica configured, the dashboard, registry and chain lists and exports may lag other users’ writes by a few seconds (never the caller’s own); a write answers with `x-xieshou-lsn` (and the `xs_lsn` cookie), which a client reading through another node sends back as the `x-xieshou-lsn` request header to see its write (ADR 0033).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const reads = new ReadRouter({ primary: db, replica: options.readDb, maxLagMs: config.readMaxLagMs, log: (message, fields) => options.logger?.warn(fields, message) });
  app.addHook('onClose', (_app, done) => {
    reads.stop();
    done();
  });
  if (reads.hasReplica) {
    // Read-your-writes: a write's WAL position is noted before its answer leaves.
    app.addHook('onSend', async (request, reply) => reads.noteWrite(request, reply));
  }
  const ctx: AppContext = {
    db,
    reads,
    config,
    limiter: new LoginLimiter(config.loginMaxPerMinute),
    sessionCache: new SessionCache(),
    feed: options.feed,
    supplyGraph: createSupplyGraph(db, options.feed),
    matching: new MatchingIndex(db),
  };
  registerAuth(app, db, ctx.sessionCache);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    await sql`select 1`.execute(db);
    return reply.send({ status: 'ok' });
  });
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1 from schema_migrations limit 1`.execute(db);
    } catch (err) {
      throw new AppError('unavailable', 'database not ready', { cause: err });
    }
    return reply.send({ status: 'ready' });
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    return reply.header('content-type', metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });

  await app.register(referenceRoutes());
  await app.register(accountsRoutes(ctx));
  await app.register(enterprisesRoutes(ctx));
  await app.register(chainsRoutes(ctx));
  await app.register(riskRoutes(ctx));
  await app.register(supplyRoutes(ctx));
  await app.register(capacityRoutes(ctx));
  await app.register(matchingRoutes(ctx));
  await app.register(crossBorderRoutes(ctx));
  await app.register(overseasRoutes(ctx));
  await app.register(dealsRoutes(ctx));
  await app.register(fairsRoutes(ctx));
  await app.register(capitalRoutes(ctx));
  await app.register(assessmentRoutes(ctx));
  await app.register(workbenchRoutes(ctx));
  await app.register(innovationRoutes(ctx));
  await app.register(servicesRoutes(ctx));
  if (options.feed) ctx.matching.follow(options.feed);

  if (isWebServed) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: ['index.html'], maxAge: '1h' });
  }
  return app;
}
