import { Progress, Spin } from 'antd';
import { useT, type MessageKey } from '../../i18n';
import type { ImportActivity } from './useImportRun';

/** Upload percent while bytes are sent, then a spinner while the server reads the file. */
export function ImportActivityIndicator({ activity, processingKey }: { activity: ImportActivity; processingKey: MessageKey }) {
  const t = useT();
  if (activity.phase === 'idle') {
    return null;
  }
  return (
    <div className="import-activity" data-testid="import-activity">
      {activity.phase === 'uploading' ? (
        <>
          <Progress percent={activity.percent} status="active" />
          <span className="muted">{t('import.uploading')}</span>
        </>
      ) : (
        <Spin description={t(processingKey)}>
          <div className="import-activity-spin" />
        </Spin>
      )}
    </div>
  );
}
