import { z } from 'zod';
import { CreateFinancingOfferBody, CreateFinancingRequestBody, FinancingRequestView } from '../../../contracts/capital.js';
import { Page, PageQuery } from '../../../contracts/common.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { IdParams, TAGS } from './capital.http.js';
import { acceptFinancingOffer, createFinancingOffer, createFinancingRequest, getFinancingRequest, listFinancingRequests } from './financing.service.js';

/** `/api/v1/financing-requests*`: SMEs ask, banks offer, the SME accepts. */
export function financingRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.post('/api/v1/financing-requests', {
      schema: {
        tags: TAGS,
        summary: 'Ask for financing 发布融资需求',
        description: 'An enterprise member asks for financing on a receivable (a voucher part it holds), an order, a warehouse receipt or inventory, addressed to one bank (`bankUscc`) or open to all banks. Banks get 403; a part with an open request → 409.',
        body: CreateFinancingRequestBody,
        response: { 201: FinancingRequestView },
      },
    }, async (request, reply) => reply.code(201).send(await createFinancingRequest(db, { actor: requireActor(request), requestId: request.id }, request.body)));

    app.get('/api/v1/financing-requests', {
      schema: {
        tags: TAGS,
        summary: 'Financing requests 融资需求列表',
        description: 'An applicant its own; a bank those addressed to it or open to all banks (with only its own offers, and the obligor’s payment conduct flagged); gov users their region’s; admins all.',
        querystring: PageQuery.extend({ status: z.enum(['open', 'accepted', 'withdrawn']).optional() }),
        response: { 200: Page(FinancingRequestView) },
      },
    }, async (request) => listFinancingRequests(db, requireActor(request), request.query));

    app.get('/api/v1/financing-requests/:id', {
      schema: { tags: TAGS, summary: 'Get a financing request 融资需求详情', description: '404 outside the caller’s scope (a bank never sees a request addressed to another bank).', params: IdParams, response: { 200: FinancingRequestView } },
    }, async (request) => getFinancingRequest(db, requireActor(request), request.params.id));

    app.post('/api/v1/financing-requests/:id/offers', {
      schema: {
        tags: TAGS,
        summary: 'Make an offer 银行报价',
        description: 'A bank that can see the open request offers a rate (bp a year), amount and term; one offer per bank (409 for a second); a closed request → 409.',
        params: IdParams,
        body: CreateFinancingOfferBody,
        response: { 201: FinancingRequestView },
      },
    }, async (request, reply) => reply.code(201).send(await createFinancingOffer(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body)));

    app.post('/api/v1/financing-requests/:id/accept', {
      schema: {
        tags: TAGS,
        summary: 'Accept an offer 接受报价',
        description: 'The applicant accepts one offer; the others are declined; on a receivable the voucher part is financed at that bank (409 if the part was used meanwhile).',
        params: IdParams,
        body: z.object({ offerId: z.string().regex(/^\d{1,18}$/) }),
        response: { 200: FinancingRequestView },
      },
    }, async (request) => acceptFinancingOffer(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body.offerId));
  };
}
