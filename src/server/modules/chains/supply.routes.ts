import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import { IMPORT_MAX_BYTES } from '../../../contracts/enterprises.js';
import { CreateSupplyEdgeBody, LittleGiantsQuery, LittleGiantsResponse, ListSupplyEdgesQuery, SupplyEdge, SupplyImportReport, SupplySummary, WeakLinksQuery, WeakLinksResponse } from '../../../contracts/supply.js';
import { AppError } from '../../errors.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { getChain } from './chains.service.js';
import { littleGiantsWorkbook } from './little-giants.export.js';
import { getLittleGiants } from './little-giants.service.js';
import { exportSupplyEdges, supplyImportTemplate } from './supply.export.js';
import { createSupplyEdge, importSupplyEdges, type SupplyDeps } from './supply.import.js';
import { presentSupplyEdge } from './supply.present.js';
import { deleteSupplyEdge, getSupplyEdge, getSupplySummary, listSupplyEdges } from './supply.service.js';
import { getWeakLinks } from './weak-links.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EdgeParams = z.object({ id: z.string().max(20).describe('Supply edge id.') });
const ChainParams = z.object({ id: z.string().max(20).describe('Chain id.') });
const UsccParams = z.object({ uscc: z.string().min(1).max(32).describe('统一社会信用代码') });
const ImportQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('true').describe('`true` (default) validates and reports only; `false` writes every row in one transaction, or nothing.'),
});
const PRIVACY = 'Private edges (a member’s own supplier list) are returned only to their owner organisation, gov users whose scope holds the customer’s region, and admins; everyone else sees them only in counts.';

