import ExcelJS from 'exceljs';
import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import { AttendanceBody, CreateTalentEventBody, ListTalentEventsQuery, RegisterBody, RegistrationView, TalentEventView } from '../../../contracts/talent.js';
import { notFound } from '../../errors.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import type { RegistrationRecord } from './talent-events.repo.js';
import { createTalentEvent, decideRegistration, getRegistration, getTalentEvent, isEventOpen, listRegistrations, listTalentEvents, registerForEvent, type TalentEventForActor } from './talent-events.service.js';

const TAGS = ['innovation'];
const IdParams = z.object({ id: z.string().min(1).max(20) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const KIND = { programme: '人才计划', exchange_meeting: '交流会', site_visit: '现场观摩' } as const;
const STATUS = { registered: '已报名', attended: '已出席', absent: '缺席', cancelled: '已取消' } as const;

/** Attended over recorded (attended + absent); null before any attendance is recorded. */
function attendanceRate(e: { attendedCount: number; absentCount: number }): number | null {
  const recorded = e.attendedCount + e.absentCount;
  return recorded === 0 ? null : e.attendedCount / recorded;
}

export function presentTalentEvent(view: TalentEventForActor): TalentEventView {
  const e = view.event;
  return {
    id: e.id, kind: e.kind, title: e.title, description: e.description, field: e.field, location: e.location, organiserName: e.organiserName, regionCode: e.regionCode, startsOn: e.startsOn,
    endsOn: e.endsOn, capacity: e.capacity, registeredCount: e.registeredCount, seatsLeft: e.capacity - e.registeredCount,
    attendedCount: e.attendedCount, absentCount: e.absentCount, attendanceRate: attendanceRate(e), isOpen: isEventOpen(e), canManage: view.canManage, myRegistrations: view.myRegistrations,
  };
}

export function presentRegistration(r: RegistrationRecord): RegistrationView {
  return {
    id: r.id, eventId: r.eventId, eventTitle: r.eventTitle, startsOn: r.startsOn, enterpriseName: r.enterpriseName, enterpriseUscc: r.enterpriseUscc, personName: r.personName, personTitle: r.personTitle,
    status: r.status, createdAt: r.createdAt.toISOString(),
  };
}

/** `/api/v1/talent-events*` and `/api/v1/event-registrations*`: talent programmes and exchange events (TL-3). */
export function talentEventRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/talent-events', {
      schema: { tags: TAGS, summary: 'Talent programmes and events 人才计划与交流活动', description: 'Active ones, newest first; public to everyone signed in. `mine=true`: those the caller manages (a member’s enterprise’s, a gov user’s region’s).', querystring: ListTalentEventsQuery, response: { 200: Page(TalentEventView) } },
    }, async (request) => {
      const page = await listTalentEvents(db, requireActor(request), request.query);
      return { items: page.items.map(presentTalentEvent), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/talent-events/export', {
      schema: { tags: TAGS, summary: 'Export programmes and events to Excel 导出人才计划与交流活动', description: 'The events `GET /talent-events` lists for the same filters (`kind`, `mine`), up to 5,000, as `.xlsx` with places taken and left.', querystring: ListTalentEventsQuery.omit({ cursor: true, limit: true }) },
    }, async (request, reply) => {
      const page = await listTalentEvents(db, requireActor(request), { ...request.query, limit: 5000 });
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('人才计划与交流活动');
      sheet.columns = [
        { header: '编号', key: 'id', width: 8 }, { header: '类型', key: 'kind', width: 10 }, { header: '活动名称', key: 'title', width: 36 }, { header: '主办方', key: 'organiser', width: 28 },
        { header: '领域', key: 'field', width: 12 }, { header: '地点', key: 'location', width: 28 }, { header: '开始', key: 'startsOn', width: 12 }, { header: '结束', key: 'endsOn', width: 12 },
        { header: '名额', key: 'capacity', width: 8 }, { header: '已报名', key: 'registered', width: 8 }, { header: '剩余名额', key: 'left', width: 10 },
        { header: '出席', key: 'attended', width: 8 }, { header: '缺席', key: 'absent', width: 8 }, { header: '出席率', key: 'rate', width: 8, style: { numFmt: '0%' } },
      ];
      sheet.getRow(1).font = { bold: true };
      for (const { event: e } of page.items) {
        sheet.addRow({
          id: Number(e.id), kind: KIND[e.kind], title: e.title, organiser: e.organiserName, field: e.field, location: e.location, startsOn: e.startsOn, endsOn: e.endsOn,
          capacity: e.capacity, registered: e.registeredCount, left: e.capacity - e.registeredCount, attended: e.attendedCount, absent: e.absentCount, rate: attendanceRate(e),
        });
      }
      return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="talent-events.xlsx"; filename*=UTF-8''${encodeURIComponent('人才计划与交流活动.xlsx')}`).send(Buffer.from(await workbook.xlsx.writeBuffer()));
    });

    app.post('/api/v1/talent-events', {
      schema: { tags: TAGS, summary: 'List a programme or event 发布人才计划/交流活动', description: 'A member for its own enterprise; gov users and admins for an enterprise in scope (`organiserUscc`) or, without it, as their authority for their region; experts 403. Dates are Asia/Shanghai business dates; the start must be after today (422 naming `startsOn` / `endsOn`).', body: CreateTalentEventBody, response: { 201: TalentEventView } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const id = await createTalentEvent(db, { actor, requestId: request.id }, request.body);
      return reply.code(201).send(presentTalentEvent(await getTalentEvent(db, actor, id)));
    });

    app.get('/api/v1/talent-events/:id', {
      schema: { tags: TAGS, summary: 'Get a programme or event 活动详情', params: IdParams, response: { 200: TalentEventView } },
    }, async (request) => presentTalentEvent(await getTalentEvent(db, requireActor(request), request.params.id)));

    app.post('/api/v1/talent-events/:id/registrations', {
      schema: { tags: TAGS, summary: 'Register 报名参加', description: 'A member registers a person of its own enterprise (gov: of one in scope; `personName` required); an expert registers themselves. The place is taken in the database, so concurrent registrations never exceed the capacity: 409 when full or the person is registered already; 409 once the event has started.', params: IdParams, body: RegisterBody, response: { 201: RegistrationView } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const id = await registerForEvent(db, { actor, requestId: request.id }, request.params.id, request.body);
      return reply.code(201).send(presentRegistration((await getRegistration(db, actor, id)).registration));
    });

    app.get('/api/v1/talent-events/:id/registrations', {
      schema: { tags: TAGS, summary: 'Registrants 报名名单', description: 'All for the event’s managers (organiser members, gov in scope, admins); the caller’s own for others.', params: IdParams, response: { 200: z.object({ items: z.array(RegistrationView) }) } },
    }, async (request) => ({ items: (await listRegistrations(db, requireActor(request), request.params.id)).items.map(presentRegistration) }));

    app.get('/api/v1/talent-events/:id/registrations/export', {
      schema: { tags: TAGS, summary: 'Export registrants to Excel 导出报名名单', description: 'The event’s managers only (404 for others), as `.xlsx` with attendance.', params: IdParams },
    }, async (request, reply) => {
      const { event, isManager, items } = await listRegistrations(db, requireActor(request), request.params.id);
      if (!isManager) throw notFound('人才活动');
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('报名名单');
      sheet.columns = [
        { header: '编号', key: 'id', width: 8 }, { header: '姓名', key: 'person', width: 14 }, { header: '职务/职称', key: 'title', width: 16 }, { header: '所在单位', key: 'name', width: 30 },
        { header: '统一社会信用代码', key: 'uscc', width: 22 }, { header: '状态', key: 'status', width: 10 }, { header: '报名时间', key: 'createdAt', width: 20 },
      ];
      sheet.getRow(1).font = { bold: true };
      for (const r of items) {
        sheet.addRow({ id: Number(r.id), person: r.personName, title: r.personTitle, name: r.enterpriseName ?? '专家', uscc: r.enterpriseUscc ?? '', status: STATUS[r.status], createdAt: r.createdAt.toISOString().slice(0, 19).replace('T', ' ') });
      }
      const name = `${KIND[event.kind]}报名名单.xlsx`;
      return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="registrations.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`).send(Buffer.from(await workbook.xlsx.writeBuffer()));
    });

    app.post('/api/v1/event-registrations/:id/attendance', {
      schema: { tags: TAGS, summary: 'Record attendance 登记出席', description: 'The event’s managers, once the event has started: `attended` true or false (absent); revisable. 409 before the start or for a cancelled registration; 403 for the registrant; 404 for others.', params: IdParams, body: AttendanceBody, response: { 200: RegistrationView } },
    }, async (request) => {
      const actor = requireActor(request);
      await decideRegistration(db, { actor, requestId: request.id }, request.params.id, 'attendance', request.body.attended);
      return presentRegistration((await getRegistration(db, actor, request.params.id)).registration);
    });

    app.post('/api/v1/event-registrations/:id/cancel', {
      schema: { tags: TAGS, summary: 'Cancel a registration 取消报名', description: 'The registrant or the event’s managers, before the start; frees the place. 409 unless registered or once started; 404 for others.', params: IdParams, response: { 200: RegistrationView } },
    }, async (request) => {
      const actor = requireActor(request);
      await decideRegistration(db, { actor, requestId: request.id }, request.params.id, 'cancel');
      return presentRegistration((await getRegistration(db, actor, request.params.id)).registration);
    });
  };
}
