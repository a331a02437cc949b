import { Alert, List, Tag, Typography } from 'antd';
import type { TermFlag } from '../../../contracts/capital';
import { useT } from '../../i18n';

/** Unfair-term flags with the rule cited. */
export function TermFlags({ flags }: { flags: readonly TermFlag[] }) {
  const t = useT();
  if (flags.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <List
      size="small"
      data-testid="term-flags"
      dataSource={[...flags]}
      renderItem={(f) => (
        <List.Item>
          <div>
            <Tag color={f.severity === 'violation' ? 'red' : 'orange'}>{t(`capital.severity.${f.severity}`)}</Tag>
            <Typography.Text strong>{f.rule}</Typography.Text>
            <div>{f.message}</div>
          </div>
        </List.Item>
      )}
    />
  );
}

/** The result of entering a contract: flags found, or none. */
export function TermFlagsResult({ flags }: { flags: readonly TermFlag[] }) {
  const t = useT();
  return (
    <Alert
      type={flags.length > 0 ? 'warning' : 'success'}
      showIcon
      data-testid="contract-flags-result"
      message={flags.length > 0 ? t('capital.contracts.flagsTitle', { n: flags.length }) : t('capital.contracts.noFlags')}
      description={flags.length > 0 ? <TermFlags flags={flags} /> : undefined}
    />
  );
}
