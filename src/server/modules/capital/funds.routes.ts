import { CreateFundBody, CreateFundInvestmentBody, FundInvestmentView, FundView, PortfolioQuery, PortfolioView } from '../../../contracts/capital.js';
import { Page, PageQuery } from '../../../contracts/common.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { IdParams, TAGS, XLSX, attachment } from './capital.http.js';
import { exportInvestments } from './funds.export.js';
import { createFund, createInvestment, getFund, getPortfolio, listFunds, listInvestments } from './funds.service.js';

/** `/api/v1/funds*`: investment funds (FC-2), their investments, and the portfolio by chain. */
export function fundsRoutes(ctx: AppContext) {
  const { db } = ctx;
  const deps = { db, graph: ctx.supplyGraph };
  return async (app: App) => {
    app.post('/api/v1/funds', {
      schema: {
        tags: TAGS,
        summary: 'Register a fund 登记投资基金',
        description: 'A member registers a fund its own organisation manages; gov users (in their region) and admins name the manager (`managerUscc`). Unknown manager, region or focus chain → 422 naming the field.',
        body: CreateFundBody,
        response: { 201: FundView },
      },
    }, async (request, reply) => reply.code(201).send(await createFund(db, { actor: requireActor(request), requestId: request.id }, request.body)));

    app.get('/api/v1/funds', {
      schema: { tags: TAGS, summary: 'Investment funds 投资基金列表', description: 'Admins all; gov users the funds of their region; members the funds their organisation manages.', querystring: PageQuery, response: { 200: Page(FundView) } },
    }, async (request) => listFunds(db, requireActor(request), request.query));

    app.get('/api/v1/funds/portfolio', {
      schema: {
        tags: TAGS,
        summary: 'Portfolio by chain 基金投资产业链分布',
        description: 'Over the funds the caller sees: invested amount and count per chain (investments in enterprises placed on the chain); with `chainId`, every segment of that chain with its amount, count and weak links (断点/堵点/卡点), so weak links that got nothing show.',
        querystring: PortfolioQuery,
        response: { 200: PortfolioView },
      },
    }, async (request) => getPortfolio(deps, requireActor(request), request.query.chainId));

    app.get('/api/v1/funds/:id', {
      schema: { tags: TAGS, summary: 'Get a fund 投资基金详情', description: '404 outside the caller’s scope.', params: IdParams, response: { 200: FundView } },
    }, async (request) => getFund(db, requireActor(request), request.params.id));

    app.get('/api/v1/funds/:id/investments', {
      schema: { tags: TAGS, summary: 'A fund’s investments 基金投资记录', description: 'Newest first, with where each enterprise sits on chain maps; 404 for a fund outside the caller’s scope.', params: IdParams, querystring: PageQuery, response: { 200: Page(FundInvestmentView) } },
    }, async (request) => listInvestments(db, requireActor(request), request.params.id, request.query));

    app.get('/api/v1/funds/:id/investments/export', {
      schema: { tags: TAGS, summary: 'Export a fund’s investments 导出基金投资记录', description: 'The fund’s investments (at most 1000) as `.xlsx`; 404 outside the caller’s scope.', params: IdParams },
    }, async (request, reply) => {
      const body = await exportInvestments(db, requireActor(request), request.params.id);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`fund-${request.params.id}-investments-${businessDate()}.xlsx`, `基金投资记录-${businessDate()}.xlsx`)).send(body);
    });

    app.post('/api/v1/funds/:id/investments', {
      schema: {
        tags: TAGS,
        summary: 'Record an investment 登记投资',
        description: 'A member of the fund’s manager (or an admin) records an equity investment: enterprise, amount, date (not in the future), stage, share %. Investments beyond the fund’s size → 422 naming `amountFen`; gov users → 403; a fund outside the scope → 404.',
        params: IdParams,
        body: CreateFundInvestmentBody,
        response: { 201: FundInvestmentView },
      },
    }, async (request, reply) => reply.code(201).send(await createInvestment(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body)));
  };
}
