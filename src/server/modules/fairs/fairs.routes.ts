import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import {
  CreateFairBody, FairSuggestion, FairView, GridView, ListFairsQuery, MeetingView, ParticipantsQuery, PutWishesBody, RecordOutcomeBody, RegisterBody,
  RegistrationView, RunScheduleBody, ScheduleView, TimetableQuery, TimetableView, WishView,
} from '../../../contracts/fairs.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import type { Actor } from '../../platform/actor.js';
import { exportGrid, exportTimetable } from './fairs.export.js';
import { presentFair, presentMeeting, presentRegistration } from './fairs.present.js';
import type { FairRecord } from './fairs.repo.js';
import {
  cancelRegistration, createFair, fairExtras, getFair, getGrid, getSchedule, getTimetable, listFairs, listParticipants, listWishes, putWishes, recordOutcome, register,
  runSchedule, scheduleView, suggestions, transitionFair, type FairsDeps,
} from './fairs.service.js';

const IdParams = z.object({ id: z.string().min(1).max(20).describe('Fair id') });
const RegistrationParams = IdParams.extend({ registrationId: z.string().min(1).max(20).describe('Registration id') });
const MeetingParams = IdParams.extend({ meetingId: z.string().min(1).max(20).describe('Meeting id') });
const Wishes = z.object({ items: z.array(WishView), incoming: z.array(WishView).describe('Participants who wished to meet the caller.') });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TAGS = ['fairs'];

