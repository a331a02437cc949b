import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import { CreateEnterpriseBody, EnterpriseDetail, EnterpriseSummary, ImportDecision, ImportReport, ListEnterprisesQuery, UpdateEnterpriseBody, IMPORT_MAX_BYTES } from '../../../contracts/enterprises.js';
import { AppError } from '../../errors.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { listHistory } from '../audit/index.js';
import { exportEnterprises, importTemplate } from './enterprises.export.js';
import { importEnterprises } from './enterprises.import.js';
import { presentDetail, presentSummary } from './enterprises.present.js';
import { createEnterprise, getEnterprise, listEnterprises, updateEnterprise } from './enterprises.service.js';

const UsccParams = z.object({ uscc: z.string().min(1).max(32).describe('统一社会信用代码') });
const ExportQuery = ListEnterprisesQuery.omit({ cursor: true, limit: true });
const ImportQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('true').describe('`true` (default) validates and reports only; `false` commits all rows in one transaction or none.'),
});
const HistoryEntry = z.object({ id: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), before: z.unknown(), after: z.unknown() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(name: string): string {
  return `attachment; filename="${encodeURIComponent(name).replace(/%[0-9A-F]{2}/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** `/api/v1/enterprises*`: the registry, import and export. */
export function enterprisesRoutes(ctx: AppContext) {
  return async (app: App) => {
    app.get('/api/v1/enterprises', {
      schema: {
        tags: ['enterprises'],
        summary: 'List enterprises 企业列表',
        description: 'Enterprises in the caller’s scope (gov: their region and below; members: their own enterprise). Filters combine with AND. `q` matches a Chinese substring of the name or, for Latin letters, the pinyin initials.',
        querystring: ListEnterprisesQuery,
        response: { 200: Page(EnterpriseSummary) },
      },
    }, async (request) => {
      const page = await ctx.reads.run(request, (db) => listEnterprises(db, requireActor(request), request.query));
      return { items: page.items.map(presentSummary), nextCursor: page.nextCursor, total: page.total };
    });

    app.post('/api/v1/enterprises', {
      schema: {
        tags: ['enterprises'],
        summary: 'Register an enterprise 登记企业',
        description: 'Gov users (inside their region) and admins. The size class is derived from the industry and the figures (2017 rules), never typed in. Figures are in 万元 and stored as integer fen.',
        body: CreateEnterpriseBody,
        response: { 201: EnterpriseDetail },
      },
    }, async (request, reply) => {
      const view = await createEnterprise(ctx.db, { actor: requireActor(request), requestId: request.id }, request.body);
      return reply.code(201).send(presentDetail(view));
    });

    app.get('/api/v1/enterprises/export', {
      schema: {
        tags: ['enterprises'],
        summary: 'Export enterprises to Excel 导出企业名录',
        description: 'The filtered list as `.xlsx`; its first columns are the import columns, so that it can be edited and imported again.',
        querystring: ExportQuery,
      },
    }, async (request, reply) => {
      const stream = exportEnterprises(ctx.reads.db(request), requireActor(request), request.query);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`企业名录-${businessDate()}.xlsx`)).send(stream);
    });

    app.get('/api/v1/enterprises/import/template', {
      schema: {
        tags: ['enterprises'],
        summary: 'Import template 导入模板',
        querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
      },
    }, async (request, reply) => {
      requireActor(request);
      const body = await importTemplate(request.query.format);
      const isCsv = request.query.format === 'csv';
      return reply
        .header('content-type', isCsv ? 'text/csv; charset=utf-8' : XLSX)
        .header('content-disposition', attachment(`企业导入模板.${request.query.format}`))
        .send(body);
    });

    app.post('/api/v1/enterprises/import', {
      schema: {
        tags: ['enterprises'],
        summary: 'Import enterprises from .xlsx/.csv 导入企业',
        description: 'multipart/form-data with `file` (.xlsx, or .csv in UTF-8 or GBK) and optionally `decisions` (JSON array of `{uscc, existingUscc, decision: "distinct"|"skip"}` for uncertain name matches; remembered for later uploads). Columns by header, Chinese or English. A commit (`dryRun=false`) with errors or undecided matches is refused with 422 and the report in `report`; nothing is written.',
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ImportReport },
      },
    }, async (request) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) {
        throw new AppError('validation_failed', 'Expected multipart/form-data', { errors: [{ path: 'file', message: '请以 multipart/form-data 上传文件字段 file' }] });
      }
      let file: Buffer | undefined;
      let decisions: ImportDecision[] = [];
      for await (const part of request.parts({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5 } })) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') {
            await part.toBuffer();
            continue;
          }
          file = await part.toBuffer();
          if (part.file.truncated) {
            throw new AppError('payload_too_large', 'File too large', { userMessage: `文件超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB 上限` });
          }
        } else if (part.fieldname === 'decisions') {
          let raw: unknown;
          try {
            raw = JSON.parse(String(part.value));
          } catch {
            throw new AppError('validation_failed', 'decisions is not JSON', { errors: [{ path: 'decisions', message: 'decisions 必须是 JSON 数组' }] });
          }
          const parsed = z.array(ImportDecision).max(200_000).safeParse(raw);
          if (!parsed.success) {
            throw new AppError('validation_failed', 'Bad decisions', { errors: parsed.error.issues.map((i) => ({ path: ['decisions', ...i.path].join('.'), message: i.message })) });
          }
          decisions = parsed.data;
        }
      }
      if (!file) {
        throw new AppError('validation_failed', 'No file', { errors: [{ path: 'file', message: '请上传文件（字段名 file）' }] });
      }
      return importEnterprises(ctx.db, { actor, requestId: request.id }, file, { isDryRun: request.query.dryRun !== 'false', decisions });
    });

    app.get('/api/v1/enterprises/:uscc', {
      schema: {
        tags: ['enterprises'],
        summary: 'Get an enterprise 企业详情',
        description: '404 when it does not exist or lies outside the caller’s scope. `restricted` (contacts, yearly financials) is present only for the enterprise’s own members, gov users in scope and admins.',
        params: UsccParams,
        response: { 200: EnterpriseDetail },
      },
    }, async (request) => presentDetail(await getEnterprise(ctx.db, requireActor(request), request.params.uscc)));

    app.patch('/api/v1/enterprises/:uscc', {
      schema: {
        tags: ['enterprises'],
        summary: 'Update an enterprise 修改企业信息',
        description: 'Gov users and admins in scope change anything; an enterprise’s own members change its profile (products, capabilities, certifications, contacts, figures).',
        params: UsccParams,
        body: UpdateEnterpriseBody,
        response: { 200: EnterpriseDetail },
      },
    }, async (request) => presentDetail(await updateEnterprise(ctx.db, { actor: requireActor(request), requestId: request.id }, request.params.uscc, request.body)));

    app.get('/api/v1/enterprises/:uscc/history', {
      schema: {
        tags: ['enterprises'],
        summary: 'Change history 变更记录',
        description: 'Audit entries of the enterprise, newest first: who, when, what, before and after.',
        params: UsccParams,
        querystring: z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(HistoryEntry), nextCursor: z.string().nullable() }) },
      },
    }, async (request) => {
      const view = await getEnterprise(ctx.db, requireActor(request), request.params.uscc);
      return listHistory(ctx.db, 'enterprise', view.record.uscc, request.query);
    });
  };
}
