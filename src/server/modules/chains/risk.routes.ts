import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import {
  AddRiskNoteBody,
  Alert,
  ChangeRiskStatusBody,
  CreateRiskEventBody,
  CreateRiskSubscriptionBody,
  ListAlertsQuery,
  ListRiskEventsQuery,
  RiskEventDetail,
  RiskEventSummary,
  RiskImpact,
  RiskImpactQuery,
  RiskScore,
  RiskScoreSettings,
  RiskSubscription,
} from '../../../contracts/risk.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { countUnreadAlerts, createSubscription, deleteSubscription, listAlerts, listSubscriptions, readAlert, readAllAlerts } from './risk.alerts.js';
import { presentAlert, presentEventDetail, presentEventSummary, presentScore, presentSubscription } from './risk.present.js';
import { getRiskScore, getScoreSettings, updateScoreSettings } from './risk.score.js';
import { businessDate } from '../../platform/dates.js';
import { eventsWorkbook, impactWorkbook } from './risk.export.js';
import { addRiskNote, changeRiskStatus, createRiskEvent, getRiskEvent, getRiskImpact, getRiskImpactWithEvent, exportableRiskEvents, listRiskEvents, searchEventSubjects } from './risk.service.js';

const IdParams = z.object({ id: z.string().max(20).describe('Id.') });
const UsccParams = z.object({ uscc: z.string().min(1).max(32).describe('统一社会信用代码') });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(name: string): string {
  return `attachment; filename="${encodeURIComponent(name).replace(/%[0-9A-F]{2}/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const WHO_SEES = 'Admins; gov users whose scope holds the event’s region; members for events on their enterprise, on its suppliers upstream, on a region holding it; anyone the event sent an alert. Others get 404.';

/** `/api/v1/risk-events*`, `/api/v1/alerts*`, `/api/v1/risk-subscriptions*`, risk score and its settings. */
export function riskRoutes(ctx: AppContext) {
  const { db, supplyGraph: graph } = ctx;
  return async (app: App) => {
    const write = (request: FastifyRequest) => ({ actor: requireActor(request), requestId: request.id });

    app.get('/api/v1/risk-events', {
      schema: {
        tags: ['risk'],
        summary: 'List risk events 风险事件列表',
        description: `Newest first. ${WHO_SEES}`,
        querystring: ListRiskEventsQuery,
        response: { 200: Page(RiskEventSummary) },
      },
    }, async (request) => {
      const page = await listRiskEvents({ db, graph }, requireActor(request), request.query);
      return { items: page.items.map(presentEventSummary), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/risk-events/export', {
      schema: {
        tags: ['risk'],
        summary: 'Export risk events to Excel 导出风险事件',
        description: `The filtered list (up to 10,000 events) as \`.xlsx\`. ${WHO_SEES}`,
        querystring: ListRiskEventsQuery.omit({ cursor: true, limit: true }),
      },
    }, async (request, reply) => {
      const events = await exportableRiskEvents({ db, graph }, requireActor(request), request.query);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`风险事件-${businessDate()}.xlsx`)).send(await eventsWorkbook(events));
    });

    app.post('/api/v1/risk-events', {
      schema: {
        tags: ['risk'],
        summary: 'Record a risk event 登记风险事件',
        description: 'Gov users (in their scope) and admins. The subject is one enterprise (`uscc`), an off-platform supplier (`offPlatformSupplierId`, e.g. a foreign supplier under export control) or a region (`regionCode`; kinds disaster and logistics only: every enterprise of the region is a source). Unknown enterprises (and ones outside the caller’s scope) are 422 on `uscc`. Subscribers the event hits get alerts before the response returns.',
        body: CreateRiskEventBody,
        response: { 201: z.object({ id: z.string() }) },
      },
    }, async (request, reply) => reply.code(201).send(await createRiskEvent({ db, graph }, write(request), request.body)));

    app.get('/api/v1/off-platform-suppliers', {
      schema: {
        tags: ['risk'],
        summary: 'Find off-platform suppliers 查找平台外供应商',
        description: 'Suppliers known only by name and country (most abroad), to record an event such as export control on one. Gov users and admins (others 403).',
        querystring: z.object({ q: z.string().max(100).default(''), limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), countryCode: z.string() })) }) },
      },
    }, async (request) => ({ items: await searchEventSubjects(db, requireActor(request), request.query.q, request.query.limit) }));

    app.get('/api/v1/risk-events/:id', {
      schema: {
        tags: ['risk'],
        summary: 'Risk event with its incident record 风险事件详情',
        description: `The event, its impact status and notes. ${WHO_SEES}`,
        params: IdParams,
        response: { 200: RiskEventDetail },
      },
    }, async (request) => presentEventDetail(await getRiskEvent({ db, graph }, requireActor(request), request.params.id)));

    app.get('/api/v1/risk-events/:id/impact', {
      schema: {
        tags: ['risk'],
        summary: 'Impact of a risk event 影响范围',
        description: 'Enterprises hit downstream over supply edges, strongest first: tier (fewest hops), exposure (largest over paths of severity × dependency share × decay per tier after the first; unknown shares take the configured default) and the path. Only edges the caller may see carry impact (a private edge never shows through an exposure). Gov users see affected enterprises of their scope (path nodes outside it are masked as null), members their own enterprise and its suppliers. `chains`: chain segments with affected members.',
        params: IdParams,
        querystring: RiskImpactQuery,
        response: { 200: RiskImpact },
      },
    }, async (request) => getRiskImpact({ db, graph }, requireActor(request), request.params.id, request.query));

    app.get('/api/v1/risk-events/:id/impact/export', {
      schema: {
        tags: ['risk'],
        summary: 'Export the impact to Excel 导出影响范围',
        description: 'The affected enterprises (as the caller sees them, up to 2000) with tier, exposure and path, and the chain segments hit, as `.xlsx`.',
        params: IdParams,
        querystring: RiskImpactQuery.omit({ limit: true }),
      },
    }, async (request, reply) => {
      const { event, impact } = await getRiskImpactWithEvent({ db, graph }, requireActor(request), request.params.id, { tiers: request.query.tiers, limit: 2000 });
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`影响范围-${event.title}-${businessDate()}.xlsx`)).send(await impactWorkbook(event, impact));
    });

    app.post('/api/v1/risk-events/:id/status', {
      schema: {
        tags: ['risk'],
        summary: 'Change the impact status 变更影响状态',
        description: 'Incident record: 潜在 potential → 确认 confirmed or 无影响 no_impact; 确认 → 恢复 recovered. Other changes are 409 `invalid_state`. Every change carries a note. Gov users in scope and admins (others who may read the event: 403).',
        params: IdParams,
        body: ChangeRiskStatusBody,
        response: { 200: RiskEventDetail },
      },
    }, async (request) => presentEventDetail(await changeRiskStatus({ db, graph }, write(request), request.params.id, request.body)));

    app.post('/api/v1/risk-events/:id/notes', {
      schema: {
        tags: ['risk'],
        summary: 'Add a note 添加处置记录',
        description: 'A note in the incident record, with author and time. Gov users in scope and admins.',
        params: IdParams,
        body: AddRiskNoteBody,
        response: { 201: RiskEventDetail },
      },
    }, async (request, reply) => reply.code(201).send(presentEventDetail(await addRiskNote({ db, graph }, write(request), request.params.id, request.body))));

    app.get('/api/v1/alerts', {
      schema: {
        tags: ['risk'],
        summary: 'Alert inbox 预警消息',
        description: 'The caller’s own alerts, newest first; `unread=true` for unread only. `unread` in the answer counts all unread alerts.',
        querystring: ListAlertsQuery,
        response: { 200: Page(Alert).extend({ unread: z.number().int() }) },
      },
    }, async (request) => {
      const page = await listAlerts(db, requireActor(request), request.query);
      return { items: page.items.map(presentAlert), nextCursor: page.nextCursor, unread: page.unread };
    });

    app.get('/api/v1/alerts/unread-count', {
      schema: {
        tags: ['risk'],
        summary: 'Unread alerts 未读预警数',
        description: 'For the badge in the header.',
        response: { 200: z.object({ count: z.number().int() }) },
      },
    }, async (request) => ({ count: await countUnreadAlerts(db, requireActor(request)) }));

    app.post('/api/v1/alerts/read-all', {
      schema: {
        tags: ['risk'],
        summary: 'Mark all alerts read 全部已读',
        response: { 200: z.object({ updated: z.number().int() }) },
      },
    }, async (request) => ({ updated: await readAllAlerts(db, requireActor(request)) }));

    app.post('/api/v1/alerts/:id/read', {
      schema: {
        tags: ['risk'],
        summary: 'Mark an alert read 标为已读',
        description: 'Someone else’s alert is 404.',
        params: IdParams,
      },
    }, async (request, reply) => {
      await readAlert(db, requireActor(request), request.params.id);
      return reply.code(204).send();
    });

    app.get('/api/v1/risk-subscriptions', {
      schema: {
        tags: ['risk'],
        summary: 'My subscriptions 我的关注',
        response: { 200: z.object({ items: z.array(RiskSubscription) }) },
      },
    }, async (request) => ({ items: (await listSubscriptions(db, requireActor(request))).map(presentSubscription) }));

    app.post('/api/v1/risk-subscriptions', {
      schema: {
        tags: ['risk'],
        summary: 'Subscribe to alerts 订阅预警',
        description: 'Members: `suppliers` (every direct supplier of their enterprise), an `enterprise` they can see (their own or one upstream), any `chain` (chain maps are public). Gov users: enterprises and chains of their region. Admins: anything. 201 when new, 200 when it existed.',
        body: CreateRiskSubscriptionBody,
        response: { 200: RiskSubscription, 201: RiskSubscription },
      },
    }, async (request, reply) => {
      const { subscription, isNew } = await createSubscription({ db, graph }, write(request), request.body);
      return reply.code(isNew ? 201 : 200).send(presentSubscription(subscription));
    });

    app.delete('/api/v1/risk-subscriptions/:id', {
      schema: {
        tags: ['risk'],
        summary: 'Unsubscribe 取消订阅',
        description: 'Someone else’s subscription is 404.',
        params: IdParams,
      },
    }, async (request, reply) => {
      await deleteSubscription(db, write(request), request.params.id);
      return reply.code(204).send();
    });

    app.get('/api/v1/enterprises/:uscc/risk-score', {
      schema: {
        tags: ['risk'],
        summary: 'Composite risk score 综合风险评分',
        description: 'Score 0..100, level and each factor’s contribution with reasons, computed now over the supply edges the caller may see. Factors, weights and thresholds are our judgement (⚠️ configurable, see `/api/v1/risk-score-settings`). Scope as the registry: own members, gov users in scope, admins; others 404.',
        params: UsccParams,
        response: { 200: RiskScore },
      },
    }, async (request) => presentScore(await getRiskScore({ db, graph }, requireActor(request), request.params.uscc)));

    app.get('/api/v1/risk-score-settings', {
      schema: {
        tags: ['risk'],
        summary: 'Risk score settings 风险评分设置',
        description: 'Factor weights, severity and kind weights, time decay, thresholds and propagation parameters in force (defaults are our judgement, ⚠️ configurable).',
        response: { 200: RiskScoreSettings },
      },
    }, async (request) => {
      requireActor(request);
      return getScoreSettings(db);
    });

    app.put('/api/v1/risk-score-settings', {
      schema: {
        tags: ['risk'],
        summary: 'Edit risk score settings 修改风险评分设置',
        description: 'Platform admins only (others 403). The whole settings object, validated: weights 0..1, at least one factor weight above 0, “high” threshold above “medium”. Audited.',
        body: RiskScoreSettings,
        response: { 200: RiskScoreSettings },
      },
    }, async (request) => updateScoreSettings(db, write(request), request.body));
  };
}
