import { CheckCircleOutlined, FileExcelOutlined, InboxOutlined, LockOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Result, Row, Spin, Statistic, Steps, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ImportError } from '../../contracts/enterprises';
import { IMPORT_MAX_BYTES } from '../../contracts/enterprises';
import { SUPPLY_IMPORT_COLUMNS, type SupplyImportReport } from '../../contracts/supply';
import { ApiError } from '../api';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { useLang, useT } from '../i18n';
import { useCurrentUser } from '../queries/auth';
import { runSupplyImport, supplyTemplateUrl, useInvalidateSupply } from '../queries/supply';

type WizardState =
  | { step: 'upload' }
  | { step: 'preview'; file: File; report: SupplyImportReport }
  | { step: 'result'; report: SupplyImportReport };

const STEP_INDEX: Record<WizardState['step'], number> = { upload: 0, preview: 1, result: 2 };
const ACCEPTED = ['.xlsx', '.csv'];

/** The report a refused commit carries in its problem body. */
function refusedReport(error: unknown): SupplyImportReport | undefined {
  return error instanceof ApiError ? (error.problem.report as SupplyImportReport | undefined) : undefined;
}

/** 导入供应商清单: upload → dry run and row errors → commit (all or nothing) → result. */
export function SupplyEdgesImportPage() {
  const t = useT();
  const user = useCurrentUser();
  const invalidate = useInvalidateSupply();
  const [state, setState] = useState<WizardState>({ step: 'upload' });
  const [isPrivate, setPrivate] = useState(user.role === 'member');
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const check = async (file: File) => {
    setError(null);
    if (!ACCEPTED.some((extension) => file.name.toLowerCase().endsWith(extension)) || file.size > IMPORT_MAX_BYTES) {
      setError(new Error(t('import.wrongType')));
      return;
    }
    setBusy(true);
    try {
      setState({ step: 'preview', file, report: await runSupplyImport({ file, isDryRun: true, isPrivate }) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const commit = async (file: File) => {
    setError(null);
    setBusy(true);
    try {
      const report = await runSupplyImport({ file, isDryRun: false, isPrivate });
      await invalidate();
      setState({ step: 'result', report });
    } catch (err) {
      setError(err);
      const report = refusedReport(err);
      if (report) setState({ step: 'preview', file, report });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="supply-import-page">
      <PageHeader title={t('supply.importTitle')} />
      <Card>
        <Steps className="import-steps" current={STEP_INDEX[state.step]} items={[{ title: t('supply.step.upload') }, { title: t('supply.step.preview') }, { title: t('supply.step.result') }]} />
        {error ? <ProblemAlert error={error} /> : null}
        {state.step === 'upload' && (
          <div className="import-upload">
            <Alert
              type="info"
              showIcon
              title={t('supply.templateHint')}
              action={
                <Button size="small" icon={<FileExcelOutlined />} href={supplyTemplateUrl()} data-testid="supply-template">
                  {t('supply.template')}
                </Button>
              }
            />
            {user.role === 'member' && (
              <Checkbox checked={isPrivate} onChange={(event) => setPrivate(event.target.checked)} data-testid="supply-private" style={{ margin: '12px 0' }}>
                <LockOutlined /> {t('supply.privateUpload')}
              </Checkbox>
            )}
            <Spin spinning={isBusy} tip={t('supply.checking')}>
              <div data-testid="supply-upload">
                <Upload.Dragger data-testid="supply-file" accept={ACCEPTED.join(',')} multiple={false} showUploadList={false} disabled={isBusy} beforeUpload={(file) => { void check(file); return false; }}>
                  <p className="ant-upload-drag-icon"><InboxOutlined /></p>
                  <p className="ant-upload-text">{t('supply.dragger')}</p>
                  <p className="ant-upload-hint">{t('supply.draggerHint')}</p>
                </Upload.Dragger>
              </div>
            </Spin>
          </div>
        )}
        {state.step === 'preview' && (
          <Preview report={state.report} fileName={state.file.name} isBusy={isBusy} onRestart={() => { setError(null); setState({ step: 'upload' }); }} onCommit={() => commit(state.file)} />
        )}
        {state.step === 'result' && (
          <Result
            status="success"
            data-testid="supply-import-result"
            title={t('supply.done', { created: state.report.created, updated: state.report.updated })}
            extra={[
              <Link key="list" to="/supply-edges"><Button type="primary" data-testid="supply-to-list">{t('supply.toList')}</Button></Link>,
              <Button key="again" onClick={() => setState({ step: 'upload' })}>{t('supply.again')}</Button>,
            ]}
          />
        )}
      </Card>
    </div>
  );
}

function Preview({ report, fileName, isBusy, onRestart, onCommit }: { report: SupplyImportReport; fileName: string; isBusy: boolean; onRestart: () => void; onCommit: () => void }) {
  const t = useT();
  const lang = useLang();
  const hasErrors = report.errors.length > 0;
  const columnName = (key: string) => {
    const column = SUPPLY_IMPORT_COLUMNS.find((c) => c.key === key);
    return column ? (lang === 'zh' ? `${column.zh}（${column.key}）` : column.key) : key;
  };
  return (
    <div className="import-preview" data-testid="supply-preview">
      <Typography.Text type="secondary">{t('import.file', { name: fileName })}</Typography.Text>
      <Row gutter={16} className="import-summary" data-testid="supply-summary">
        <Col span={6}><Card size="small"><Statistic title={t('supply.rows')} value={report.rows} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('supply.valid')} value={report.valid} styles={{ content: { color: '#389e0d' } }} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('supply.errors')} value={report.errors.length} styles={{ content: { color: hasErrors ? '#cf1322' : undefined } }} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('supply.creates')} value={`${report.created} / ${report.updated}`} /></Card></Col>
      </Row>
      {!hasErrors && report.rows > 0 ? <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('supply.ready')} /> : null}
      {hasErrors && (
        <Card size="small" title={t('supply.errorsTitle')} className="import-section">
          <Table<ImportError>
            data-testid="supply-errors-table"
            size="small"
            rowKey={(row, index) => `${row.row}:${row.field}:${index ?? 0}`}
            dataSource={report.errors}
            pagination={{ pageSize: 10 }}
            columns={[
              { title: t('supply.err.row'), dataIndex: 'row', width: 80 },
              { title: t('supply.err.field'), dataIndex: 'field', width: 220, render: columnName },
              { title: t('supply.err.message'), dataIndex: 'message' },
            ]}
          />
        </Card>
      )}
      {report.preview.length > 0 && (
        <Card size="small" title={t('supply.previewTitle')} className="import-section">
          <Table
            data-testid="supply-preview-table"
            size="small"
            rowKey="row"
            dataSource={report.preview}
            pagination={{ pageSize: 10 }}
            columns={[
              { title: t('supply.err.row'), dataIndex: 'row', width: 70 },
              { title: t('supply.supplier'), dataIndex: 'supplier' },
              { title: t('supply.customer'), dataIndex: 'customer' },
              { title: t('supply.product'), dataIndex: 'product', width: 150 },
              { title: t('supply.share'), dataIndex: 'share', width: 90, render: (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`) },
              { title: t('supply.visibility'), dataIndex: 'isPrivate', width: 90, render: (isPrivate: boolean) => (isPrivate ? <Tag icon={<LockOutlined />} color="gold">{t('supply.private')}</Tag> : <Tag>{t('supply.public')}</Tag>) },
              { title: '', dataIndex: 'action', width: 70, render: (action: 'create' | 'update') => <Tag color={action === 'create' ? 'green' : 'blue'}>{t(`supply.action.${action}`)}</Tag> },
            ]}
          />
        </Card>
      )}
      <div className="wizard-actions">
        <Button icon={<UploadOutlined />} onClick={onRestart} disabled={isBusy} data-testid="supply-reupload">{t('supply.reupload')}</Button>
        <Tooltip title={hasErrors ? t('supply.blocked') : null}>
          <Button type="primary" onClick={onCommit} loading={isBusy} disabled={hasErrors || report.rows === 0} data-testid="supply-commit">{t('supply.commit')}</Button>
        </Tooltip>
      </div>
    </div>
  );
}
