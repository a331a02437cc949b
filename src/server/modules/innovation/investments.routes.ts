import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import { INVESTMENT_COLUMNS, InvestmentBody, InvestmentImportReport, InvestmentView, ListInvestmentsQuery } from '../../../contracts/talent.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { readUpload } from '../../platform/files.js';
import { writeWorkbook } from '../../platform/workbook.js';
import type { InvestmentRecord } from './investments.repo.js';
import { createInvestment, deleteInvestment, getInvestment, importInvestments, listInvestments, updateInvestment } from './investments.service.js';

const TAGS = ['innovation'];
const IdParams = z.object({ id: z.string().min(1).max(20) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (ascii: string, name: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function presentInvestment(i: InvestmentRecord): InvestmentView {
  return {
    id: i.id, investorUscc: i.investorUscc, investorName: i.investorName, investeeUscc: i.investeeUscc, investeeName: i.investeeName, sharePct: i.shareBp / 100, since: i.since, source: i.source,
    regionCode: i.regionCode, updatedAt: i.updatedAt.toISOString(),
  };
}

/** A workbook in the import's columns: the template (no rows) or an export. */
async function investmentWorkbook(rows: readonly InvestmentRecord[]): Promise<Buffer> {
  return writeWorkbook({
    name: '投资关系',
    columns: INVESTMENT_COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: c.key.endsWith('Uscc') ? 24 : c.key.endsWith('Name') ? 30 : 14 })),
    rows: rows.map((r) => ({ ...presentInvestment(r), since: r.since ?? '' })),
  });
}

/** `/api/v1/investments*`: equity investments between organisations, read by the reviewer-conflict check. */
export function investmentRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/investments', {
      schema: { tags: TAGS, summary: 'Equity investments 股权投资关系', description: 'Platform admins: all; gov users: those whose party on the platform lies in their region; others 403. Newest first.', querystring: ListInvestmentsQuery, response: { 200: Page(InvestmentView) } },
    }, async (request) => {
      const page = await listInvestments(db, requireActor(request), request.query);
      return { items: page.items.map(presentInvestment), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/investments', {
      schema: {
        tags: TAGS, summary: 'Record an investment 登记投资关系',
        description: 'Admins and gov users (403 for others). Both USCCs must be valid (check character) and differ; at least one party must be an enterprise on the platform, in a gov user’s region (422 naming the field). 409 when the investor–investee pair is recorded already. From then on no expert of either organisation is assigned to review the other’s challenge applications.',
        body: InvestmentBody, response: { 201: InvestmentView },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const id = await createInvestment(db, { actor, requestId: request.id }, request.body);
      return reply.code(201).send(presentInvestment(await getInvestment(db, actor, id)));
    });

    app.get('/api/v1/investments/export', {
      schema: { tags: TAGS, summary: 'Export investments to Excel 导出投资关系', description: 'The records the caller may list, up to 5,000, as `.xlsx` in the import’s columns.', querystring: ListInvestmentsQuery.omit({ cursor: true, limit: true }) },
    }, async (request, reply) => {
      const page = await listInvestments(db, requireActor(request), { ...request.query, limit: 5000 });
      return reply.header('content-type', XLSX).header('content-disposition', attachment('investments.xlsx', '投资关系.xlsx')).send(await investmentWorkbook(page.items));
    });

    app.get('/api/v1/investments/template', {
      schema: { tags: TAGS, summary: 'Investments import template 投资关系导入模板', description: 'An empty `.xlsx` with the import’s Chinese headers.' },
    }, async (request, reply) => {
      requireActor(request);
      return reply.header('content-type', XLSX).header('content-disposition', attachment('investments-template.xlsx', '投资关系导入模板.xlsx')).send(await investmentWorkbook([]));
    });

    app.post('/api/v1/investments/import', {
      schema: {
        tags: TAGS, summary: 'Import investments from Excel 导入投资关系', consumes: ['multipart/form-data'],
        description: 'multipart/form-data with `file` (.xlsx or CSV; columns as the template, Chinese or English headers; `sharePct` in %). Each row is checked as `POST /investments`; an existing investor–investee pair is updated. `dryRun=true` (default) reports row errors without writing; `dryRun=false` writes every row in one transaction, or nothing (422 naming `rows.N.<field>`). Admins and gov users only.',
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true') }), response: { 200: InvestmentImportReport },
      },
    }, async (request) => {
      const actor = requireActor(request);
      const upload = await readUpload(request);
      return importInvestments(db, { actor, requestId: request.id }, upload.bytes, { isDryRun: request.query.dryRun !== 'false' });
    });

    app.get('/api/v1/investments/:id', {
      schema: { tags: TAGS, summary: 'Get an investment 投资关系详情', description: 'Admins, and gov users in whose region the record lies; 404 for everyone else.', params: IdParams, response: { 200: InvestmentView } },
    }, async (request) => presentInvestment(await getInvestment(db, requireActor(request), request.params.id)));

    app.put('/api/v1/investments/:id', {
      schema: { tags: TAGS, summary: 'Edit an investment 修改投资关系', description: 'As `POST`, on a record in the caller’s scope (404 otherwise).', params: IdParams, body: InvestmentBody, response: { 200: InvestmentView } },
    }, async (request) => {
      const actor = requireActor(request);
      await updateInvestment(db, { actor, requestId: request.id }, request.params.id, request.body);
      return presentInvestment(await getInvestment(db, actor, request.params.id));
    });

    app.delete('/api/v1/investments/:id', {
      schema: { tags: TAGS, summary: 'Delete an investment 删除投资关系', description: 'A record in the caller’s scope (404 otherwise); the deletion is audited.', params: IdParams, response: { 204: z.null() } },
    }, async (request, reply) => {
      await deleteInvestment(db, { actor: requireActor(request), requestId: request.id }, request.params.id);
      return reply.code(204).send(null);
    });
  };
}