function attachment(name: string): string {
  return `attachment; filename="${encodeURIComponent(name).replace(/%[0-9A-F]{2}/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** `/api/v1/supply-edges*`, supply summaries, and the chain analyses over the supply graph (weak links, 小巨人 map). */
export function supplyRoutes(ctx: AppContext) {
  const deps: SupplyDeps = { db: ctx.db, graph: ctx.supplyGraph };
  return async (app: App) => {
    app.get('/api/v1/supply-edges', {
      schema: {
        tags: ['supply'],
        summary: 'List supply edges 供应关系列表',
        description: `Supplier → customer edges, newest first, filtered by supplier/customer USCC and product. ${PRIVACY}`,
        querystring: ListSupplyEdgesQuery,
        response: { 200: Page(SupplyEdge) },
      },
    }, async (request) => {
      const page = await listSupplyEdges(ctx.db, requireActor(request), request.query);
      return { items: page.items.map(presentSupplyEdge), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/supply-edges', {
      schema: {
        tags: ['supply'],
        summary: 'Record a supply edge 登记供应关系',
        description: 'Members record suppliers of their own enterprise (optionally private); gov users and admins for customers in their region. The same supplier–customer–product edge is updated (200) instead of duplicated (201).',
        body: CreateSupplyEdgeBody,
        response: { 200: SupplyEdge, 201: SupplyEdge },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const { isCreated, id } = await createSupplyEdge(deps, { actor, requestId: request.id }, {
        supplierUscc: request.body.supplierUscc,
        supplierName: request.body.supplierName,
        supplierCountry: request.body.supplierCountry ?? 'CN',
        customerUscc: request.body.customerUscc,
        product: request.body.product,
        share: request.body.share ?? null,
        since: request.body.since ?? null,
        source: request.body.source ?? '',
        isPrivate: request.body.isPrivate ?? false,
      });
      return reply.code(isCreated ? 201 : 200).send(presentSupplyEdge(await getSupplyEdge(ctx.db, actor, id)));
    });

    app.get('/api/v1/supply-edges/export', {
      schema: {
        tags: ['supply'],
        summary: 'Export supply edges to Excel 导出供应关系',
        description: `The filtered list as \`.xlsx\`; its first columns are the import columns. ${PRIVACY}`,
        querystring: ListSupplyEdgesQuery.omit({ cursor: true, limit: true }),
      },
    }, async (request, reply) => {
      const stream = exportSupplyEdges(ctx.db, requireActor(request), request.query);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`供应关系-${businessDate()}.xlsx`)).send(stream);
    });

    app.get('/api/v1/supply-edges/import/template', {
      schema: { tags: ['supply'], summary: 'Supplier list template 供应商清单模板' },
    }, async (request, reply) => {
      requireActor(request);
      return reply.header('content-type', XLSX).header('content-disposition', attachment('供应商清单模板.xlsx')).send(await supplyImportTemplate());
    });

    app.post('/api/v1/supply-edges/import', {
      schema: {
        tags: ['supply'],
        summary: 'Import a supplier list 导入供应商清单',
        description: 'multipart/form-data with `file` (.xlsx, or .csv in UTF-8/GBK) and optionally `isPrivate` (`true`: rows without a `private` cell go to the private list). Columns `supplier_uscc, customer_uscc, product, share` and optional `since, source, supplier_name, supplier_country, private` (English or Chinese headers). Off-platform suppliers: leave `supplier_uscc` empty and give `supplier_name` and `supplier_country`. Row errors (unknown enterprise, self-loop, share outside 0–1, malformed USCC) name row and column; a commit with errors is refused with 422 and the report in `report`.',
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: SupplyImportReport },
      },
    }, async (request) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) {
        throw new AppError('validation_failed', 'Expected multipart/form-data', { errors: [{ path: 'file', message: '请以 multipart/form-data 上传文件字段 file' }] });
      }
      let file: Buffer | undefined;
      let isPrivateByDefault = false;
      for await (const part of request.parts({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5 } })) {
        if (part.type === 'file') {
          const buffer = await part.toBuffer();
          if (part.fieldname !== 'file') continue;
          if (part.file.truncated) {
            throw new AppError('payload_too_large', 'File too large', { userMessage: `文件超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB 上限` });
          }
          file = buffer;
        } else if (part.fieldname === 'isPrivate') {
          isPrivateByDefault = String(part.value) === 'true';
        }
      }
      if (!file) {
        throw new AppError('validation_failed', 'No file', { errors: [{ path: 'file', message: '请上传文件（字段名 file）' }] });
      }
      return importSupplyEdges(deps, { actor, requestId: request.id }, file, { isDryRun: request.query.dryRun !== 'false', isPrivateByDefault });
    });

    app.delete('/api/v1/supply-edges/:id', {
      schema: {
        tags: ['supply'],
        summary: 'Delete a supply edge 删除供应关系',
        description: 'Its owner organisation, or gov users and admins with the customer in scope. Anything else is 404.',
        params: EdgeParams,
        response: { 204: z.null() },
      },
    }, async (request, reply) => {
      await deleteSupplyEdge(deps, { actor: requireActor(request), requestId: request.id }, request.params.id);
      return reply.code(204).send(null);
    });

    app.get('/api/v1/enterprises/:uscc/supply-summary', {
      schema: {
        tags: ['supply'],
        summary: 'Supply summary of an enterprise 企业供应关系概况',
        description: 'Counts of suppliers and customers, private lists included (counts never say who). Any signed-in user.',
        params: UsccParams,
        response: { 200: SupplySummary },
      },
    }, async (request) => {
      requireActor(request);
      return getSupplySummary(ctx.db, request.params.uscc);
    });

    app.get('/api/v1/chains/:id/weak-links', {
      schema: {
        tags: ['chains'],
        summary: 'Weak links of a chain 断点堵点卡点分析',
        description: 'Per segment of the chain, in `region` (default: the chain’s region): capable enterprises in the region and nationally (members of the segment in chains of the same template), local/outside/foreign supply share of the region’s leaders, HHI, single-source dependencies. Findings: `break` 断点 (no capable enterprise in the region), `blockage` 堵点 (one supplier, local concentration or too little capacity), `choke` 卡点 (inputs from abroad or one outside source), sorted by score, with evidence and ranked candidates to fill them (补链/招商). Thresholds are documented in `weak-links.analysis.ts`. Private edges count only for users who may see them.',
        params: ChainParams,
        querystring: WeakLinksQuery,
        response: { 200: WeakLinksResponse },
      },
    }, async (request) => getWeakLinks(deps, requireActor(request), request.params.id, request.query));

    app.get('/api/v1/chains/:id/little-giants', {
      schema: {
        tags: ['chains'],
        summary: '小巨人 chain map 专精特新“小巨人”产业链图谱',
        description: 'Per segment, the 专精特新 and 小巨人 enterprises in `region` (default: the chain’s) and the chain leaders they supply; plus the SMEs that supply the region’s leaders (priority in 小巨人 recognition), most leaders first.',
        params: ChainParams,
        querystring: LittleGiantsQuery,
        response: { 200: LittleGiantsResponse },
      },
    }, async (request) => getLittleGiants(deps, requireActor(request), request.params.id, request.query.region));

    app.get('/api/v1/chains/:id/little-giants/export', {
      schema: {
        tags: ['chains'],
        summary: 'Export the 小巨人 chain map 导出小巨人图谱',
        params: ChainParams,
        querystring: LittleGiantsQuery,
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const map = await getLittleGiants(deps, actor, request.params.id, request.query.region);
      const { chain } = await getChain(ctx.db, actor, request.params.id);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`${chain.name}-小巨人图谱-${businessDate()}.xlsx`)).send(await littleGiantsWorkbook(map));
    });
  };
}
