import { Tag } from 'antd';
import { useT } from '../../i18n';

/** Overdue / paid late / paid / not yet due, from a ledger row's figures. */
export function LatenessTag({ row }: { row: { isOverdue: boolean; owedFen: number; daysLate: number } }) {
  const t = useT();
  if (row.isOverdue) return <Tag color="red" data-testid="lateness-overdue">{t('capital.state.overdue', { n: row.daysLate })}</Tag>;
  if (row.owedFen === 0 && row.daysLate > 0) return <Tag color="orange">{t('capital.state.paidLate', { n: row.daysLate })}</Tag>;
  if (row.owedFen === 0) return <Tag color="green">{t('capital.state.paid')}</Tag>;
  return <Tag color="blue">{t('capital.state.open')}</Tag>;
}
