import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import { CompleteEnrolmentBody, CourseView, CreateCourseBody, EnrolBody, EnrolmentView, ListCoursesQuery } from '../../../contracts/talent.js';
import { notFound } from '../../errors.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDateTime } from '../../platform/dates.js';
import { writeWorkbook } from '../../platform/workbook.js';
import { createCourse, decideEnrolment, enrol, getCourse, getEnrolment, listCourses, listEnrolments, listOwnEnrolments } from './courses.service.js';
import { presentCourse, presentEnrolment } from './talent.present.js';

const TAGS = ['innovation'];
const IdParams = z.object({ id: z.string().min(1).max(20) });
const STATUS = { enrolled: '已报名', completed: '已结业', cancelled: '已取消' } as const;

/** `/api/v1/courses*` and `/api/v1/enrolments*`: training courses (TL-2). */
export function courseRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/courses', {
      schema: { tags: TAGS, summary: 'Training courses 培训课程', description: 'Active courses, newest first; public to everyone signed in. `mine=true`: the caller’s enterprise’s.', querystring: ListCoursesQuery, response: { 200: Page(CourseView) } },
    }, async (request) => {
      const page = await listCourses(db, requireActor(request), request.query);
      return { items: page.items.map(presentCourse), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/courses', {
      schema: { tags: TAGS, summary: 'List a training course 发布培训课程', description: 'A member for its own enterprise; gov users and admins for one in scope; experts 403. With `chainId` only the chain’s enterprises may enrol. Dates are Asia/Shanghai business dates; the start must be after today. Fee in 元 (stored as fen).', body: CreateCourseBody, response: { 201: CourseView } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const id = await createCourse(db, { actor, requestId: request.id }, request.body);
      return reply.code(201).send(presentCourse(await getCourse(db, actor, id)));
    });

    app.get('/api/v1/courses/:id', {
      schema: { tags: TAGS, summary: 'Get a training course 课程详情', params: IdParams, response: { 200: CourseView } },
    }, async (request) => presentCourse(await getCourse(db, requireActor(request), request.params.id)));

    app.post('/api/v1/courses/:id/enrolments', {
      schema: { tags: TAGS, summary: 'Enrol a trainee 报名', description: 'A member enrols a trainee of its own enterprise (gov: of one in scope). The seat is taken in the database, so concurrent enrolments never exceed the capacity: 409 when full or the trainee is already enrolled; 409 once the course has started; 422 naming `uscc` when the course is for another chain’s enterprises.', params: IdParams, body: EnrolBody, response: { 201: EnrolmentView } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const id = await enrol(db, { actor, requestId: request.id }, request.params.id, request.body);
      return reply.code(201).send(presentEnrolment((await getEnrolment(db, actor, id)).enrolment));
    });

    app.get('/api/v1/courses/:id/enrolments', {
      schema: { tags: TAGS, summary: 'Enrolments of a course 报名名单', description: 'All for the course’s managers (provider members, gov in scope, admins); the caller’s enterprise’s for others.', params: IdParams, response: { 200: z.object({ items: z.array(EnrolmentView) }) } },
    }, async (request) => ({ items: (await listEnrolments(db, requireActor(request), request.params.id)).items.map(presentEnrolment) }));

    app.get('/api/v1/courses/:id/enrolments/export', {
      schema: { tags: TAGS, summary: 'Export enrolments to Excel 导出报名名单', description: 'The course’s managers only (404 for others), as `.xlsx`.', params: IdParams },
    }, async (request, reply) => {
      const { course, isManager, items } = await listEnrolments(db, requireActor(request), request.params.id);
      if (!isManager) throw notFound('培训课程');
      const body = await writeWorkbook({
        name: '报名名单',
        columns: [
          { header: '编号', key: 'id', width: 8 }, { header: '学员', key: 'trainee', width: 14 }, { header: '所在企业', key: 'name', width: 30 }, { header: '统一社会信用代码', key: 'uscc', width: 22 },
          { header: '状态', key: 'status', width: 10 }, { header: '结业证书编号', key: 'certificate', width: 18 }, { header: '报名时间（北京时间）', key: 'createdAt', width: 20 },
        ],
        rows: items.map((e) => ({ id: Number(e.id), trainee: e.traineeName, name: e.enterpriseName, uscc: e.enterpriseUscc, status: STATUS[e.status], certificate: e.certificateNo, createdAt: businessDateTime(e.createdAt) })),
      });
      const name = `报名名单-${course.title}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="enrolments.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(body);
    });

    app.get('/api/v1/enrolments/mine', {
      schema: { tags: TAGS, summary: 'My enterprise’s enrolments 本企业报名', description: 'Newest first, up to 500.', response: { 200: z.object({ items: z.array(EnrolmentView) }) } },
    }, async (request) => ({ items: (await listOwnEnrolments(db, requireActor(request))).map(presentEnrolment) }));

    app.post('/api/v1/enrolments/:id/complete', {
      schema: { tags: TAGS, summary: 'Record completion 登记结业', description: 'The course’s managers; enrolled → completed with an optional certificate number. 404 for outsiders, 403 for the trainee’s enterprise, 409 from another state.', params: IdParams, body: CompleteEnrolmentBody, response: { 200: EnrolmentView } },
    }, async (request) => {
      const actor = requireActor(request);
      await decideEnrolment(db, { actor, requestId: request.id }, request.params.id, 'complete', request.body.certificateNo);
      return presentEnrolment((await getEnrolment(db, actor, request.params.id)).enrolment);
    });

    app.post('/api/v1/enrolments/:id/cancel', {
      schema: { tags: TAGS, summary: 'Cancel an enrolment 取消报名', description: 'The trainee’s enterprise or the course’s managers; enrolled → cancelled, freeing the seat. 404 for outsiders, 409 from another state.', params: IdParams, response: { 200: EnrolmentView } },
    }, async (request) => {
      const actor = requireActor(request);
      await decideEnrolment(db, { actor, requestId: request.id }, request.params.id, 'cancel');
      return presentEnrolment((await getEnrolment(db, actor, request.params.id)).enrolment);
    });
  };
}
