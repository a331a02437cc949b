import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import { ChainGreen, CreateGreenCriterionBody, GreenCriterionView, IndicatorView, ListGreenCriteriaQuery, ListIndicatorsQuery, NeedGreenBody, UpsertIndicatorBody } from '../../../contracts/green.js';
import type { Actor } from '../../platform/actor.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import type { CriterionRecord } from './green.repo.js';
import { chainGreen, createCriterion, listCriteria, listIndicators, managesCriterion, needCriteria, presentIndicator, setNeedCriteria, upsertIndicator } from './green.service.js';

const TAGS = ['innovation'];
const IdParams = z.object({ id: z.string().min(1).max(20) });

function presentCriterion(actor: Actor, c: CriterionRecord): GreenCriterionView {
  return {
    id: c.id, buyerName: c.buyerName, buyerUscc: c.buyerUscc, name: c.name, kind: c.kind, threshold: c.threshold === null ? null : Number(c.threshold), certification: c.certification,
    factoryLevel: c.factoryLevel, description: c.description, isActive: c.isActive, canManage: managesCriterion(actor, c),
  };
}

/** `/api/v1/green/*`, `/api/v1/chains/{id}/green`, `/api/v1/needs/{id}/green-criteria`. */
export function greenRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/green/criteria', {
      schema: { tags: TAGS, summary: 'Green procurement criteria 绿色采购标准', description: 'Criteria large buyers publish for their suppliers (carbon or energy intensity at most a threshold per 万元 revenue, a certification such as ISO 50001, a 绿色工厂 level); public to everyone signed in so suppliers know them. Newest first.', querystring: ListGreenCriteriaQuery, response: { 200: Page(GreenCriterionView) } },
    }, async (request) => {
      const actor = requireActor(request);
      const page = await listCriteria(db, request.query);
      return { items: page.items.map((c) => presentCriterion(actor, c)), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/green/criteria', {
      schema: { tags: TAGS, summary: 'Publish a green criterion 发布绿色采购标准', description: 'For the caller’s enterprise (gov users and admins: `uscc` of one in scope). The kind’s parameter is required: `threshold` for intensities, `certification`, or `factoryLevel` (422 naming it). Experts get 403.', body: CreateGreenCriterionBody, response: { 201: z.object({ id: z.string() }) } },
    }, async (request, reply) => reply.code(201).send(await createCriterion(db, { actor: requireActor(request), requestId: request.id }, request.body)));

    app.get('/api/v1/green/indicators', {
      schema: { tags: TAGS, summary: 'Energy and carbon indicators 能耗与碳排放指标', description: 'Yearly indicators with intensities per 万元 revenue. Restricted: members see their own enterprise’s, gov users those in their region, admins all (others’ are simply absent). Newest year first.', querystring: ListIndicatorsQuery, response: { 200: Page(IndicatorView) } },
    }, async (request) => {
      const page = await listIndicators(db, requireActor(request), request.query);
      return { items: page.items.map(presentIndicator), nextCursor: page.nextCursor };
    });

    app.put('/api/v1/green/indicators', {
      schema: { tags: TAGS, summary: 'Report a year’s indicators 报送能耗与碳排放', description: 'Creates or replaces the year’s figures of the caller’s enterprise (gov users and admins: `uscc` in scope): energy use (tce), emissions (tCO2e), revenue (fen), certifications, 绿色工厂 level. A year after the current one → 422. Experts get 403.', body: UpsertIndicatorBody, response: { 204: z.null() } },
    }, async (request, reply) => {
      await upsertIndicator(db, { actor: requireActor(request), requestId: request.id }, request.body);
      return reply.code(204).send(null);
    });

    app.get('/api/v1/chains/:id/green', {
      schema: { tags: TAGS, summary: 'Green level of a chain 产业链绿色水平', description: 'Per segment: members, those reporting indicators (latest year each), pooled carbon and energy intensity (Σ quantity / Σ revenue in 万元), 绿色工厂 and ISO 50001 counts, and a level A/B/C by carbon intensity (cut-offs in `thresholds`, configurable in platform setting `green:level-thresholds`). Everyone who reads chains; unknown chain → 404.', params: IdParams, response: { 200: ChainGreen } },
    }, async (request) => chainGreen(db, requireActor(request), request.params.id));

    app.get('/api/v1/needs/:id/green-criteria', {
      schema: { tags: TAGS, summary: 'Green criteria a need requires 需求的绿色要求', description: 'The need’s managers (owner, gov in scope, admins); 404 for others.', params: IdParams, response: { 200: z.object({ items: z.array(GreenCriterionView) }) } },
    }, async (request) => {
      const actor = requireActor(request);
      return { items: (await needCriteria(db, actor, request.params.id)).map((c) => presentCriterion(actor, c)) };
    });

    app.put('/api/v1/needs/:id/green-criteria', {
      schema: { tags: TAGS, summary: 'Require green criteria 设置需求的绿色要求', description: 'Replaces the criteria the need requires; each must be one its own buyer published (else 422 naming `criterionIds[i]`). From then on `GET /needs/{id}/matches` leaves out candidates that fail any of them and lists what each remaining one meets under `green`. The need’s managers; 404 for others.', params: IdParams, body: NeedGreenBody, response: { 200: z.object({ items: z.array(GreenCriterionView) }) } },
    }, async (request) => {
      const actor = requireActor(request);
      return { items: (await setNeedCriteria(db, { actor, requestId: request.id }, request.params.id, request.body.criterionIds)).map((c) => presentCriterion(actor, c)) };
    });
  };
}