function attachment(name: string): string {
  return `attachment; filename="${encodeURIComponent(name).replace(/%[0-9A-F]{2}/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** `/api/v1/fairs*`: matchmaking fairs (洽谈会) with registration, wishes, the scheduler, timetables and outcomes. */
export function fairsRoutes(ctx: AppContext) {
  const deps: FairsDeps = { db: ctx.db, matching: ctx.matching };
  const present = async (actor: Actor, fairs: FairRecord[]) => {
    const extras = await fairExtras(ctx.db, actor, fairs);
    return fairs.map((f) => presentFair(f, actor, extras));
  };
  return async (app: App) => {
    app.get('/api/v1/fairs', {
      schema: {
        tags: TAGS,
        summary: 'List fairs 洽谈会列表',
        description: 'Fairs the caller may see: public ones, those of a gov user’s scope, and region fairs organised by a region containing the caller’s (enterprise) region. Newest first.',
        querystring: ListFairsQuery,
        response: { 200: Page(FairView) },
      },
    }, async (request) => {
      const actor = requireActor(request);
      const page = await listFairs(ctx.db, actor, request.query);
      return { items: await present(actor, page.items), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/fairs', {
      schema: {
        tags: TAGS,
        summary: 'Create a fair 创建洽谈会',
        description: 'A draft fair with its sessions (date, start time, slot length, number of slots, tables). Gov users of the region (default: their own) and admins; members get 403. Session dates in the past → 422.',
        body: CreateFairBody,
        response: { 201: FairView },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const fair = await createFair(ctx.db, { actor, requestId: request.id }, request.body);
      return reply.code(201).send((await present(actor, [fair]))[0]);
    });

    app.get('/api/v1/fairs/:id', {
      schema: { tags: TAGS, summary: 'Get a fair 洽谈会详情', description: '404 when it does not exist or is a region fair the caller may not see.', params: IdParams, response: { 200: FairView } },
    }, async (request) => {
      const actor = requireActor(request);
      return (await present(actor, [await getFair(ctx.db, actor, request.params.id)]))[0];
    });

    for (const [verb, summary] of [['open', 'Open registration 开放报名'], ['close', 'Close registration 截止报名']] as const) {
      app.post(`/api/v1/fairs/:id/${verb}`, {
        schema: { tags: TAGS, summary, description: `Organisers only (gov in scope, admins): 403 for others who can see the fair, 404 for those who cannot. 409 from a state the verb does not start from (${verb === 'open' ? 'draft or closed → open' : 'open → closed'}).`, params: IdParams, response: { 200: FairView } },
      }, async (request) => {
        const actor = requireActor(request);
        return (await present(actor, [await transitionFair(ctx.db, { actor, requestId: request.id }, request.params.id, verb)]))[0];
      });
    }

    app.post('/api/v1/fairs/:id/registrations', {
      schema: {
        tags: TAGS,
        summary: 'Register for a fair 报名参会',
        description: 'A member registers its own enterprise; gov users and admins may register one in their scope (`uscc`). The side (large firm / SME) follows the registry size class. Beyond the side’s capacity the registration is `waitlisted` with its position. 409 when the fair is not open or the enterprise is already registered.',
        params: IdParams,
        body: RegisterBody,
        response: { 201: RegistrationView },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      return reply.code(201).send(presentRegistration(await register(ctx.db, { actor, requestId: request.id }, request.params.id, request.body)));
    });

    app.post('/api/v1/fairs/:id/registrations/:registrationId/cancel', {
      schema: {
        tags: TAGS,
        summary: 'Cancel a registration 取消报名',
        description: 'The enterprise’s members or the organisers. A freed place goes to the first waitlisted registration of the same side, in the same transaction (`promoted`). Its wishes are dropped.',
        params: RegistrationParams,
        response: { 200: z.object({ cancelled: RegistrationView, promoted: RegistrationView.nullable() }) },
      },
    }, async (request) => {
      const actor = requireActor(request);
      const result = await cancelRegistration(ctx.db, { actor, requestId: request.id }, request.params.id, request.params.registrationId);
      return { cancelled: presentRegistration(result.cancelled), promoted: result.promoted ? presentRegistration(result.promoted) : null };
    });

    app.get('/api/v1/fairs/:id/participants', {
      schema: {
        tags: TAGS,
        summary: 'Participants 参会企业',
        description: 'Organisers see every registration (with the waitlist, filter by `status`); registered or waitlisted participants see the registered ones; others get 403.',
        params: IdParams,
        querystring: ParticipantsQuery,
        response: { 200: Page(RegistrationView) },
      },
    }, async (request) => {
      const page = await listParticipants(ctx.db, requireActor(request), request.params.id, request.query);
      return { items: page.items.map(presentRegistration), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/fairs/:id/suggestions', {
      schema: {
        tags: TAGS,
        summary: 'Suggested counterparts 推荐洽谈对象',
        description: 'For a registered SME: the fair’s large firms whose published needs the matching engine matches to it; for a large firm: the fair’s SMEs matching its needs. Best first, at most 20, with the engine’s reasons.',
        params: IdParams,
        response: { 200: z.object({ items: z.array(FairSuggestion) }) },
      },
    }, async (request) => ({ items: await suggestions(deps, requireActor(request), request.params.id) }));

    app.get('/api/v1/fairs/:id/wishes', {
      schema: { tags: TAGS, summary: 'My wish list 我的洽谈意向', description: 'The caller’s wishes (with whether they are mutual) and who wished to meet it. Participants only (403 otherwise).', params: IdParams, response: { 200: Wishes } },
    }, async (request) => listWishes(ctx.db, requireActor(request), request.params.id));

    app.put('/api/v1/fairs/:id/wishes', {
      schema: {
        tags: TAGS,
        summary: 'Set my wish list 提交洽谈意向',
        description: 'Replaces the caller’s wishes. Targets are registration ids of registered participants of the other side (422 naming `targets.N` otherwise). Waitlisted participants get 409.',
        params: IdParams,
        body: PutWishesBody,
        response: { 200: Wishes },
      },
    }, async (request) => putWishes(ctx.db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body));

    app.post('/api/v1/fairs/:id/schedule', {
      schema: {
        tags: TAGS,
        summary: 'Run the meeting scheduler 生成洽谈排期',
        description: 'Organisers. Assigns one-to-one meetings (large firm × SME) to slots and tables maximising wishes (mutual above one-sided) with a fair share per SME: HiGHS MIP for the pairs, König edge colouring with repair for the slots. Reports the objective, the LP bound and the gap. Replaces the previous schedule and its outcomes in one transaction. More wishes than slots is scheduled best-effort, never an error. 409 for a draft fair.',
        params: IdParams,
        body: RunScheduleBody,
        response: { 200: ScheduleView },
      },
    }, async (request) => runSchedule(deps, { actor: requireActor(request), requestId: request.id }, request.params.id, request.body ?? {}));

    app.get('/api/v1/fairs/:id/schedule', {
      schema: { tags: TAGS, summary: 'Latest schedule figures 排期结果', description: 'Organisers; 404 before the first run.', params: IdParams, response: { 200: ScheduleView } },
    }, async (request) => getSchedule(ctx.db, requireActor(request), request.params.id));

    app.get('/api/v1/fairs/:id/timetable', {
      schema: {
        tags: TAGS,
        summary: 'A participant’s timetable 个人洽谈日程',
        description: 'A member sees only its own enterprise’s (naming another `uscc` → 404); organisers name the enterprise.',
        params: IdParams,
        querystring: TimetableQuery,
        response: { 200: TimetableView },
      },
    }, async (request) => {
      const t = await getTimetable(ctx.db, requireActor(request), request.params.id, request.query.uscc);
      return { fairId: t.fair.id, uscc: t.registration.uscc, name: t.registration.name, meetings: t.meetings.map(presentMeeting) };
    });

    app.get('/api/v1/fairs/:id/timetable/export', {
      schema: { tags: TAGS, summary: 'Export a timetable to Excel 导出个人日程', description: 'The timetable of `GET /timetable` as `.xlsx`, same access.', params: IdParams, querystring: TimetableQuery },
    }, async (request, reply) => {
      const t = await getTimetable(ctx.db, requireActor(request), request.params.id, request.query.uscc);
      const body = await exportTimetable(t.fair, t.registration, t.meetings);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`洽谈日程-${t.registration.name}.xlsx`)).send(body);
    });

    app.get('/api/v1/fairs/:id/grid', {
      schema: { tags: TAGS, summary: 'The fair’s grid 排期总表', description: 'Organisers: every slot with its tables, every meeting, and the latest schedule figures.', params: IdParams, response: { 200: GridView } },
    }, async (request) => {
      const g = await getGrid(ctx.db, requireActor(request), request.params.id);
      return {
        fairId: g.fair.id, schedule: g.schedule ? scheduleView(g.schedule) : null,
        slots: g.slots.map((s) => ({ sessionId: s.sessionId, slotIndex: s.slotIndex, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), tables: s.tables })),
        meetings: g.meetings.map(presentMeeting),
      };
    });

    app.get('/api/v1/fairs/:id/grid/export', {
      schema: { tags: TAGS, summary: 'Export the grid to Excel 导出排期总表', description: 'Organisers: the grid (slots × tables) and the list of meetings with outcomes as `.xlsx`.', params: IdParams },
    }, async (request, reply) => {
      const g = await getGrid(ctx.db, requireActor(request), request.params.id);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`洽谈排期-${g.fair.title}.xlsx`)).send(await exportGrid(g.fair, g.slots, g.meetings));
    });

    app.post('/api/v1/fairs/:id/meetings/:meetingId/outcome', {
      schema: {
        tags: TAGS,
        summary: 'Record a meeting outcome 登记洽谈结果',
        description: 'After the fair: deal (签约, `amountFen` integer fen), follow-up, no interest or no-show. Either side’s members and the organisers; 404 for others. Kept in `fair_meeting_outcomes` (the deals module’s table is not shared with fairs yet).',
        params: MeetingParams,
        body: RecordOutcomeBody,
        response: { 200: MeetingView },
      },
    }, async (request) => presentMeeting(await recordOutcome(ctx.db, { actor: requireActor(request), requestId: request.id }, request.params.id, request.params.meetingId, request.body)));
  };
}
