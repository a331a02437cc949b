/** Notification rows → API shapes, and their Chinese text for the Excel export. */
import ExcelJS from 'exceljs';
import type { NotificationKind, NotificationParams, NotificationView } from '../../../contracts/notifications.js';
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
  }
}

/** The caller's notifications as a workbook. */
export async function notificationsWorkbook(items: NotificationView[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('站内消息');
  sheet.columns = [
    { header: '时间', key: 'at', width: 22 },
    { header: '内容', key: 'text', width: 70 },
    { header: '状态', key: 'state', width: 8 },
    { header: '链接', key: 'link', width: 28 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const n of items) sheet.addRow({ at: n.createdAt, text: notificationText(n.kind, n.params), state: n.isRead ? '已读' : '未读', link: n.link });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
