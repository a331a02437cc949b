import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import { ApplyOverseasOfferBody, CreateOverseasOfferBody, DecideOverseasApplicationBody, ListOverseasOffersQuery, OverseasApplicationView, OverseasOfferView } from '../../../contracts/overseas.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { attachment, XLSX } from './matching.routes.js';
import { overseasOffersWorkbook, presentOverseasApplication, presentOverseasOffer } from './overseas.present.js';
import {
  applyToOverseasOffer, createOverseasOffer, decideOverseasApplication, getOverseasApplication, getOverseasOffer, listOverseasApplications, listOverseasOffers,
} from './overseas.service.js';

const TAGS = ['matching'];
const IdParams = z.object({ id: z.string().min(1).max(20) });
/** Most offers one export writes. */
export const OVERSEAS_EXPORT_MAX = 500;
const SCOPE = 'An application is visible to the applying SME, the offering firm and gov whose region covers the firm (and admins); 404 for anyone else.';

/** `/api/v1/overseas-offers*` and `/api/v1/overseas-applications*`: large firms' overseas service offers (出海服务) that SMEs join. */
export function overseasRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/overseas-offers', {
      schema: {
        tags: TAGS, summary: 'Overseas service offers 出海服务列表',
        description: 'Newest first. Gov: offers of firms in their region and below; members, experts, admins: all (`mine=true`: the caller’s own enterprise’s). `figures` (applications, pending, accepted, declined, remaining capacity) only for the offering firm, gov whose region covers the firm, and admins; `myApplication` is the caller’s enterprise’s application.',
        querystring: ListOverseasOffersQuery, response: { 200: Page(OverseasOfferView) },
      },
    }, async (request) => {
      const page = await listOverseasOffers(db, requireActor(request), request.query);
      return { items: page.items.map(presentOverseasOffer), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/overseas-offers/export', {
      schema: {
        tags: TAGS, summary: 'Export overseas service offers 导出出海服务',
        description: 'The offers of `GET /overseas-offers` with the same filters and scope (at most 500) as `.xlsx`, Chinese and English side by side; application figures where the caller may see them.',
        querystring: ListOverseasOffersQuery.omit({ cursor: true, limit: true }),
      },
    }, async (request, reply) => {
      const page = await listOverseasOffers(db, requireActor(request), { ...request.query, limit: OVERSEAS_EXPORT_MAX });
      const body = await overseasOffersWorkbook(page.items.map(presentOverseasOffer));
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`出海服务-${businessDate()}.xlsx`)).send(body);
    });

    app.post('/api/v1/overseas-offers', {
      schema: {
        tags: TAGS, summary: 'Publish an overseas service offer 发布出海服务',
        description: 'A member of a large enterprise (size class `large`) for its own enterprise; admins name one with `uscc`. Title and description in Chinese and English, target countries (ISO 3166-1 alpha-2, not CN), service kind, capacity (SMEs), deadline (business date, not past). 403 for gov, experts; 422 naming `uscc` when the firm is not large, `deadline` when past.',
        body: CreateOverseasOfferBody, response: { 201: OverseasOfferView },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const id = await createOverseasOffer(db, { actor, requestId: request.id }, request.body);
      return reply.code(201).send(presentOverseasOffer(await getOverseasOffer(db, actor, id)));
    });

    app.get('/api/v1/overseas-offers/:id', {
      schema: { tags: TAGS, summary: 'Get an overseas service offer 出海服务详情', description: 'Offers are listings for everyone signed in; `figures` as in the list.', params: IdParams, response: { 200: OverseasOfferView } },
    }, async (request) => presentOverseasOffer(await getOverseasOffer(db, requireActor(request), request.params.id)));

    app.post('/api/v1/overseas-offers/:id/applications', {
      schema: {
        tags: TAGS, summary: 'Apply to join 申请加入出海服务',
        description: 'A member of an SME (not large, not the firm) applies with a note; the firm’s members are notified in the same transaction. 403 for others; 409 after the deadline, when no place is left, or when the enterprise already applied.',
        params: IdParams, body: ApplyOverseasOfferBody, response: { 201: OverseasApplicationView },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const id = await applyToOverseasOffer(db, { actor, requestId: request.id }, request.params.id, request.body);
      return reply.code(201).send(presentOverseasApplication(await getOverseasApplication(db, actor, id)));
    });

    app.get('/api/v1/overseas-offers/:id/applications', {
      schema: { tags: TAGS, summary: 'Applications to an offer 出海服务申请列表', description: `The offering firm, gov whose region covers the firm, admins; 404 for others. Newest first (at most 2000). ${SCOPE}`, params: IdParams, response: { 200: z.object({ items: z.array(OverseasApplicationView) }) } },
    }, async (request) => ({ items: (await listOverseasApplications(db, requireActor(request), request.params.id, 2000)).map(presentOverseasApplication) }));

    app.get('/api/v1/overseas-applications/mine', {
      schema: { tags: TAGS, summary: 'My overseas applications 我的出海服务申请', description: 'The caller’s enterprise’s applications with their decisions (empty for users of no enterprise).', response: { 200: z.object({ items: z.array(OverseasApplicationView) }) } },
    }, async (request) => ({ items: (await listOverseasApplications(db, requireActor(request), 'mine', 500)).map(presentOverseasApplication) }));

    app.get('/api/v1/overseas-applications/:id', {
      schema: { tags: TAGS, summary: 'Get an overseas application 出海服务申请详情', description: SCOPE, params: IdParams, response: { 200: OverseasApplicationView } },
    }, async (request) => presentOverseasApplication(await getOverseasApplication(db, requireActor(request), request.params.id)));

    for (const decision of ['accept', 'decline'] as const) {
      app.post(`/api/v1/overseas-applications/:id/${decision}`, {
        schema: {
          tags: TAGS, summary: decision === 'accept' ? 'Accept an application 接受出海服务申请' : 'Decline an application 拒绝出海服务申请',
          description: `${decision === 'accept' ? 'Takes one place of the offer: the database raises the accepted count only while it is below capacity, under the offer’s row lock, so parallel accepts never exceed it (409 when full).' : 'Declines without taking a place.'} Members of the offering firm only (403 for the applicant and gov who may see it; 404 for others); 409 once decided. The SME is notified in the same transaction.`,
          params: IdParams, body: DecideOverseasApplicationBody, response: { 200: OverseasApplicationView },
        },
      }, async (request) => {
        const actor = requireActor(request);
        await decideOverseasApplication(db, { actor, requestId: request.id }, request.params.id, decision, request.body ?? {});
        return presentOverseasApplication(await getOverseasApplication(db, actor, request.params.id));
      });
    }
  };
}
