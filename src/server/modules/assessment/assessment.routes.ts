import { z } from 'zod';
import {
  CreateScreeningBody, GradientInputs, GradientQuery, GradientResponse, RuleSetView, RuleSettingsBody, SaveGradientInputsBody, ScreeningResult, ScreeningResultsQuery, ScreeningView,
} from '../../../contracts/assessment.js';
import { Page, PageQuery } from '../../../contracts/common.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { getGradient, getGradientInputs, saveGradientInputs, type AssessmentDeps } from './gradient.service.js';
import { listRuleSets, saveRuleSettings } from './gradient.rules-admin.js';
import { createScreening, exportScreening, getScreening, listScreeningResults, listScreenings } from './gradient.screening.js';
import { businessDate } from '../../platform/dates.js';

const UsccParams = z.object({ uscc: z.string().min(1).max(32).describe('统一社会信用代码') });
const IdParams = z.object({ id: z.string().min(1).max(20).describe('Id') });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition of a download with a Chinese file name. */
export function attachment(name: string): string {
  return `attachment; filename="${encodeURIComponent(name).replace(/%[0-9A-F]{2}/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Routes of the gradient evaluation, digital-transformation level, solution catalogue. */
export function assessmentRoutes(ctx: AppContext) {
  const deps: AssessmentDeps = { db: ctx.db, graph: ctx.supplyGraph };
  return async (app: App) => {
    app.get('/api/v1/enterprises/:uscc/gradient', {
      schema: {
        tags: ['assessment'],
        summary: 'Gradient evaluation 梯度培育自评',
        description: 'Evaluates the enterprise for 创新型中小企业, 专精特新中小企业 and 专精特新“小巨人” with the rule set in force on `asOf` (2022 rules before 2026-04-01, the 2026 rules from then). Each tier lists every indicator (value used, band, points, rule reference), every condition with its gap, the direct route taken, missing figures (evaluated as far as possible, never an error) and what to improve. Own members, gov users in scope, admins; 404 for others.',
        params: UsccParams,
        querystring: GradientQuery,
        response: { 200: GradientResponse },
      },
    }, async (request) => getGradient(deps, requireActor(request), request.params.uscc, request.query.asOf));

    app.get('/api/v1/enterprises/:uscc/gradient-inputs', {
      schema: {
        tags: ['assessment'],
        summary: 'Gradient evaluation inputs 自评填报数据',
        description: 'The declared profile and the last three years’ figures (万元), pre-filled from the registry where not declared (`source`). Same access as the evaluation.',
        params: UsccParams,
        response: { 200: GradientInputs },
      },
    }, async (request) => getGradientInputs(ctx.db, requireActor(request), request.params.uscc));

    app.put('/api/v1/enterprises/:uscc/gradient-inputs', {
      schema: {
        tags: ['assessment'],
        summary: 'Save gradient evaluation inputs 保存自评填报数据',
        description: 'Replaces the declared profile (when given) and the given years’ figures, in one transaction with an audit entry. Own members, gov users in scope, admins; experts 403; 404 outside scope.',
        params: UsccParams,
        body: SaveGradientInputsBody,
        response: { 200: GradientInputs },
      },
    }, async (request) => saveGradientInputs(ctx.db, { actor: requireActor(request), requestId: request.id }, request.params.uscc, request.body));

    app.get('/api/v1/gradient-rules', {
      schema: {
        tags: ['assessment'],
        summary: 'Gradient rule sets 梯度培育规则版本',
        description: 'Every rule set with its effective period and each condition and indicator with its status (confirmed ✅, single_source ⚠️, unconfirmed ❓) and whether an administrator switched it off. Any signed-in user.',
        response: { 200: z.object({ items: z.array(RuleSetView) }) },
      },
    }, async (request) => {
      requireActor(request);
      return { items: await listRuleSets(ctx.db) };
    });

    app.put('/api/v1/gradient-rules/settings', {
      schema: {
        tags: ['assessment'],
        summary: 'Switch off unconfirmed rules 配置未确认条款',
        description: 'Platform admins only. `disabled` lists ⚠️/❓ condition or indicator keys to skip (a disabled requirement counts as met, a disabled direct route as not taken). Confirmed rules cannot be disabled (422).',
        body: RuleSettingsBody,
        response: { 200: z.object({ items: z.array(RuleSetView) }) },
      },
    }, async (request) => ({ items: await saveRuleSettings(ctx.db, { actor: requireActor(request), requestId: request.id }, request.body.disabled) }));

    app.post('/api/v1/gradient-screenings', {
      schema: {
        tags: ['assessment'],
        summary: 'Screen a region 梯度培育区域批量筛查',
        description: 'Evaluates every enterprise of the region (default: the caller’s scope) with the rule set in force on `asOf`, exactly as the single evaluation does, and stores per tier the candidates (qualify, not yet recognised) and near-misses (score short by at most `nearMissGap`, or one condition failed), with the IC-3 priority: chain leaders each SME supplies (supply edges). Gov users and admins; 403 for others; 422 naming `region` outside the scope.',
        body: CreateScreeningBody,
        response: { 201: ScreeningView },
      },
    }, async (request, reply) => reply.code(201).send(await createScreening(deps, { actor: requireActor(request), requestId: request.id }, request.body)));

    app.get('/api/v1/gradient-screenings', {
      schema: { tags: ['assessment'], summary: 'List screenings 筛查记录', description: 'Screenings of the caller’s scope, newest first (empty for non-gov users).', querystring: PageQuery, response: { 200: Page(ScreeningView) } },
    }, async (request) => listScreenings(ctx.db, requireActor(request), request.query));

    app.get('/api/v1/gradient-screenings/:id', {
      schema: { tags: ['assessment'], summary: 'Get a screening 筛查概况', description: 'Counts per tier. 404 outside the caller’s scope.', params: IdParams, response: { 200: ScreeningView } },
    }, async (request) => getScreening(ctx.db, requireActor(request), request.params.id));

    app.get('/api/v1/gradient-screenings/:id/results', {
      schema: {
        tags: ['assessment'],
        summary: 'Screening lists 筛查名单',
        description: 'Candidates or near-misses of one tier; SMEs supplying more chain leaders first (IC-3 priority), then fewer failed conditions, higher score. `priorityOnly=true` keeps only leader suppliers.',
        params: IdParams,
        querystring: ScreeningResultsQuery,
        response: { 200: Page(ScreeningResult) },
      },
    }, async (request) => listScreeningResults(ctx.db, requireActor(request), request.params.id, request.query));

    app.get('/api/v1/gradient-screenings/:id/export', {
      schema: { tags: ['assessment'], summary: 'Export screening lists 导出筛查名单', description: 'Every list of the screening as `.xlsx`, one sheet per tier and kind (at most 20,000 rows each).', params: IdParams },
    }, async (request, reply) => {
      const { buffer } = await exportScreening(ctx.db, requireActor(request), request.params.id);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`梯度培育筛查-${request.params.id}-${businessDate()}.xlsx`)).send(buffer);
    });
  };
}
