import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import { CreatePatentBody, CreateStandardBody, ListPatentsQuery, ListStandardsQuery, PatentCoverage, PatentView, StandardView, UpdateStandardBody } from '../../../contracts/ip.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { writeWorkbook } from '../../platform/workbook.js';
import { allPages, sendWorkbook } from './collab.export.js';
import type { PatentRecord } from './ip.repo.js';
import { createPatent, createStandard, getStandardFor, listPatents, listStandards, patentCoverage, presentStandard, updateStandard } from './ip.service.js';

const TAGS = ['innovation'];
const IdParams = z.object({ id: z.string().min(1).max(20) });
const TYPE_LABELS: Record<string, string> = { invention: '发明', utility: '实用新型', design: '外观设计' };

function presentPatent(p: PatentRecord): PatentView {
  return p;
}

/** Every patent matching the filters, as `.xlsx`. */
async function exportPatents(query: Omit<z.infer<typeof ListPatentsQuery>, 'cursor' | 'limit'>, read: typeof listPatents, db: Parameters<typeof listPatents>[0]): Promise<Buffer> {
  const patents = await allPages((cursor) => read(db, { ...query, cursor, limit: 500 }));
  return writeWorkbook({
    name: '专利',
    columns: [
      { header: '专利号', key: 'number', width: 20 }, { header: '名称', key: 'title', width: 40 }, { header: '类型', key: 'type', width: 10 }, { header: '专利权人', key: 'holder', width: 30 },
      { header: '权利人信用代码', key: 'uscc', width: 22 }, { header: '申请日', key: 'filedOn', width: 12 }, { header: '授权日', key: 'grantedOn', width: 12 }, { header: '产业链', key: 'chain', width: 24 },
      { header: '环节', key: 'segment', width: 16 },
    ],
    rows: patents.map((p) => ({ number: p.number, title: p.title, type: TYPE_LABELS[p.type], holder: p.holderName, uscc: p.holderUscc, filedOn: p.filedOn, grantedOn: p.grantedOn ?? '', chain: p.chainName ?? '', segment: p.segmentName ?? p.segmentKey ?? '' })),
  });
}

/** `/api/v1/standards*`, `/api/v1/patents*`, `/api/v1/chains/{id}/patent-coverage`. */
export function ipRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/standards', {
      schema: { tags: TAGS, summary: 'Standard-drafting projects 标准研制项目', description: 'National, industry, group and international standards being drafted, with their drafting organisations; public to everyone signed in. Newest first; `q` searches title, code and lead.', querystring: ListStandardsQuery, response: { 200: Page(StandardView) } },
    }, async (request) => {
      const page = await listStandards(db, requireActor(request), request.query);
      return { items: page.items.map(presentStandard), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/standards', {
      schema: { tags: TAGS, summary: 'Register a standard project 登记标准研制项目', description: 'The caller’s organisation is the lead drafter (gov users and admins: `uscc` of one in scope); `participants` are the other drafting organisations. Unknown or repeated participants, an unknown chain or a consortium the caller cannot see → 422 naming the field. Experts get 403.', body: CreateStandardBody, response: { 201: z.object({ id: z.string() }) } },
    }, async (request, reply) => reply.code(201).send(await createStandard(db, { actor: requireActor(request), requestId: request.id }, request.body)));

    app.get('/api/v1/standards/:id', {
      schema: { tags: TAGS, summary: 'Get a standard project 标准研制项目详情', description: 'Public to everyone signed in; unknown ids → 404.', params: IdParams, response: { 200: StandardView } },
    }, async (request) => presentStandard(await getStandardFor(db, requireActor(request), request.params.id)));

    app.patch('/api/v1/standards/:id', {
      schema: { tags: TAGS, summary: 'Update a standard project 更新标准研制项目', description: 'Status and/or the assigned code. The lead drafter’s members and gov users in scope; 403 for others.', params: IdParams, body: UpdateStandardBody, response: { 200: StandardView } },
    }, async (request) => presentStandard(await updateStandard(db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body)));

    app.get('/api/v1/patents', {
      schema: { tags: TAGS, summary: 'Patent records 专利', description: 'Patents recorded on the platform (public CNIPA records), newest first, filtered by text, type, chain, segment or holder.', querystring: ListPatentsQuery, response: { 200: Page(PatentView) } },
    }, async (request) => {
      const page = await listPatents(db, request.query);
      return { items: page.items.map(presentPatent), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/patents/export', {
      schema: { tags: TAGS, summary: 'Export patents to Excel 导出专利', description: 'Every patent matching the filters, as `.xlsx`.', querystring: ListPatentsQuery.omit({ cursor: true, limit: true }) },
    }, async (request, reply) => sendWorkbook(reply, await exportPatents(request.query, listPatents, db), 'patents.xlsx', '专利.xlsx'));

    app.post('/api/v1/patents', {
      schema: { tags: TAGS, summary: 'Record a patent 登记专利', description: 'Held by the caller’s enterprise (gov users and admins: `holderUscc` of one in scope), optionally tied to a chain segment. A filing date after today, a grant before filing, an unknown chain or a segment not of that chain → 422; a number recorded already → 409. Experts get 403.', body: CreatePatentBody, response: { 201: z.object({ id: z.string() }) } },
    }, async (request, reply) => reply.code(201).send(await createPatent(db, { actor: requireActor(request), requestId: request.id }, request.body)));

    app.get('/api/v1/chains/:id/patent-coverage', {
      schema: { tags: TAGS, summary: 'Patent coverage of a chain 产业链专利覆盖', description: 'Per segment of the chain: patents tied to it, inventions, granted, those held by the chain’s leaders (members with role leader) and by SMEs (registry size medium/small/micro), distinct holders, and gap flags where the leaders or SMEs hold none. Everyone who reads chains; unknown chain → 404.', params: IdParams, response: { 200: PatentCoverage } },
    }, async (request) => patentCoverage(db, requireActor(request), request.params.id));
  };
}
