/**
 * In-app notifications (站内消息): per-user messages written with the event that causes them.
 * Clients render the text from `kind` and `params` in the reader's language.
 */
import { z } from 'zod';
import { PageQuery } from './common.js';

/** What happened (the client has a message for each, in Chinese and English). */
export const NOTIFICATION_KINDS = [
  'task.dispatched', // a task was dispatched to my region (to accept)
  'task.reported', // a subordinate region reported progress on a sub-task of my task (to look at)
  'task.reminded', // a higher level reminded my region of a task (催办)
  'need.published', // my enterprise's need passed review and was published
  'need.returned', // my enterprise's need was returned by the reviewer, with a comment
  'programme.approved', // my enterprise's programme application was approved, with an amount
  'programme.rejected', // … or rejected
] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** Values a message names (task title, region name, progress, comment, amount…); strings, numbers or null. */
export const NotificationParams = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export type NotificationParams = z.infer<typeof NotificationParams>;

export const NotificationView = z.object({
  id: z.string(),
  kind: NotificationKind,
  params: NotificationParams.describe('What the message names, by kind: `title`, `region`, `progress` (0–1), `done`, `dueOn`, `message`, `comment`, `amountYuan`…'),
  link: z.string().describe('Web path of the thing the notification is about, e.g. `/dispatch/tasks/42`.'),
  entityType: z.string(),
  entityKey: z.string(),
  isRead: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const ListNotificationsQuery = PageQuery.extend({
  unread: z.enum(['true', 'false']).optional().describe('`true`: only unread notifications.'),
});
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

export const NotificationPage = z.object({
  items: z.array(NotificationView),
  nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page.'),
  unreadCount: z.number().int().describe('The caller’s unread notifications (whatever the filter).'),
});
export type NotificationPage = z.infer<typeof NotificationPage>;
