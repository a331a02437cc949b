import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import {
  AnswerConsultationBody, CommitteeView, ConsultationStatistics, ConsultationView, CONSULTATION_STATUSES, CreateCommitteeBody, CreateConsultationBody, ListCommitteesQuery, ListConsultationsQuery,
  RateConsultationBody, UpdateCommitteeBody,
} from '../../../contracts/talent.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { createCommittee, getCommittee, listCommittees, updateCommittee } from './committees.service.js';
import { exportConsultations } from './consultations.export.js';
import { courseRoutes } from './courses.routes.js';
import { investmentRoutes } from './investments.routes.js';
import { secondmentRoutes } from './secondments.routes.js';
import { answerConsultation, consultationStatistics, createConsultation, getConsultation, listConsultations, rateConsultation } from './consultations.service.js';
import { presentCommittee, presentConsultation } from './talent.present.js';

const TAGS = ['innovation'];
const IdParams = z.object({ id: z.string().min(1).max(20) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `/api/v1/consultations*`, `/api/v1/committees*` (issue 5 item 7) and the courses' routes (item 8, TL-2). */
export function talentRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/consultations', {
      schema: {
        tags: TAGS, summary: 'Expert consultations 专家咨询列表',
        description: 'Newest first. Members: their enterprise’s requests; experts: those routed to them (their inbox, only their own route shown); gov users: their region’s; admins: all.',
        querystring: ListConsultationsQuery, response: { 200: Page(ConsultationView) },
      },
    }, async (request) => {
      const page = await listConsultations(db, requireActor(request), request.query);
      return { items: page.items.map(presentConsultation), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/consultations', {
      schema: {
        tags: TAGS, summary: 'Request a consultation 提出专家咨询',
        description: 'A member asks for its own enterprise (gov users and admins: for an enterprise in scope; experts 403). Routed at once to the three available experts whose fields best match the field and question (jieba keyword overlap), weighted by spare capacity, never to an expert of the same organisation or with a declared conflict — or, with `committeeId`, to that committee’s members (chair first). 422 naming `field` when no expert matches, `committeeId` when the committee is unknown, inactive or does not cover the enterprise’s region.',
        body: CreateConsultationBody, response: { 201: ConsultationView },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const id = await createConsultation(db, { actor, requestId: request.id }, request.body);
      return reply.code(201).send(presentConsultation(await getConsultation(db, actor, id)));
    });

    app.get('/api/v1/consultations/statistics', {
      schema: { tags: TAGS, summary: 'Consultation figures 专家咨询统计', description: 'Counts by status, mean rating, mean hours to the first answer, by field and by expert. Members: their own; gov: their region’s; admins: all; experts 403.', response: { 200: ConsultationStatistics } },
    }, async (request) => consultationStatistics(db, requireActor(request)));

    app.get('/api/v1/consultations/export', {
      schema: { tags: TAGS, summary: 'Export consultations to Excel 导出专家咨询', description: 'The consultations the caller may list (as `GET /consultations`), up to 5,000, as `.xlsx`.', querystring: z.object({ status: z.enum(CONSULTATION_STATUSES).optional() }) },
    }, async (request, reply) => {
      const body = await exportConsultations(db, requireActor(request), request.query.status);
      return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="consultations.xlsx"; filename*=UTF-8''${encodeURIComponent('专家咨询.xlsx')}`).send(body);
    });

    app.get('/api/v1/consultations/:id', {
      schema: { tags: TAGS, summary: 'Get a consultation 咨询详情', description: 'The requester, routed experts (their own route only), gov users in scope and admins; 404 for everyone else.', params: IdParams, response: { 200: ConsultationView } },
    }, async (request) => presentConsultation(await getConsultation(db, requireActor(request), request.params.id)));

    app.post('/api/v1/consultations/:id/answer', {
      schema: { tags: TAGS, summary: 'Answer a consultation 专家答复', description: 'A routed expert answers or revises their answer; the consultation becomes `answered`. 404 outside scope, 403 for other viewers, 409 once closed.', params: IdParams, body: AnswerConsultationBody, response: { 200: ConsultationView } },
    }, async (request) => {
      const actor = requireActor(request);
      await answerConsultation(db, { actor, requestId: request.id }, request.params.id, request.body.answer);
      return presentConsultation(await getConsultation(db, actor, request.params.id));
    });

    app.post('/api/v1/consultations/:id/rate', {
      schema: { tags: TAGS, summary: 'Rate the answers 评价咨询', description: 'The requesting enterprise rates 1–5 (with an optional comment); this closes the consultation. 409 unless answered (not yet answered, or already rated); 403 for other viewers.', params: IdParams, body: RateConsultationBody, response: { 200: ConsultationView } },
    }, async (request) => {
      const actor = requireActor(request);
      await rateConsultation(db, { actor, requestId: request.id }, request.params.id, request.body);
      return presentConsultation(await getConsultation(db, actor, request.params.id));
    });

    app.get('/api/v1/committees', {
      schema: { tags: TAGS, summary: 'Expert consultation committees 技术专家咨询委员会', description: 'Public to everyone signed in. `regionCode`: committees covering that region (its own and its ancestors’). Without it: a member sees those covering its enterprise, a gov user those in its scope, others all.', querystring: ListCommitteesQuery, response: { 200: Page(CommitteeView) } },
    }, async (request) => {
      const actor = requireActor(request);
      const page = await listCommittees(db, actor, request.query);
      return { items: page.items.map(presentCommittee), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/committees', {
      schema: { tags: TAGS, summary: 'Form a committee 组建专家咨询委员会', description: 'Gov users for a region in their scope (their own by default) and admins; others 403. Members come from the expert pool; the chair is one of them. 422 naming an unknown expert or region; 409 on a name already used in the region.', body: CreateCommitteeBody, response: { 201: CommitteeView } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const id = await createCommittee(db, { actor, requestId: request.id }, request.body);
      return reply.code(201).send(presentCommittee(await getCommittee(db, actor, id)));
    });

    app.get('/api/v1/committees/:id', {
      schema: { tags: TAGS, summary: 'Get a committee 委员会详情', params: IdParams, response: { 200: CommitteeView } },
    }, async (request) => presentCommittee(await getCommittee(db, requireActor(request), request.params.id)));

    app.put('/api/v1/committees/:id', {
      schema: { tags: TAGS, summary: 'Update a committee 调整委员会', description: 'Name, field, description, active flag and members (replaced as a whole). Gov users in scope and admins; 404 for everyone else.', params: IdParams, body: UpdateCommitteeBody, response: { 200: CommitteeView } },
    }, async (request) => {
      const actor = requireActor(request);
      await updateCommittee(db, { actor, requestId: request.id }, request.params.id, request.body);
      return presentCommittee(await getCommittee(db, actor, request.params.id));
    });

    await courseRoutes(ctx)(app);
    await investmentRoutes(ctx)(app);
    await secondmentRoutes(ctx)(app);
  };
}
