import { z } from 'zod';
import { Page, Uscc } from '../../../contracts/common.js';
import { ApplyBody, CreateOpeningBody, DecideApplicationBody, ListOpeningsQuery, OpeningDetail, OpeningView, OpennessQuery, OpennessRow } from '../../../contracts/soe-openness.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { exportOpenness } from './openness.export.js';
import { presentApplication, presentOpening, presentOpenness } from './openness.present.js';
import { applyToOpening, createOpening, decideApplication, getOpening, listOpenings, listOpenness } from './openness.service.js';
import { sendXlsx } from './services.http.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';

const TAGS = ['services'];
const IdParams = z.object({ id: z.string().min(1).max(20) });
const ApplicationParams = IdParams.extend({ uscc: Uscc });

async function detail(db: Db, actor: Actor, id: string): Promise<OpeningDetail> {
  const view = await getOpening(db, actor, id);
  return { ...presentOpening(view), applications: view.applications.map(presentApplication) };
}

/** `/api/v1/soe-openings*` and `/api/v1/soe-openness*` (国有企业开放清单与开放度). */
export function opennessRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/soe-openings', {
      schema: { tags: TAGS, summary: 'SOE openings 国企开放清单', description: 'Application scenarios, procurement and resources that central and local state-owned firms open to SMEs, newest first, with application counts; open to everyone signed in. Filter by kind, ownership, the firm’s region (and below) and whether the apply-by date has passed.', querystring: ListOpeningsQuery, response: { 200: Page(OpeningView) } },
    }, async (request) => {
      const page = await listOpenings(db, requireActor(request), request.query);
      return { items: page.items.map(presentOpening), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/soe-openings', {
      schema: { tags: TAGS, summary: 'Publish an opening 发布开放清单', description: 'A state-owned firm’s members publish for their own enterprise, gov for a firm in scope (422 naming `enterpriseUscc` otherwise, and for an SME); 422 naming `chainId` or `applyBy` (before today); 403 for experts. Budget in 元 is stored as fen.', body: CreateOpeningBody, response: { 201: OpeningDetail } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const id = await createOpening(db, { actor, requestId: request.id }, request.body);
      return reply.code(201).send(await detail(db, actor, id));
    });

    app.get('/api/v1/soe-openings/:id', {
      schema: { tags: TAGS, summary: 'Get an opening 开放清单详情', description: 'One opening with all its applications for the firm’s members and gov in scope, with the caller’s own application otherwise.', params: IdParams, response: { 200: OpeningDetail } },
    }, async (request) => detail(db, requireActor(request), request.params.id));

    app.post('/api/v1/soe-openings/:id/applications', {
      schema: { tags: TAGS, summary: 'Apply to an opening 中小企业申请', description: 'An SME’s members apply once (409 the second time) until the apply-by date (409 invalid_state after it); 422 naming `enterprise` for a firm that is not an SME; 403 for users without an enterprise.', params: IdParams, body: ApplyBody, response: { 201: OpeningDetail } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      await applyToOpening(db, { actor, requestId: request.id }, request.params.id, request.body);
      return reply.code(201).send(await detail(db, actor, request.params.id));
    });

    app.post('/api/v1/soe-openings/:id/applications/:uscc/decision', {
      schema: { tags: TAGS, summary: 'Accept or decline an application 处理申请', description: 'The firm’s members and gov in scope accept or decline an SME’s application (and may change their mind); 404 for everyone else and for an enterprise that has not applied.', params: ApplicationParams, body: DecideApplicationBody, response: { 200: OpeningDetail } },
    }, async (request) => {
      const actor = requireActor(request);
      await decideApplication(db, { actor, requestId: request.id }, request.params.id, request.params.uscc, request.body);
      return detail(db, actor, request.params.id);
    });

    app.get('/api/v1/soe-openness', {
      schema: { tags: TAGS, summary: 'SOE openness figures 国企开放度', description: 'Per firm that has published openings: openings, those still open, budget (fen), SME applications, distinct SMEs accepted and distinct SME suppliers in the public supply graph. Gov see the firms in their scope (404 for a region outside it), members their own firm, others nothing.', querystring: OpennessQuery, response: { 200: z.object({ items: z.array(OpennessRow) }) } },
    }, async (request) => ({ items: (await listOpenness(db, requireActor(request), request.query)).map(presentOpenness) }));

    app.get('/api/v1/soe-openness/export', {
      schema: { tags: TAGS, summary: 'Export SOE openness 导出国企开放度', description: 'The figures of `GET /api/v1/soe-openness` as an Excel workbook.', querystring: OpennessQuery },
    }, async (request, reply) => sendXlsx(reply, '国企开放度.xlsx', await exportOpenness(db, requireActor(request), request.query)));
  };
}
