import { Button, Result, Statistic, Space } from 'antd';
import { Link } from 'react-router';
import type { ImportReport } from '../../../contracts/enterprises';
import { useT } from '../../i18n';

/** Step 3: how many enterprises were created, updated and skipped. */
export function ImportResult({ report, onRestart }: { report: ImportReport; onRestart: () => void }) {
  const t = useT();
  return (
    <Result
      status="success"
      title={t('import.done')}
      data-testid="import-result"
      subTitle={
        <Space size={48} className="import-result-stats">
          <Statistic title={t('import.created')} value={report.created} />
          <Statistic title={t('import.updated')} value={report.updated} />
          <Statistic title={t('import.skipped')} value={report.skipped} />
        </Space>
      }
      extra={[
        <Link key="list" to="/enterprises">
          <Button type="primary" data-testid="import-to-list">
            {t('import.toList')}
          </Button>
        </Link>,
        <Button key="again" onClick={onRestart} data-testid="import-again">
          {t('import.again')}
        </Button>,
      ]}
    />
  );
}
