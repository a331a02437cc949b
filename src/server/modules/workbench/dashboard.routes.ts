import { DashboardQuery, DashboardView } from '../../../contracts/workbench.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { buildDashboard, type DashboardDeps } from './dashboard.service.js';
import { XLSX_TYPE, attachmentHeader, dashboardWorkbook } from './workbench.export.js';

const DESCRIPTION =
  'Figures of a region (default: the caller’s scope; a region outside it is 404) — enterprises by size and tier, chain maps (with `chain`: the chain’s segments and weak links 断点/堵点/卡点 instead), needs published / fulfilled / awaiting review / matched, deals signed and their amount (fen, buyer’s region), challenges by status, shared resources with approved bookings and the sharing rate (minutes used by other enterprises / minutes used), payment conduct (share of fully paid deliveries paid by the due date, overdue deliveries and amount) and payment complaints, digital-transformation levels (newest submitted assessment per enterprise), risk events, open and overdue tasks — each with `link`, the web route of the list it counts; and the same per subordinate region (`regions`). With `chain`, enterprise, need, deal, challenge, resource, payment, complaint, digital and risk figures count the chain’s member enterprises only. Each figure has `unit` (count | fen | percent); a percent figure has `basis`, the count it is a share of. Gov users and admins; 403 for others.';

/** `GET /api/v1/dashboard` and its Excel export. */
export function dashboardRoutes(ctx: AppContext) {
  const deps: DashboardDeps = { db: ctx.db, graph: ctx.supplyGraph };
  return async (app: App) => {
    app.get('/api/v1/dashboard', {
      schema: { tags: ['workbench'], summary: 'Dispatch dashboard 调度驾驶舱', description: DESCRIPTION, querystring: DashboardQuery, response: { 200: DashboardView } },
    }, async (request) => ctx.reads.run(request, (db) => buildDashboard({ ...deps, db }, requireActor(request), request.query)));

    app.get('/api/v1/dashboard/export', {
      schema: { tags: ['workbench'], summary: 'Export the dashboard to Excel 导出驾驶舱数据', description: 'The figures and the per-region table of `GET /dashboard` as `.xlsx`.', querystring: DashboardQuery },
    }, async (request, reply) => {
      const view = await ctx.reads.run(request, (db) => buildDashboard({ ...deps, db }, requireActor(request), request.query));
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentHeader(`数据驾驶舱-${view.regionName}-${businessDate()}.xlsx`)).send(await dashboardWorkbook(view));
    });
  };
}
