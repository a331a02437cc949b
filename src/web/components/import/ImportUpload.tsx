import { FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Upload } from 'antd';
import { useState } from 'react';
import { IMPORT_COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type ImportReport } from '../../../contracts/enterprises';
import { useLang, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { importTemplateUrl } from '../../queries/enterprises';
import { ProblemAlert } from '../ProblemAlert';
import { ImportActivityIndicator } from './ImportActivityIndicator';
import { useImportRun } from './useImportRun';

const ACCEPTED_EXTENSIONS = ['.xlsx', '.csv'];
const MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024;

/** Step 1: template links and the file drop zone; a dropped file is checked with a dry run. */
export function ImportUpload({ onChecked }: { onChecked: (file: File, report: ImportReport) => void }) {
  const t = useT();
  const lang = useLang();
  const { activity, isBusy, run } = useImportRun();
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const requiredColumns = IMPORT_COLUMNS.filter((column) => column.required)
    .map((column) => (lang === 'zh' ? column.zh : column.en))
    .join(lang === 'zh' ? '、' : ', ');

  const check = async (file: File) => {
    setError(null);
    setLocalError(null);
    const lowerName = file.name.toLowerCase();
    if (!ACCEPTED_EXTENSIONS.some((extension) => lowerName.endsWith(extension))) {
      setLocalError(t('import.wrongType'));
      return;
    }
    if (file.size > IMPORT_MAX_BYTES) {
      setLocalError(t('import.tooLarge', { mb: MAX_MB }));
      return;
    }
    const outcome = await run(file, { isDryRun: true });
    if (outcome.isOk) {
      onChecked(file, outcome.report);
    } else {
      setError(outcome.error);
    }
  };

  return (
    <div className="import-upload">
      <Alert
        type="info"
        showIcon
        title={t('import.templateHint', { cols: requiredColumns })}
        action={
          <Space>
            <Button size="small" icon={<FileExcelOutlined />} href={importTemplateUrl('xlsx')} data-testid="template-xlsx">
              {t('import.templateXlsx')}
            </Button>
            <Button size="small" href={importTemplateUrl('csv')} data-testid="template-csv">
              {t('import.templateCsv')}
            </Button>
          </Space>
        }
      />
      {localError ? <Alert type="error" showIcon title={localError} /> : null}
      {error ? <ProblemAlert error={error} /> : null}
      <div data-testid="import-upload">
        <Upload.Dragger
          data-testid="import-file"
          accept={ACCEPTED_EXTENSIONS.join(',')}
          multiple={false}
          showUploadList={false}
          disabled={isBusy}
          beforeUpload={(file) => {
            void check(file);
            // The file is sent by our own request (progress, dry run), not by Upload's.
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('import.dragger')}</p>
          <p className="ant-upload-hint">{t('import.draggerHint', { mb: MAX_MB, rows: formatNumber(lang, IMPORT_MAX_ROWS) })}</p>
        </Upload.Dragger>
      </div>
      <ImportActivityIndicator activity={activity} processingKey="import.checking" />
    </div>
  );
}
