import ExcelJS from 'exceljs';
import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import { CreateSecondmentBody, DecideReportBody, ListSecondmentsQuery, RateSecondmentBody, SecondmentReportBody, SecondmentStatistics, SecondmentView } from '../../../contracts/talent.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { regionFullName } from '../../platform/regions.js';
import { addReport, createSecondment, decideReport, decideSecondment, getSecondment, listSecondments, secondmentStatistics } from './secondments.service.js';
import { presentSecondment } from './talent.present.js';

const TAGS = ['innovation'];
const IdParams = z.object({ id: z.string().min(1).max(20) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const KIND = { part_time_guidance: '兼职指导', resident: '定期派驻' } as const;
const STATUS = { proposed: '待确认', active: '进行中', completed: '已完成', cancelled: '已取消' } as const;

/** `/api/v1/secondments*` and `/api/v1/secondment-reports*`: secondments of engineers to SMEs (TL-1). */
export function secondmentRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/secondments', {
      schema: { tags: TAGS, summary: 'Secondments 人才派驻列表', description: 'Newest first. Members: their enterprise’s, as sender or host; experts: those they are seconded in; gov users: those whose host or sender lies in their region; admins: all. Periods included, reports only in the detail.', querystring: ListSecondmentsQuery, response: { 200: Page(SecondmentView) } },
    }, async (request) => {
      const page = await listSecondments(db, requireActor(request), request.query);
      return { items: page.items.map(presentSecondment), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/secondments', {
      schema: {
        tags: TAGS, summary: 'Propose a secondment 发起人才派驻',
        description: 'The sender’s member for its own enterprise (gov users and admins: a sender in scope; experts 403) proposes a plan: kind, the host SME, the engineer (an expert of the pool or a named person), goals and periods (Asia/Shanghai business dates, in order, not overlapping). Status `proposed` until the host confirms. 422 naming the field.',
        body: CreateSecondmentBody, response: { 201: SecondmentView },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const id = await createSecondment(db, { actor, requestId: request.id }, request.body);
      return reply.code(201).send(presentSecondment(await getSecondment(db, actor, id)));
    });

    app.get('/api/v1/secondments/statistics', {
      schema: { tags: TAGS, summary: 'Secondment figures 人才派驻统计', description: 'Over the secondments the caller may list: counts by status and kind, days and hours of confirmed reports, mean rating; by host region rolled up to the level below the caller’s (provinces for admins, cities for a province, districts for a city). Gov figures count hosts in their region.', response: { 200: SecondmentStatistics } },
    }, async (request) => secondmentStatistics(db, requireActor(request)));

    app.get('/api/v1/secondments/export', {
      schema: { tags: TAGS, summary: 'Export secondments to Excel 导出人才派驻', description: 'The secondments the caller may list (as `GET /secondments`), up to 5,000, as `.xlsx`.', querystring: ListSecondmentsQuery.omit({ cursor: true, limit: true }) },
    }, async (request, reply) => {
      const page = await listSecondments(db, requireActor(request), { ...request.query, limit: 5000 });
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('人才派驻');
      sheet.columns = [
        { header: '编号', key: 'id', width: 8 }, { header: '类型', key: 'kind', width: 10 }, { header: '状态', key: 'status', width: 8 }, { header: '派出单位', key: 'sender', width: 28 },
        { header: '接收企业', key: 'host', width: 28 }, { header: '接收企业统一社会信用代码', key: 'hostUscc', width: 22 }, { header: '所在地', key: 'region', width: 22 }, { header: '派驻人员', key: 'engineer', width: 12 },
        { header: '领域', key: 'field', width: 12 }, { header: '开始', key: 'startsOn', width: 12 }, { header: '结束', key: 'endsOn', width: 12 }, { header: '确认天数', key: 'days', width: 10 },
        { header: '确认小时', key: 'hours', width: 10 }, { header: '评分', key: 'rating', width: 6 }, { header: '目标', key: 'goals', width: 50 },
      ];
      sheet.getRow(1).font = { bold: true };
      for (const { secondment: s } of page.items) {
        sheet.addRow({
          id: Number(s.id), kind: KIND[s.kind], status: STATUS[s.status], sender: s.senderName, host: s.hostName, hostUscc: s.hostUscc, region: regionFullName(s.regionCode) ?? s.regionCode,
          engineer: s.engineerName, field: s.field, startsOn: s.startsOn, endsOn: s.endsOn, days: s.confirmedDays, hours: s.confirmedHours, rating: s.rating, goals: s.goals.join('；'),
        });
      }
      return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="secondments.xlsx"; filename*=UTF-8''${encodeURIComponent('人才派驻.xlsx')}`).send(Buffer.from(await workbook.xlsx.writeBuffer()));
    });

    app.get('/api/v1/secondments/:id', {
      schema: { tags: TAGS, summary: 'Get a secondment 派驻详情', description: 'With periods and reports. The parties, the engineer, gov users in scope and admins; 404 for everyone else.', params: IdParams, response: { 200: SecondmentView } },
    }, async (request) => presentSecondment(await getSecondment(db, requireActor(request), request.params.id)));

    for (const verb of ['confirm', 'cancel'] as const) {
      app.post(`/api/v1/secondments/:id/${verb}`, {
        schema: {
          tags: TAGS, summary: verb === 'confirm' ? 'Confirm the plan 接收企业确认计划' : 'Cancel 取消派驻', params: IdParams, response: { 200: SecondmentView },
          description: verb === 'confirm' ? 'The host SME confirms a proposed plan; it becomes `active`. 403 for other viewers, 409 unless proposed, 404 outside scope.' : 'The sender or the host cancels a proposed or active secondment. 403 for other viewers, 409 once completed or cancelled, 404 outside scope.',
        },
      }, async (request) => {
        const actor = requireActor(request);
        await decideSecondment(db, { actor, requestId: request.id }, request.params.id, verb);
        return presentSecondment(await getSecondment(db, actor, request.params.id));
      });
    }

    app.post('/api/v1/secondments/:id/rate', {
      schema: { tags: TAGS, summary: 'Rate at the end 接收企业评价', description: 'The host rates 1–5 with an optional comment once the last period has ended (Asia/Shanghai); the secondment becomes `completed`. 409 before the end or unless active; 403 for other viewers.', params: IdParams, body: RateSecondmentBody, response: { 200: SecondmentView } },
    }, async (request) => {
      const actor = requireActor(request);
      await decideSecondment(db, { actor, requestId: request.id }, request.params.id, 'rate', request.body);
      return presentSecondment(await getSecondment(db, actor, request.params.id));
    });

    app.post('/api/v1/secondments/:id/reports', {
      schema: { tags: TAGS, summary: 'Report on a period 提交派驻报告', description: 'The engineer (their expert log-in) or the sender’s member reports days and/or hours and what was done in one period. 409 unless active; 422 naming `periodId` (not this plan’s) or `hours` (no time given); 403 for the host and gov users.', params: IdParams, body: SecondmentReportBody, response: { 201: SecondmentView } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      await addReport(db, { actor, requestId: request.id }, request.params.id, request.body);
      return reply.code(201).send(presentSecondment(await getSecondment(db, actor, request.params.id)));
    });

    app.post('/api/v1/secondment-reports/:id/decide', {
      schema: { tags: TAGS, summary: 'Confirm or return a report 确认派驻报告', description: 'The host confirms a submitted report (its days and hours then count in the figures) or returns it with a comment. 409 once decided; 403 for other viewers; 404 outside scope.', params: IdParams, body: DecideReportBody, response: { 200: SecondmentView } },
    }, async (request) => {
      const actor = requireActor(request);
      const secondmentId = await decideReport(db, { actor, requestId: request.id }, request.params.id, request.body);
      return presentSecondment(await getSecondment(db, actor, secondmentId));
    });
  };
}
