/** Notification rows → API shapes, and their Chinese text for the Excel export. */
import type { NotificationDigest, NotificationKind, NotificationParams, NotificationView } from '../../../contracts/notifications.js';
import { businessDateTime } from '../../platform/dates.js';
import { writeWorkbook } from '../../platform/workbook.js';
import type { NotificationRecord } from './notifications.repo.js';

export function presentNotification(n: NotificationRecord): NotificationView {
  return {
    id: n.id, kind: n.kind as NotificationKind, params: n.params, link: n.link, entityType: n.entityType, entityKey: n.entityKey,
    isRead: n.readAt !== null, readAt: n.readAt?.toISOString() ?? null, createdAt: n.createdAt.toISOString(),
  };
}

const percent = (x: unknown) => (typeof x === 'number' ? `${Math.round(x * 100)}%` : '');

/** The Chinese text of a notification (the web client has the same messages in both languages). */
export function notificationText(kind: NotificationKind, p: NotificationParams): string {
  switch (kind) {
    case 'task.dispatched': return `${p.from ?? '上级'}下发任务“${p.title}”，截止${p.dueOn}，请接收`;
    case 'task.reported': return `${p.region}报送“${p.title}”进度 ${percent(p.progress)}${p.done !== null && p.done !== undefined ? `，完成 ${p.done}` : ''}`;
    case 'task.reminded': return `${p.from ?? '上级'}催办“${p.title}”：${p.message}`;
    case 'need.published': return `需求“${p.title}”已通过审核并发布`;
    case 'need.returned': return `需求“${p.title}”被退回${p.comment ? `：${p.comment}` : ''}`;
    case 'programme.approved': return `“${p.title}”申报已获批${p.amountYuan !== null && p.amountYuan !== undefined ? `，核定金额 ${p.amountYuan} 元` : ''}`;
    case 'programme.rejected': return `“${p.title}”申报未获批${p.note ? `：${p.note}` : ''}`;
    case 'match.accepted': return `${p.supplier}接受了需求“${p.title}”的对接邀请`;
    case 'challenge.applied': return `${p.applicant}揭榜“${p.title}”`;
    case 'challenge.cancelled': return `榜单“${p.title}”已被发榜方取消：${p.reason}`;
    case 'booking.requested': return `${p.booker}申请预约“${p.title}”（${p.start} 至 ${p.end}）`;
    case 'overseas.applied': return `${p.applicant}申请加入出海服务“${p.title}”`;
    case 'overseas.accepted': return `${p.firm}已接受本企业加入出海服务“${p.title}”${p.note ? `：${p.note}` : ''}`;
    case 'overseas.declined': return `${p.firm}未接受本企业加入出海服务“${p.title}”${p.note ? `：${p.note}` : ''}`;
    case 'complaint.filed': return `${p.supplier}投诉${p.buyer}拖欠“${p.title}”款项，请于 ${p.dueOn} 前受理`;
    case 'complaint.named': return `${p.supplier}就“${p.title}”款项投诉本企业，可在投诉处理页答复`;
    case 'complaint.decided': return `对${p.buyer}的投诉${p.status === 'accepted' ? '已受理' : p.status === 'rejected' ? '不予受理' : '已办结'}${p.outcome ? `：${p.outcome}` : ''}`;
    case 'financing.offered': return `${p.bank}对融资需求（${typeof p.amountYuan === 'number' ? p.amountYuan.toLocaleString('en-US') : p.amountYuan} 元）报价：年利率 ${p.ratePercent}%，期限 ${p.termDays} 天`;
  }
}

/** The Chinese name of each kind (the settings page and digests). */
export const KIND_LABELS_ZH: Record<NotificationKind, string> = {
  'task.dispatched': '任务下发',
  'task.reported': '下级报送',
  'task.reminded': '催办',
  'need.published': '需求审核通过',
  'need.returned': '需求被退回',
  'programme.approved': '政策申报获批',
  'programme.rejected': '政策申报未获批',
  'match.accepted': '对接邀请被接受',
  'challenge.applied': '揭榜申请',
  'challenge.cancelled': '榜单取消',
  'booking.requested': '资源预约申请',
  'financing.offered': '融资需求获银行报价',
  'overseas.applied': '出海服务申请',
  'overseas.accepted': '出海服务申请被接受',
  'overseas.declined': '出海服务申请未被接受',
  'complaint.filed': '拖欠款项投诉（待受理）',
  'complaint.named': '本企业被投诉',
  'complaint.decided': '投诉处理结果',
};

/** The caller's notifications as a workbook. */
export async function notificationsWorkbook(items: NotificationView[]): Promise<Buffer> {
  return writeWorkbook({
    name: '站内消息',
    columns: [
      { header: '时间（北京时间）', key: 'at', width: 20 },
      { header: '内容', key: 'text', width: 70 },
      { header: '状态', key: 'state', width: 8 },
      { header: '链接', key: 'link', width: 28 },
    ],
    rows: items.map((n) => ({ at: businessDateTime(new Date(n.createdAt)), text: notificationText(n.kind, n.params), state: n.isRead ? '已读' : '未读', link: n.link })),
  });
}

/** The caller's digests as a workbook. */
export async function digestsWorkbook(items: NotificationDigest[]): Promise<Buffer> {
  return writeWorkbook({
    name: '消息摘要',
    columns: [
      { header: '周期', key: 'period', width: 8 },
      { header: '起始日', key: 'start', width: 12 },
      { header: '截止日', key: 'end', width: 12 },
      { header: '条数', key: 'total', width: 8 },
      { header: '摘要', key: 'text', width: 90, wrap: true },
    ],
    rows: items.map((d) => ({ period: d.period === 'daily' ? '每日' : '每周', start: d.periodStart, end: d.periodEnd, total: d.total, text: d.text })),
  });
}
