import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import { CreateProductBody, CreateProviderBody, CreateRequestBody, HandleRequestBody, ListProductsQuery, ListProvidersQuery, ListRequestsQuery, ProductView, ProviderView, RateRequestBody, RequestView } from '../../../contracts/service-directory.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { exportDirectory } from './directory.export.js';
import { presentProduct, presentProvider, presentRequest } from './directory.present.js';
import { createProduct, createProvider, createRequest, getProduct, getProvider, getRequest, handleRequest, listProducts, listProviders, listRequests, rateRequest } from './directory.service.js';
import { sendXlsx } from './services.http.js';

const TAGS = ['services'];
const IdParams = z.object({ id: z.string().min(1).max(20) });
const Created = z.object({ id: z.string() });

/** `/api/v1/service-providers*`, `/api/v1/service-products*` and `/api/v1/service-requests*` (服务资源目录). */
export function directoryRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/service-providers', {
      schema: { tags: TAGS, summary: 'Service providers 服务机构目录', description: 'Platforms, bases, parks, science parks and maker spaces, newest first, open to everyone signed in; filter by kind, region (and below) and words. Each carries its active product count and mean rating.', querystring: ListProvidersQuery, response: { 200: Page(ProviderView) } },
    }, async (request) => {
      const page = await listProviders(db, requireActor(request), request.query);
      return { items: page.items.map(presentProvider), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/service-providers/export', {
      schema: { tags: TAGS, summary: 'Export the directory 导出服务机构目录', description: 'The providers matching the list filters (at most 5,000) and their active products with ratings, as an Excel workbook.', querystring: ListProvidersQuery.omit({ cursor: true, limit: true }) },
    }, async (request, reply) => {
      requireActor(request);
      return sendXlsx(reply, '服务机构目录.xlsx', await exportDirectory(db, request.query));
    });

    app.post('/api/v1/service-providers', {
      schema: { tags: TAGS, summary: 'List a provider 登记服务机构', description: 'Gov users for a region in scope (default their own) and an optional operating enterprise in scope; members for their own enterprise as operator, in its region; admins anything. 403 for experts; 422 naming the field.', body: CreateProviderBody, response: { 201: Created } },
    }, async (request, reply) => reply.code(201).send({ id: await createProvider(db, { actor: requireActor(request), requestId: request.id }, request.body) }));

    app.get('/api/v1/service-providers/:id', {
      schema: { tags: TAGS, summary: 'Get a provider 服务机构详情', description: 'One provider with its figures and whether the caller manages it (gov in scope of its region, members of its operator, admins). Its products: `GET /api/v1/service-products?providerId=`.', params: IdParams, response: { 200: ProviderView } },
    }, async (request) => presentProvider(await getProvider(db, requireActor(request), request.params.id)));

    app.post('/api/v1/service-providers/:id/products', {
      schema: { tags: TAGS, summary: 'Offer a service product 发布服务产品', description: 'The provider’s managers only (403 for others). The price in 元 is stored as fen; omit it for 面议.', params: IdParams, body: CreateProductBody, response: { 201: Created } },
    }, async (request, reply) => reply.code(201).send({ id: await createProduct(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body) }));

    app.get('/api/v1/service-products', {
      schema: { tags: TAGS, summary: 'Service products 服务产品', description: 'Active products newest first, open to everyone signed in; filter by category, provider and words. Each carries its request count and mean rating.', querystring: ListProductsQuery, response: { 200: Page(ProductView) } },
    }, async (request) => {
      requireActor(request);
      const page = await listProducts(db, request.query);
      return { items: page.items.map(presentProduct), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/service-products/:id', {
      schema: { tags: TAGS, summary: 'Get a service product 服务产品详情', description: 'One product with its provider, request count and mean rating.', params: IdParams, response: { 200: ProductView } },
    }, async (request) => {
      requireActor(request);
      return presentProduct(await getProduct(db, request.params.id));
    });

    app.post('/api/v1/service-products/:id/requests', {
      schema: { tags: TAGS, summary: 'Request a service 申请服务', description: 'A member requests for its own enterprise; gov name an enterprise in scope (`uscc`). 422 naming `uscc` when it is unknown, out of scope or runs the provider; 409 when the product is withdrawn.', params: IdParams, body: CreateRequestBody, response: { 201: RequestView } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const id = await createRequest(db, { actor, requestId: request.id }, request.params.id, request.body);
      return reply.code(201).send(presentRequest(await getRequest(db, actor, id)));
    });

    app.get('/api/v1/service-requests', {
      schema: { tags: TAGS, summary: 'Service requests 服务申请', description: '`side=mine`: the caller’s enterprise’s requests; `side=incoming`: requests to the providers the caller manages (gov: providers in their region scope; members: run by their enterprise). Newest first.', querystring: ListRequestsQuery, response: { 200: Page(RequestView) } },
    }, async (request) => {
      const page = await listRequests(db, requireActor(request), request.query);
      return { items: page.items.map(presentRequest), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/service-requests/:id', {
      schema: { tags: TAGS, summary: 'Get a service request 服务申请详情', description: 'The requesting enterprise and the provider’s managers; 404 for everyone else.', params: IdParams, response: { 200: RequestView } },
    }, async (request) => presentRequest(await getRequest(db, requireActor(request), request.params.id)));

    for (const verb of ['accept', 'decline', 'complete'] as const) {
      const summary = { accept: 'Accept a request 受理服务申请', decline: 'Decline a request 拒绝服务申请', complete: 'Complete a request 完成服务' }[verb];
      const rule = verb === 'complete' ? 'an accepted request' : 'a new request';
      app.post(`/api/v1/service-requests/:id/${verb}`, {
        schema: { tags: TAGS, summary, description: `The provider’s managers move ${rule} on, with an optional reply. 403 for the requester, 404 for others, 409 from any other status.`, params: IdParams, body: HandleRequestBody, response: { 200: RequestView } },
      }, async (request) => {
        const actor = requireActor(request);
        await handleRequest(db, { actor, requestId: request.id }, request.params.id, verb, request.body ?? {});
        return presentRequest(await getRequest(db, actor, request.params.id));
      });
    }

    app.post('/api/v1/service-requests/:id/rate', {
      schema: { tags: TAGS, summary: 'Rate a service 评价服务', description: 'The requesting enterprise rates a completed service once, 1–5 stars with an optional review. 403 for the provider, 404 for others, 409 before completion or when already rated.', params: IdParams, body: RateRequestBody, response: { 200: RequestView } },
    }, async (request) => {
      const actor = requireActor(request);
      await rateRequest(db, { actor, requestId: request.id }, request.params.id, request.body);
      return presentRequest(await getRequest(db, actor, request.params.id));
    });
  };
}
