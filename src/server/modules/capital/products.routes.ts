import { ApplyBankProductBody, BankProductView, CreateBankProductBody, FinancingRequestView, ListBankProductsQuery, UpdateBankProductBody } from '../../../contracts/capital.js';
import { Page } from '../../../contracts/common.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { IdParams, TAGS, XLSX, attachment } from './capital.http.js';
import { exportBankProducts } from './products.export.js';
import { applyForBankProduct, createBankProduct, getBankProduct, listBankProducts, updateBankProduct } from './products.service.js';

/** `/api/v1/bank-products*`: banks publish financing products; SMEs browse them with their eligibility and apply. */
export function productsRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.post('/api/v1/bank-products', {
      schema: {
        tags: TAGS,
        summary: 'Publish a bank product 发布金融产品',
        description: 'A member of a bank organisation publishes a financing product: kind, amount / rate / term ranges, regions served and eligibility rules as data. Non-banks get 403; a max below its min or an unknown region → 422 naming the field.',
        body: CreateBankProductBody,
        response: { 201: BankProductView },
      },
    }, async (request, reply) => reply.code(201).send(await createBankProduct(db, { actor: requireActor(request), requestId: request.id }, request.body)));

    app.get('/api/v1/bank-products', {
      schema: {
        tags: TAGS,
        summary: 'Bank product catalogue 金融产品超市',
        description: 'An enterprise member sees the active products serving its region, each with whether it is eligible today and every rule’s reason; a bank its own products; gov users the products serving any part of their region; admins all.',
        querystring: ListBankProductsQuery,
        response: { 200: Page(BankProductView) },
      },
    }, async (request) => listBankProducts(db, requireActor(request), request.query));

    app.get('/api/v1/bank-products/export', {
      schema: { tags: TAGS, summary: 'Export the catalogue to Excel 导出金融产品', description: 'The same products as `GET /bank-products` (at most 500) as `.xlsx`, with the caller’s eligibility when it is an enterprise.', querystring: ListBankProductsQuery.omit({ cursor: true, limit: true }) },
    }, async (request, reply) => {
      const body = await exportBankProducts(db, requireActor(request), request.query);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`bank-products-${businessDate()}.xlsx`, `银行金融产品-${businessDate()}.xlsx`)).send(body);
    });

    app.get('/api/v1/bank-products/:id', {
      schema: { tags: TAGS, summary: 'Get a bank product 金融产品详情', description: 'With the caller’s eligibility when it is an enterprise member; 404 outside the caller’s scope (another bank’s product, a product not serving the SME’s region, a withdrawn one for SMEs).', params: IdParams, response: { 200: BankProductView } },
    }, async (request) => getBankProduct(db, requireActor(request), request.params.id));

    app.patch('/api/v1/bank-products/:id', {
      schema: {
        tags: TAGS,
        summary: 'Edit or withdraw a product 修改或下架金融产品',
        description: 'The publishing bank changes any field or sets `status` to `withdrawn` (or back to `active`); another bank’s product → 404.',
        params: IdParams,
        body: UpdateBankProductBody,
        response: { 200: BankProductView },
      },
    }, async (request) => updateBankProduct(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body));

    app.post('/api/v1/bank-products/:id/apply', {
      schema: {
        tags: TAGS,
        summary: 'Apply from a product 申请金融产品',
        description: 'An eligible enterprise member applies: a financing request of the product’s kind addressed to its bank (then offers and acceptance as for any request). Amount or term outside the product’s ranges → 422 naming `amountFen` / `termDays`; failed rules → 422 naming `eligibility` with each failed rule and the enterprise’s value.',
        params: IdParams,
        body: ApplyBankProductBody,
        response: { 201: FinancingRequestView },
      },
    }, async (request, reply) => reply.code(201).send(await applyForBankProduct(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body)));
  };
}
