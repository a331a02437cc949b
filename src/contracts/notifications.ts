/**
 * In-app notifications (站内消息): per-user messages written with the event that causes them.
 * Clients render the text from `kind` and `params` in the reader's language.
 */
import { z } from 'zod';
import { BusinessDate, Page, PageQuery } from './common.js';

/** What happened (the client has a message for each, in Chinese and English). */
export const NOTIFICATION_KINDS = [
  'task.dispatched', // a task was dispatched to my region (to accept)
  'task.reported', // a subordinate region reported progress on a sub-task of my task (to look at)
  'task.reminded', // a higher level reminded my region of a task (催办)
  'need.published', // my enterprise's need passed review and was published
  'need.returned', // my enterprise's need was returned by the reviewer, with a comment
  'programme.approved', // my enterprise's programme application was approved, with an amount
  'programme.rejected', // … or rejected
  'match.accepted', // a supplier accepted my enterprise's invitation to talk about a need (对接响应)
  'challenge.applied', // an enterprise applied to my challenge (揭榜)
  'challenge.cancelled', // the publisher cancelled a challenge my enterprise applied to, with the reason
  'booking.requested', // an enterprise asked to book my shared resource (共享资源预约)
  'financing.offered', // a bank decided on my enterprise's financing request with an offer
  'overseas.applied', // an SME applied to my firm's overseas service offer (出海服务)
  'overseas.accepted', // the firm accepted my enterprise's application to its overseas service offer
  'overseas.declined', // … or declined it
  'complaint.filed', // an SME filed a payment complaint against a buyer in my region (to accept within the deadline)
  'complaint.named', // a complaint about late payment names my enterprise as the buyer (it may respond)
  'complaint.decided', // the authority accepted, rejected or resolved my enterprise's complaint
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

/** How often a kind is summed up in a digest: never, for each business day, for each Mon–Sun week. */
export const DIGEST_PERIODS = ['none', 'daily', 'weekly'] as const;
export const DigestChoice = z.enum(DIGEST_PERIODS);
export type DigestChoice = z.infer<typeof DigestChoice>;

/** One user's setting for one kind (defaults: in-app on, digest none). */
export const NotificationSubscription = z.object({
  kind: NotificationKind,
  isInApp: z.boolean().describe('Write this kind into the in-app inbox. Off: no notification of this kind is written for the user (so it is in no digest either).'),
  digest: DigestChoice.describe('Sum this kind up in a digest: `none`, `daily` (the previous Asia/Shanghai business day) or `weekly` (the previous Monday–Sunday).'),
});
export type NotificationSubscription = z.infer<typeof NotificationSubscription>;

export const NotificationSubscriptions = z.object({ items: z.array(NotificationSubscription).describe('Every kind, in the order of `NOTIFICATION_KINDS`.') });
export type NotificationSubscriptions = z.infer<typeof NotificationSubscriptions>;

export const PutSubscriptionsBody = z.object({
  items: z.array(NotificationSubscription).min(1).max(NOTIFICATION_KINDS.length * 2).describe('The kinds to change; kinds not listed keep their setting.'),
});
export type PutSubscriptionsBody = z.infer<typeof PutSubscriptionsBody>;

export const DigestPeriod = z.enum(['daily', 'weekly']);
export type DigestPeriod = z.infer<typeof DigestPeriod>;

/** A stored digest: the caller's notifications of subscribed kinds over one period. */
export const NotificationDigest = z.object({
  id: z.string(),
  period: DigestPeriod,
  periodStart: BusinessDate,
  periodEnd: BusinessDate.describe('Inclusive.'),
  counts: z.record(z.string(), z.number().int()).describe('Notifications per subscribed kind in the period.'),
  total: z.number().int(),
  text: z.string().describe('The digest rendered in Chinese.'),
  createdAt: z.string(),
  deliveredAt: z.string().nullable().describe('Always null: e-mail delivery is outside the platform; the digest is shown in-app.'),
});
export type NotificationDigest = z.infer<typeof NotificationDigest>;

export const NotificationDigestPage = Page(NotificationDigest);
export type NotificationDigestPage = z.infer<typeof NotificationDigestPage>;
