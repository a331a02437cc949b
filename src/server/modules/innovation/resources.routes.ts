import { z } from 'zod';
import { Page } from '../../../contracts/common.js';
import { BOOKING_STATUSES, BookingView, CalendarQuery, CreateBookingBody, CreateResourceBody, ListResourcesQuery, RecordUsageBody, ResourceView, SharingStatistics } from '../../../contracts/innovation.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { presentBooking, presentResource } from './innovation.present.js';
import { calendarOf, createBooking, createResource, decideBooking, getBooking, getResource, listOwnBookings, listResources, recordUsage, sharingStatistics, type BookingVerb } from './resources.service.js';

const TAGS = ['innovation'];
const IdParams = z.object({ id: z.string().min(1).max(20) });
const OwnBookingsQuery = z.object({ status: z.enum(BOOKING_STATUSES).optional(), cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(500).default(50) });

const VERBS: { verb: BookingVerb; summary: string; description: string }[] = [
  { verb: 'approve', summary: 'Approve a booking 通过预约', description: 'pending → approved. The resource’s owner members, gov in scope, admins; the booker gets 403.' },
  { verb: 'reject', summary: 'Reject a booking 拒绝预约', description: 'pending → rejected; frees the window.' },
  { verb: 'cancel', summary: 'Cancel a booking 取消预约', description: 'pending/approved → cancelled by the booker or the owner; frees the window.' },
];

/** `/api/v1/resources*` and `/api/v1/bookings*`. */
export function resourceRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/resources', {
      schema: { tags: TAGS, summary: 'Shared resource catalogue 共享资源目录', description: 'Active resources, newest first; public to everyone signed in. `mine=true`: the caller’s enterprise’s.', querystring: ListResourcesQuery, response: { 200: Page(ResourceView) } },
    }, async (request) => {
      const actor = requireActor(request);
      const page = await listResources(db, actor, request.query);
      return { items: page.items.map((r) => presentResource(actor, r)), nextCursor: page.nextCursor };
    });

    app.post('/api/v1/resources', {
      schema: { tags: TAGS, summary: 'List a shared resource 发布共享资源', description: 'A member lists for its own enterprise (`ownerUscc`); gov users and admins for an enterprise in scope. Prices per hour in 元 (stored as fen).', body: CreateResourceBody, response: { 201: z.object({ id: z.string() }) } },
    }, async (request, reply) => reply.code(201).send({ id: await createResource(db, { actor: requireActor(request), requestId: request.id }, request.body) }));

    app.get('/api/v1/resources/statistics', {
      schema: { tags: TAGS, summary: 'Sharing figures 共享率统计', description: 'Per resource and per owner: approved booked hours, used hours, hours used by outside enterprises and the sharing rate (outside ÷ used). Members: their enterprise’s; gov: their region’s; admins: all.', response: { 200: SharingStatistics } },
    }, async (request) => sharingStatistics(db, requireActor(request)));

    app.get('/api/v1/resources/:id', {
      schema: { tags: TAGS, summary: 'Get a shared resource 资源详情', params: IdParams, response: { 200: ResourceView } },
    }, async (request) => presentResource(requireActor(request), await getResource(db, request.params.id)));

    app.get('/api/v1/resources/:id/bookings', {
      schema: { tags: TAGS, summary: 'Booking calendar 预约日历', description: 'Bookings of every status overlapping [from, to). The booker and purpose are shown only to the booker and the resource’s managers.', params: IdParams, querystring: CalendarQuery, response: { 200: z.object({ items: z.array(BookingView) }) } },
    }, async (request) => ({ items: (await calendarOf(db, requireActor(request), request.params.id, new Date(request.query.from), new Date(request.query.to))).map(presentBooking) }));

    app.post('/api/v1/resources/:id/bookings', {
      schema: { tags: TAGS, summary: 'Request a booking 预约', description: '201 with a pending booking that holds [start, end) until the owner decides; 409 when the window overlaps a pending or approved booking (the database decides, so concurrent requests leave exactly one).', params: IdParams, body: CreateBookingBody, response: { 201: BookingView } },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const id = await createBooking(db, { actor, requestId: request.id }, request.params.id, request.body);
      return reply.code(201).send(presentBooking(await getBooking(db, actor, id)));
    });

    app.get('/api/v1/bookings/mine', {
      schema: { tags: TAGS, summary: 'My bookings 我的预约', description: 'Bookings the caller’s enterprise made, newest first.', querystring: OwnBookingsQuery, response: { 200: Page(BookingView) } },
    }, async (request) => {
      const page = await listOwnBookings(db, requireActor(request), 'booker', request.query);
      return { items: page.items.map(presentBooking), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/bookings/incoming', {
      schema: { tags: TAGS, summary: 'Bookings of my resources 待处理预约', description: 'Bookings on the caller’s enterprise’s resources, newest first (`status=pending`: the approval queue).', querystring: OwnBookingsQuery, response: { 200: Page(BookingView) } },
    }, async (request) => {
      const page = await listOwnBookings(db, requireActor(request), 'owner', request.query);
      return { items: page.items.map(presentBooking), nextCursor: page.nextCursor };
    });

    for (const { verb, summary, description } of VERBS) {
      app.post(`/api/v1/bookings/:id/${verb}`, {
        schema: { tags: TAGS, summary, description: `${description} 404 for anyone but the booker and the resource’s managers; 409 from another state.`, params: IdParams, response: { 200: BookingView } },
      }, async (request) => {
        const actor = requireActor(request);
        await decideBooking(db, { actor, requestId: request.id }, request.params.id, verb);
        return presentBooking(await getBooking(db, actor, request.params.id));
      });
    }

    app.post('/api/v1/bookings/:id/usage', {
      schema: { tags: TAGS, summary: 'Record usage 登记使用', description: 'Minutes actually used under an approved booking that has started (at most its window). The resource’s managers.', params: IdParams, body: RecordUsageBody, response: { 200: BookingView } },
    }, async (request) => {
      const actor = requireActor(request);
      await recordUsage(db, { actor, requestId: request.id }, request.params.id, request.body);
      return presentBooking(await getBooking(db, actor, request.params.id));
    });
  };
}
