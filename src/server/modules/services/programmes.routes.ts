import { z } from 'zod';
import { Page, PageQuery } from '../../../contracts/common.js';
import { ApplyProgrammeBody, CreateProgrammeBody, DecideApplicationBody, EligibilityView, ProgrammeApplicationView, ProgrammeView, type ProgrammeRules } from '../../../contracts/services.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { regionFullName } from '../../platform/regions.js';
import { describeRules } from './programmes.eligibility.js';
import type { ApplicationRecord, ProgrammeRecord } from './programmes.repo.js';
import { applyToProgramme, checkEligibility, createProgramme, decideApplication, getApplication, getProgramme, listApplications, listProgrammes } from './programmes.service.js';

const TAGS = ['services'];
const IdParams = z.object({ id: z.string().min(1).max(20) });

function presentProgramme(view: { programme: ProgrammeRecord; canManage: boolean; myApplicationId: string | null }): ProgrammeView {
  const p = view.programme;
  const rules = p.rules as ProgrammeRules;
  return {
    id: p.id, title: p.title, regionCode: p.regionCode, regionName: regionFullName(p.regionCode) ?? p.regionCode, description: p.description, rules, rulesText: describeRules(p.regionCode, rules),
    maxAmountFen: Number(p.maxAmountFen), deadline: p.deadline, isOpen: businessDate() <= p.deadline, canManage: view.canManage, myApplicationId: view.myApplicationId,
  };
}

function presentApplication(a: ApplicationRecord): ProgrammeApplicationView {
  return {
    id: a.id, programmeId: a.programmeId, programmeTitle: a.programmeTitle, uscc: a.uscc, name: a.name, regionCode: a.regionCode, requestedFen: Number(a.requestedFen), plan: a.plan,
    isEligible: a.isEligible, reasons: a.reasons, status: a.status as ProgrammeApplicationView['status'], approvedFen: a.approvedFen === null ? null : Number(a.approvedFen), decisionNote: a.decisionNote, createdAt: a.createdAt.toISOString(),
  };
}

/** `/api/v1/programmes*` and `/api/v1/programme-applications*`. */
export function programmeRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/programmes', {
      schema: { tags: TAGS, summary: 'Policy programmes 政策项目', description: 'Newest first. Gov: their region’s and below; members: those covering their enterprise’s region (and the national ones); admins all.', querystring: PageQuery, response: { 200: Page(ProgrammeView) } },
    }, async (request) => {
      const page = await listProgrammes(db, requireActor(request), request.query);
      return { items: page.items.map(presentProgramme), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/programmes', {
      schema: { tags: TAGS, summary: 'Publish a programme 发布政策项目', description: 'Gov users for a region in scope (default their own), admins; 403 for others. Rules: SMEs only, any of some titles, industry divisions; the maximum in 元 is stored as fen.', body: CreateProgrammeBody, response: { 201: z.object({ id: z.string() }) } },
    }, async (request, reply) => reply.code(201).send({ id: await createProgramme(db, { actor: requireActor(request), requestId: request.id }, request.body) }));

    app.get('/api/v1/programmes/:id', {
      schema: { tags: TAGS, summary: 'Get a programme 政策项目详情', description: 'Programmes are public to everyone signed in; `rulesText` states the rules in words.', params: IdParams, response: { 200: ProgrammeView } },
    }, async (request) => presentProgramme(await getProgramme(db, requireActor(request), request.params.id)));

    app.get('/api/v1/programmes/:id/eligibility', {
      schema: { tags: TAGS, summary: 'Check eligibility 资格自检', description: 'The verdict for the caller’s enterprise (or `uscc` in scope for gov) with every rule, whether it holds and the enterprise’s own value. Evaluated by the assessment rule engine; writes nothing.', params: IdParams, querystring: z.object({ uscc: z.string().max(32).optional() }), response: { 200: EligibilityView } },
    }, async (request) => checkEligibility(db, requireActor(request), request.params.id, request.query.uscc));

    app.post('/api/v1/programmes/:id/applications', {
      schema: { tags: TAGS, summary: 'Apply 申报', description: 'Only an eligible enterprise before the deadline (422 naming `uscc` with the failed rules; 409 after the deadline or when already applied). The verdict and reasons are stored with the application.', params: IdParams, body: ApplyProgrammeBody, response: { 201: ProgrammeApplicationView } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const id = await applyToProgramme(db, { actor, requestId: request.id }, request.params.id, request.body);
      return reply.code(201).send(presentApplication(await getApplication(db, actor, id)));
    });

    app.get('/api/v1/programmes/:id/applications', {
      schema: { tags: TAGS, summary: 'Applications of a programme 申报列表', description: 'The programme’s managers (gov in scope of its region); 404 for others.', params: IdParams, response: { 200: z.object({ items: z.array(ProgrammeApplicationView) }) } },
    }, async (request) => ({ items: (await listApplications(db, requireActor(request), request.params.id, 2000)).map(presentApplication) }));

    app.get('/api/v1/programme-applications/mine', {
      schema: { tags: TAGS, summary: 'My applications 我的申报', description: 'The caller’s enterprise’s applications with verdicts, statuses and approved amounts.', response: { 200: z.object({ items: z.array(ProgrammeApplicationView) }) } },
    }, async (request) => ({ items: (await listApplications(db, requireActor(request), 'mine', 500)).map(presentApplication) }));

    app.post('/api/v1/programme-applications/:id/decide', {
      schema: { tags: TAGS, summary: 'Approve or reject 审批申报', description: '`approve` with `approvedYuan` (at most the programme’s maximum; stored as fen) or `reject`. Gov in scope of the programme; 403 for the applicant; 404 for others; 409 once decided.', params: IdParams, body: DecideApplicationBody, response: { 200: ProgrammeApplicationView } },
    }, async (request) => {
      const actor = requireActor(request);
      await decideApplication(db, { actor, requestId: request.id }, request.params.id, request.body);
      return presentApplication(await getApplication(db, actor, request.params.id));
    });
  };
}
