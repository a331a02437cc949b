import { z } from 'zod';
import {
  CreateDigitalAssessmentBody, CreateSolutionBody, DigitalAssessmentView, DigitalFormView, DigitalStats, DigitalStatsEnterprise, DigitalStatsEnterprisesQuery, DigitalStatsQuery, ListSolutionsQuery, ShareDigitalAssessmentBody, SolutionView,
  CreateScreeningBody, GradientInputs, GradientQuery, GradientResponse, RuleSetView, RuleSettingsBody, SaveGradientInputsBody, ScreeningResult, ScreeningResultsQuery, ScreeningView,
} from '../../../contracts/assessment.js';
import { Page, PageQuery } from '../../../contracts/common.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { getGradient, getGradientInputs, saveGradientInputs, type AssessmentDeps } from './gradient.service.js';
import { listRuleSets, saveRuleSettings } from './gradient.rules-admin.js';
import { createScreening, exportScreening, getScreening, listScreeningResults, listScreenings } from './gradient.screening.js';
import { businessDate } from '../../platform/dates.js';
import { digitalStats, exportDigitalStats, listDigitalStatsEnterprises } from './digital.stats.js';
import { createDigitalAssessment, findDraft, getDigitalAssessment, listDigitalAssessments, listDigitalForms, listSharedWithMe, shareDigitalAssessment } from './digital.service.js';
import { createSolution, listSolutions } from './solutions.service.js';

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

    app.get('/api/v1/digital-forms', {
      schema: { tags: ['assessment'], summary: 'Digital-level questionnaires 数字化水平评测问卷', description: 'The shipped questionnaires with dimensions, questions, options and each rule’s status (the 2024 version: weights ✅, items ⚠️). Any signed-in user.', response: { 200: z.object({ items: z.array(DigitalFormView) }) } },
    }, async (request) => {
      requireActor(request);
      return { items: await listDigitalForms(ctx.db) };
    });

    app.post('/api/v1/enterprises/:uscc/digital-assessments', {
      schema: {
        tags: ['assessment'],
        summary: 'Assess the digital level 数字化水平评测',
        description: 'Scores the answers of questionnaire `form`: total, level (一级–四级; below 20 no level), per-dimension results and next steps on the platform (guidance and catalogue solutions per weak dimension, the gradient link). `isDraft: true` saves the answers to resume later (one draft per form, partial answers allowed); otherwise the result is kept in the history (T0, T1 …). An answer outside its question’s options → 422 naming `answers.<question>`. Own members, gov users in scope, admins; experts 403; 404 outside scope.',
        params: UsccParams,
        body: CreateDigitalAssessmentBody,
        response: { 201: DigitalAssessmentView },
      },
    }, async (request, reply) => reply.code(201).send(await createDigitalAssessment(ctx.db, { actor: requireActor(request), requestId: request.id }, request.params.uscc, request.body)));

    app.get('/api/v1/enterprises/:uscc/digital-assessments', {
      schema: { tags: ['assessment'], summary: 'Digital-level history 数字化评测历史', description: 'Submitted assessments, newest first, each with its round (T0 = first) and deltas to the previous one. Same access as the enterprise’s restricted figures.', params: UsccParams, response: { 200: z.object({ items: z.array(DigitalAssessmentView) }) } },
    }, async (request) => ({ items: await listDigitalAssessments(ctx.db, requireActor(request), request.params.uscc) }));

    app.get('/api/v1/enterprises/:uscc/digital-assessments/draft', {
      schema: { tags: ['assessment'], summary: 'Saved draft 评测草稿', description: 'The open draft of a questionnaire (`form`, default general-2024) to resume, or null.', params: UsccParams, querystring: z.object({ form: z.string().max(40).default('general-2024') }), response: { 200: z.object({ draft: DigitalAssessmentView.nullable() }) } },
    }, async (request) => ({ draft: await findDraft(ctx.db, requireActor(request), request.params.uscc, request.query.form) }));

    app.get('/api/v1/digital-assessments/shared-with-me', {
      schema: { tags: ['assessment'], summary: 'Results shared with my enterprise 供应商共享的评测', description: 'Submitted results that other enterprises shared with the member’s enterprise (buyers see their suppliers’ levels).', response: { 200: z.object({ items: z.array(DigitalAssessmentView) }) } },
    }, async (request) => ({ items: await listSharedWithMe(ctx.db, requireActor(request)) }));

    app.get('/api/v1/digital-assessments/:id', {
      schema: { tags: ['assessment'], summary: 'Get a digital assessment 评测详情', description: 'Owner’s members, gov users in scope, admins, and members of buyers it is shared with; 404 for others.', params: IdParams, response: { 200: DigitalAssessmentView } },
    }, async (request) => getDigitalAssessment(ctx.db, requireActor(request), request.params.id));

    app.post('/api/v1/digital-assessments/:id/share', {
      schema: { tags: ['assessment'], summary: 'Share with buyers 向采购方共享', description: 'Replaces the buyers who may read this submitted result. 409 for drafts; 422 naming `buyerUsccs.<i>` for unknown enterprises.', params: IdParams, body: ShareDigitalAssessmentBody, response: { 200: DigitalAssessmentView } },
    }, async (request) => shareDigitalAssessment(ctx.db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body.buyerUsccs));

    app.get('/api/v1/digital-assessment-stats', {
      schema: { tags: ['assessment'], summary: 'Regional digital-level statistics 区域数字化水平统计', description: 'Level distribution, average score and average dimension percentages over the newest submitted assessment of each enterprise of the region (default the caller’s scope). Gov users and admins.', querystring: DigitalStatsQuery, response: { 200: DigitalStats } },
    }, async (request) => digitalStats(ctx.db, requireActor(request), request.query.region));

    app.get('/api/v1/digital-assessment-stats/enterprises', {
      schema: {
        tags: ['assessment'],
        summary: 'Enterprises behind the statistics 区域数字化水平企业名单',
        description: 'Drill-down: the newest submitted result of each enterprise of the region (default the caller’s scope), filtered by `level`, `industry` (code prefix) and recognised `tier`, highest score first, paginated. Gov users and admins; 403 for others; 422 naming `region` outside the scope.',
        querystring: DigitalStatsEnterprisesQuery,
        response: { 200: Page(DigitalStatsEnterprise) },
      },
    }, async (request) => listDigitalStatsEnterprises(ctx.db, requireActor(request), request.query));

    app.get('/api/v1/digital-assessment-stats/export', {
      schema: {
        tags: ['assessment'],
        summary: 'Export regional digital-level statistics 导出区域数字化水平统计',
        description: 'The statistics (by region, industry, tier, quarter) and the enterprise list with the same filters as the drill-down, as `.xlsx` (at most 20,000 enterprises). Gov users and admins.',
        querystring: DigitalStatsEnterprisesQuery.omit({ cursor: true, limit: true }),
      },
    }, async (request, reply) => {
      const buffer = await exportDigitalStats(ctx.db, requireActor(request), request.query);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`数字化水平统计-${request.query.region ?? 'scope'}-${businessDate()}.xlsx`)).send(buffer);
    });

    app.get('/api/v1/solutions', {
      schema: { tags: ['assessment'], summary: 'Solution catalogue 小快轻准解决方案', description: 'Published digital solutions and industrial apps, newest first; filters by text, dimension, kind, sector (solutions for that sector or all) and deployment time. Any signed-in user.', querystring: ListSolutionsQuery, response: { 200: Page(SolutionView) } },
    }, async (request) => {
      requireActor(request);
      return listSolutions(ctx.db, request.query);
    });

    app.post('/api/v1/solutions', {
      schema: { tags: ['assessment'], summary: 'Publish a solution 发布解决方案', description: 'Service providers and large enterprises for themselves; gov users and admins for a provider in scope (`uscc`). SME members and experts 403.', body: CreateSolutionBody, response: { 201: SolutionView } },
    }, async (request, reply) => reply.code(201).send(await createSolution(ctx.db, { actor: requireActor(request), requestId: request.id }, request.body)));
  };
}
