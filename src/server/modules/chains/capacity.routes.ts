import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import {
  CAPACITY_BATCH_MAX, CapacityEnterpriseRow, CapacityEnterprisesQuery, CapacityImportReport, CapacityMonitorQuery, CapacityMonitorView, CapacityReportsBody, CapacityReportsResult,
  EnterpriseCapacityView, MonthRangeQuery,
} from '../../../contracts/capacity.js';
import { IMPORT_MAX_BYTES } from '../../../contracts/enterprises.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { readUpload } from '../../platform/files.js';
import { XLSX_TYPE, attachmentHeader } from '../workbench/workbench.export.js';
import { capacityTemplate, capacityWorkbook, importCapacity, requireImportRole } from './capacity.sheet.js';
import { getCapacityMonitor, getEnterpriseCapacity, listCapacityEnterprises, reportCapacity } from './capacity.service.js';

const TAGS = ['capacity'];
const ChainParams = z.object({ id: z.string().max(20).describe('Chain id.') });
const UsccParams = z.object({ uscc: z.string().min(1).max(32).describe('统一社会信用代码') });
const EXPORT_MAX = 10_000;
const SCOPE = 'Gov users and admins only (403 for others); only the SMEs (size medium/small/micro) placed on the chain whose region lies in the caller’s scope count.';
const ALERTS = 'Alerts look at `to`: `idle` utilisation below `idleBelow` (default 0.6), `drop` utilisation fell by at least `dropPoints` percentage points (default 15) from the month before, `missing` no report for `to`.';

/** `/api/v1/capacity/*` and `/api/v1/chains/{id}/capacity*`: capacity monitoring of a chain's SMEs (产能监测, DC-3; ADR 0036). */
export function capacityRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.post('/api/v1/capacity/reports', {
      schema: {
        tags: TAGS,
        summary: 'Report monthly capacity figures 报送产能运行数据',
        description: `A batch of months (at most ${CAPACITY_BATCH_MAX}) per enterprise: capacity and output in one unit (\`fen\` = monthly output value in integer fen, or a physical unit), orders on hand (fen), employees. Utilisation is computed (output ÷ capacity, 0–1); output above capacity is refused. Members report their own enterprise (source \`self_report\`); gov users for enterprises in their scope and admins — e.g. an industrial-internet platform — (source \`platform_api\`). A month already reported is replaced; its earlier version stays in the audit log. Every item or none (one transaction); 422 names \`items.N.<field>\` (an enterprise out of scope reads like an unknown one).`,
        body: CapacityReportsBody,
        response: { 200: CapacityReportsResult },
      },
    }, async (request) => reportCapacity(db, { actor: requireActor(request), requestId: request.id }, request.body.items));

    app.get('/api/v1/capacity/import/template', {
      schema: { tags: TAGS, summary: 'Capacity import template 产能数据导入模板', description: 'The `.xlsx` template of the import, with two example rows and notes. Any signed-in user.' },
    }, async (request, reply) => {
      requireActor(request);
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentHeader('产能运行数据导入模板.xlsx')).send(await capacityTemplate());
    });

    app.post('/api/v1/capacity/import', {
      schema: {
        tags: TAGS,
        summary: 'Import monthly capacity figures 导入产能运行数据',
        description: 'multipart/form-data with `file` (.xlsx, or .csv in UTF-8/GBK). Columns 统一社会信用代码/uscc, 月份/month, 单位/unit (optional, default `fen`), 产能/capacity, 产量/output, 在手订单（分）/ordersOnHandFen, 从业人数/employees. Gov users for enterprises in their scope, admins; 403 for others. `dryRun=true` (default) reports row errors naming row and field; `dryRun=false` writes every row in one transaction (source `government_import`), or nothing (422 naming `rows.N.<field>`, the report in `report`).',
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true').describe('`true` (default) checks only; `false` writes all rows or none.') }),
        consumes: ['multipart/form-data'],
        response: { 200: CapacityImportReport },
      },
    }, async (request) => {
      const actor = requireActor(request);
      requireImportRole(actor);
      const upload = await readUpload(request, { maxBytes: IMPORT_MAX_BYTES });
      return importCapacity(db, { actor, requestId: request.id }, upload.bytes, { isDryRun: request.query.dryRun !== 'false' });
    });

    app.get('/api/v1/capacity/enterprises/:uscc', {
      schema: {
        tags: TAGS,
        summary: 'Monthly capacity figures of an enterprise 企业产能运行数据',
        description: 'The months reported in the range (default: the 12 months up to the current one), oldest first, with source and reporter. The enterprise’s own members, gov users with it in scope, admins; 404 for everyone else.',
        params: UsccParams,
        querystring: MonthRangeQuery,
        response: { 200: EnterpriseCapacityView },
      },
    }, async (request) => getEnterpriseCapacity(db, requireActor(request), request.params.uscc, request.query));

    app.get('/api/v1/chains/:id/capacity', {
      schema: {
        tags: TAGS,
        summary: 'Capacity monitoring of a chain 产业链中小企业产能监测',
        description: `Per segment for the month range (default: the 12 complete months up to last month): SMEs, those reporting \`to\`, value capacity and output (unit \`fen\` rows), mean utilisation and its month-on-month change in points, alert counts, mean utilisation per month (for the heat map); totals count each SME once; the alerts; open capacity needs per segment. ${ALERTS} ${SCOPE}`,
        params: ChainParams,
        querystring: CapacityMonitorQuery,
        response: { 200: CapacityMonitorView },
      },
    }, async (request) => getCapacityMonitor(db, requireActor(request), request.params.id, request.query));

    app.get('/api/v1/chains/:id/capacity/enterprises', {
      schema: {
        tags: TAGS,
        summary: 'SMEs of a chain’s capacity monitoring 产能监测企业明细',
        description: `Drill-down: the SMEs of the chain (or of \`segment\`, 422 when the chain has no such segment), optionally only those with \`alert\`, with the figures of \`to\`: alerts first (idle, drop, missing), then by utilisation. ${ALERTS} ${SCOPE}`,
        params: ChainParams,
        querystring: CapacityEnterprisesQuery,
        response: { 200: Page(CapacityEnterpriseRow) },
      },
    }, async (request) => listCapacityEnterprises(db, requireActor(request), request.params.id, request.query));

    app.get('/api/v1/chains/:id/capacity/export', {
      schema: {
        tags: TAGS,
        summary: 'Export a chain’s capacity monitoring 导出产能监测',
        description: `\`.xlsx\` with two sheets: the segments (with utilisation per month) and the SMEs (of \`segment\` / \`alert\` when given), as the two reads above return them. ${SCOPE}`,
        params: ChainParams,
        querystring: CapacityEnterprisesQuery.omit({ cursor: true, limit: true }),
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const monitor = await getCapacityMonitor(db, actor, request.params.id, request.query);
      const rows = await listCapacityEnterprises(db, actor, request.params.id, { ...request.query, limit: EXPORT_MAX });
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentHeader(`${monitor.chainName}-产能监测-${businessDate()}.xlsx`)).send(await capacityWorkbook(monitor, rows.items));
    });
  };
}
