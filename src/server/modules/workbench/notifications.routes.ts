import { z } from 'zod';
import { ListNotificationsQuery, NotificationPage, NotificationView } from '../../../contracts/notifications.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { notificationsWorkbook, presentNotification } from './notifications.present.js';
import { listNotifications, readAllNotifications, readNotification } from './notifications.service.js';
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
        description: 'The caller’s notifications, newest first, in cursor pages; `unread=true` for unread ones only. `unreadCount` counts all of the caller’s unread notifications. Written with their events: a task dispatched to the caller’s region, a sub-task’s report, a reminder, a need reviewed or returned, a programme application decided.',
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

    app.post('/api/v1/notifications/:id/read', {
      schema: { tags: TAGS, summary: 'Mark one read 标为已读', description: 'Marks one of the caller’s notifications read (again is harmless: the first read time stays). Another user’s notification is 404, like a missing one.', params: z.object({ id: z.string().min(1).max(20).describe('Notification id') }), response: { 200: NotificationView } },
    }, async (request) => presentNotification(await readNotification(db, { actor: requireActor(request), requestId: request.id }, request.params.id)));
  };
}
