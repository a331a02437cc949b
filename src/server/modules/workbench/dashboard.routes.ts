import { DashboardQuery, DashboardView } from '../../../contracts/workbench.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { buildDashboard, type DashboardDeps } from './dashboard.service.js';
import { XLSX_TYPE, attachmentHeader, dashboardWorkbook } from './workbench.export.js';

const DESCRIPTION =
  'Figures of a region (default: the caller’s scope; a region outside it is 404) — enterprises by size and tier, chain maps (with `chain`: the chain’s segments and weak links 断点/堵点/卡点 instead), needs published / fulfilled / awaiting review, risk events, open and overdue tasks — each with `link`, the web route of the list it counts; and the same per subordinate region (`regions`). With `chain`, enterprise, need and risk figures count the chain’s member enterprises only. Gov users and admins; 403 for others.';

/** `GET /api/v1/dashboard` and its Excel export. */
export function dashboardRoutes(ctx: AppContext) {
  const deps: DashboardDeps = { db: ctx.db, graph: ctx.supplyGraph };
  return async (app: App) => {
    app.get('/api/v1/dashboard', {
      schema: { tags: ['workbench'], summary: 'Dispatch dashboard 调度驾驶舱', description: DESCRIPTION, querystring: DashboardQuery, response: { 200: DashboardView } },
    }, async (request) => buildDashboard(deps, requireActor(request), request.query));

    app.get('/api/v1/dashboard/export', {
      schema: { tags: ['workbench'], summary: 'Export the dashboard to Excel 导出驾驶舱数据', description: 'The figures and the per-region table of `GET /dashboard` as `.xlsx`.', querystring: DashboardQuery },
    }, async (request, reply) => {
      const view = await buildDashboard(deps, requireActor(request), request.query);
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentHeader(`数据驾驶舱-${view.regionName}-${businessDate()}.xlsx`)).send(await dashboardWorkbook(view));
    });
  };
}
