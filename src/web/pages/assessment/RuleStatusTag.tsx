import { Tag, Tooltip } from 'antd';
import { useT } from '../../i18n';

/** ⚠️/❓ marker of a rule that is not confirmed (configurable); nothing for confirmed rules. */
export function RuleStatusTag({ status }: { status: 'confirmed' | 'single_source' | 'unconfirmed' }) {
  const t = useT();
  if (status === 'confirmed') return null;
  return (
    <Tooltip title={t('as.status.configurable')}>
      <Tag color={status === 'single_source' ? 'orange' : 'red'} style={{ marginInlineEnd: 0 }}>{status === 'single_source' ? t('as.status.single_source') : t('as.status.unconfirmed')}</Tag>
    </Tooltip>
  );
}
