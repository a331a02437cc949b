import type { NotificationView } from '../../contracts/notifications';
import type { Translate } from '../i18n';

const percent = (x: unknown) => (typeof x === 'number' ? `${Math.round(x * 100)}%` : '—');
const str = (x: unknown) => (x === null || x === undefined ? '' : String(x));

/** A notification in the reader's language, from its kind and params. */
export function notificationText(n: Pick<NotificationView, 'kind' | 'params'>, t: Translate): string {
  const p = n.params;
  switch (n.kind) {
    case 'task.dispatched':
      return t('notifications.kind.task.dispatched', { from: str(p.from), title: str(p.title), target: str(p.target), dueOn: str(p.dueOn) });
    case 'task.reported':
      return t(p.done === null || p.done === undefined ? 'notifications.kind.task.reported' : 'notifications.kind.task.reportedDone', { region: str(p.region), title: str(p.title), progress: percent(p.progress), done: str(p.done) });
    case 'task.reminded':
      return t('notifications.kind.task.reminded', { from: str(p.from), title: str(p.title), message: str(p.message) });
    case 'need.published':
      return t('notifications.kind.need.published', { title: str(p.title) });
    case 'need.returned':
      return t(p.comment ? 'notifications.kind.need.returnedComment' : 'notifications.kind.need.returned', { title: str(p.title), comment: str(p.comment) });
    case 'programme.approved':
      return t(p.amountYuan === null || p.amountYuan === undefined ? 'notifications.kind.programme.approved' : 'notifications.kind.programme.approvedAmount', { title: str(p.title), amount: typeof p.amountYuan === 'number' ? p.amountYuan.toLocaleString('en-US') : '' });
    case 'programme.rejected':
      return t('notifications.kind.programme.rejected', { title: str(p.title) });
    case 'match.accepted':
      return t('notifications.kind.match.accepted', { title: str(p.title), supplier: str(p.supplier) });
    case 'challenge.applied':
      return t('notifications.kind.challenge.applied', { title: str(p.title), applicant: str(p.applicant) });
    case 'challenge.cancelled':
      return t('notifications.kind.challenge.cancelled', { title: str(p.title), reason: str(p.reason) });
    case 'booking.requested':
      return t('notifications.kind.booking.requested', { title: str(p.title), booker: str(p.booker), start: str(p.start), end: str(p.end) });
    case 'overseas.applied':
      return t('notifications.kind.overseas.applied', { title: str(p.title), applicant: str(p.applicant) });
    case 'overseas.accepted':
    case 'overseas.declined':
      return t(`notifications.kind.${n.kind}`, { title: str(p.title), firm: str(p.firm) });
    case 'complaint.filed':
      return t('notifications.kind.complaint.filed', { supplier: str(p.supplier), buyer: str(p.buyer), title: str(p.title), dueOn: str(p.dueOn) });
    case 'complaint.named':
      return t('notifications.kind.complaint.named', { supplier: str(p.supplier), title: str(p.title) });
    case 'complaint.decided':
      return t(`notifications.kind.complaint.${p.status === 'accepted' ? 'accepted' : p.status === 'rejected' ? 'rejected' : 'resolved'}`, { buyer: str(p.buyer) });
    case 'financing.offered':
      return t('notifications.kind.financing.offered', { bank: str(p.bank), amount: typeof p.amountYuan === 'number' ? p.amountYuan.toLocaleString('en-US') : '', rate: str(p.ratePercent), days: str(p.termDays) });
  }
}
