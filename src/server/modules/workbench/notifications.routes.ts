import { z } from 'zod';
import { PageQuery } from '../../../contracts/common.js';
import { ListNotificationsQuery, NotificationDigest, NotificationDigestPage, NotificationPage, NotificationSubscriptions, NotificationView, PutSubscriptionsBody } from '../../../contracts/notifications.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { getDigest, listDigests } from './notifications.digests.js';
import { digestsWorkbook, notificationsWorkbook, presentNotification } from './notifications.present.js';
import { getSubscriptions, listNotifications, putSubscriptions, readAllNotifications, readNotification } from './notifications.service.js';
import { XLSX_TYPE, attachmentHeader } from './workbench.export.js';

const TAGS = ['notifications'];
/** Most notifications one export writes. */
const EXPORT_MAX = 5000;

/** `/api/v1/notifications*`: the caller's in-app inbox (站内消息). */
export function notificationsRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/notifications', {
      schema: {
        tags: TAGS,
        summary: 'My notifications 我的站内消息',
        description: 'The caller’s notifications, newest first, in cursor pages; `unread=true` for unread ones only. `unreadCount` counts all of the caller’s unread notifications. Written with their events: a task dispatched to the caller’s region, a sub-task’s report, a reminder, a need reviewed or returned, a programme application decided, a supplier accepting the enterprise’s invitation on a need, an application to the enterprise’s challenge, a booking request for its shared resource, a bank’s offer on its financing request. Kinds the caller switched off in-app (`/notifications/subscriptions`) are not written.',
        querystring: ListNotificationsQuery,
        response: { 200: NotificationPage },
      },
    }, async (request) => {
      const page = await listNotifications(db, requireActor(request), request.query);
      return { items: page.items.map(presentNotification), nextCursor: page.nextCursor, unreadCount: page.unreadCount };
    });

    app.get('/api/v1/notifications/export', {
      schema: { tags: TAGS, summary: 'Export my notifications 导出站内消息', description: `The caller’s notifications (newest ${EXPORT_MAX}; \`unread=true\` for unread ones) as \`.xlsx\`, with their Chinese text.`, querystring: ListNotificationsQuery.pick({ unread: true }) },
    }, async (request, reply) => {
      const page = await listNotifications(db, requireActor(request), { ...request.query, limit: EXPORT_MAX });
      const body = await notificationsWorkbook(page.items.map(presentNotification));
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentHeader(`站内消息-${businessDate()}.xlsx`)).send(body);
    });

    app.post('/api/v1/notifications/read-all', {
      schema: { tags: TAGS, summary: 'Mark all read 全部标为已读', description: 'Marks every unread notification of the caller read; `updated` is how many were.', response: { 200: z.object({ updated: z.number().int() }) } },
    }, async (request) => readAllNotifications(db, { actor: requireActor(request), requestId: request.id }));

    app.get('/api/v1/notifications/subscriptions', {
      schema: { tags: TAGS, summary: 'My notification settings 我的消息订阅', description: 'Every notification kind with the caller’s setting: in-app on/off and digest none/daily/weekly. Kinds never changed show the defaults (in-app on, digest none).', response: { 200: NotificationSubscriptions } },
    }, async (request) => ({ items: await getSubscriptions(db, requireActor(request).userId) }));

    app.put('/api/v1/notifications/subscriptions', {
      schema: {
        tags: TAGS,
        summary: 'Change my notification settings 修改消息订阅',
        description: 'Sets in-app on/off and the digest period for the kinds listed (others keep theirs); answers every kind’s setting. An unknown kind, or a kind listed twice, is 422 naming `items.<i>.kind`. In-app off stops new notifications of the kind for the caller (so they are in no digest either); one audit entry when something changed.',
        body: PutSubscriptionsBody,
        response: { 200: NotificationSubscriptions },
      },
    }, async (request) => ({ items: await putSubscriptions(db, { actor: requireActor(request), requestId: request.id }, request.body) }));

    app.get('/api/v1/notification-digests', {
      schema: { tags: TAGS, summary: 'My digests 我的消息摘要', description: 'The caller’s digests, newest first, in cursor pages: per period, the count per subscribed kind and the Chinese text. Built by `xieshou notify digest` and hourly by the server; shown in-app only (`deliveredAt` stays null: e-mail delivery is outside the platform).', querystring: PageQuery, response: { 200: NotificationDigestPage } },
    }, async (request) => listDigests(db, requireActor(request), request.query));

    app.get('/api/v1/notification-digests/export', {
      schema: { tags: TAGS, summary: 'Export my digests 导出消息摘要', description: `The caller’s digests (newest ${EXPORT_MAX}) as \`.xlsx\` with their text.` },
    }, async (request, reply) => {
      const page = await listDigests(db, requireActor(request), { limit: EXPORT_MAX });
      const body = await digestsWorkbook(page.items);
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentHeader(`消息摘要-${businessDate()}.xlsx`)).send(body);
    });

    app.get('/api/v1/notification-digests/:id', {
      schema: { tags: TAGS, summary: 'One digest 消息摘要详情', description: 'One of the caller’s digests. Another user’s digest is 404, like a missing one.', params: z.object({ id: z.string().min(1).max(20).describe('Digest id') }), response: { 200: NotificationDigest } },
    }, async (request) => getDigest(db, requireActor(request), request.params.id));

    app.post('/api/v1/notifications/:id/read', {
      schema: { tags: TAGS, summary: 'Mark one read 标为已读', description: 'Marks one of the caller’s notifications read (again is harmless: the first read time stays). Another user’s notification is 404, like a missing one.', params: z.object({ id: z.string().min(1).max(20).describe('Notification id') }), response: { 200: NotificationView } },
    }, async (request) => presentNotification(await readNotification(db, { actor: requireActor(request), requestId: request.id }, request.params.id)));
  };
}
