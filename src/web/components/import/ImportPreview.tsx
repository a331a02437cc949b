import { CheckCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Radio, Row, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { IMPORT_COLUMNS, type ImportDecision, type ImportError, type ImportReport } from '../../../contracts/enterprises';
import { useLang, useT } from '../../i18n';
import { ProblemAlert } from '../ProblemAlert';
import { ImportActivityIndicator } from './ImportActivityIndicator';
import { useImportRun } from './useImportRun';

type Decision = ImportDecision['decision'];
type UncertainRow = ImportReport['uncertain'][number];

const decisionKey = (row: Pick<UncertainRow, 'uscc' | 'existingUscc'>) => `${row.uscc}|${row.existingUscc}`;

interface ImportPreviewProps {
  file: File;
  report: ImportReport;
  onRestart: () => void;
  onCommitted: (report: ImportReport) => void;
}

/** Step 2: what the dry run found, the errors to fix, and a decision per possible duplicate. */
export function ImportPreview({ file, report: dryRunReport, onRestart, onCommitted }: ImportPreviewProps) {
  const t = useT();
  const { activity, isBusy, run } = useImportRun();
  const [report, setReport] = useState(dryRunReport);
  const [commitError, setCommitError] = useState<unknown>(null);
  const [decisions, setDecisions] = useState<Record<string, Decision>>(() => remembered(dryRunReport));

  const undecided = report.uncertain.filter((row) => !decisions[decisionKey(row)]).length;
  const hasErrors = report.errors.length > 0;
  const blockedReason = hasErrors ? t('import.commitBlockedErrors') : undecided > 0 ? t('import.commitBlockedDecisions') : null;

  const commit = async () => {
    setCommitError(null);
    const payload: ImportDecision[] = report.uncertain.map((row) => ({
      uscc: row.uscc,
      existingUscc: row.existingUscc,
      decision: decisions[decisionKey(row)],
    }));
    const outcome = await run(file, { isDryRun: false, decisions: payload });
    if (outcome.isOk) {
      onCommitted(outcome.report);
      return;
    }
    setCommitError(outcome.error);
    if (outcome.report) {
      setReport(outcome.report);
    }
  };

  const decideAll = (decision: Decision) => setDecisions(Object.fromEntries(report.uncertain.map((row) => [decisionKey(row), decision])));

  return (
    <div className="import-preview" data-testid="import-preview">
      <Typography.Text type="secondary">{t('import.file', { name: file.name })}</Typography.Text>
      <Row gutter={16} className="import-summary" data-testid="import-summary">
        <Col span={6}>
          <Card size="small">
            <Statistic title={t('import.rows')} value={report.rows} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title={t('import.valid')} value={report.valid} styles={{ content: { color: '#389e0d' } }} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title={t('import.errors')} value={report.errors.length} styles={{ content: { color: hasErrors ? '#cf1322' : undefined } }} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title={t('import.uncertain')} value={report.uncertain.length} styles={{ content: { color: undecided > 0 ? '#d48806' : undefined } }} />
          </Card>
        </Col>
      </Row>

      {commitError ? <ProblemAlert error={commitError} title={t('import.commitFailed')} fieldErrors={[]} /> : null}
      {!blockedReason && report.rows > 0 ? <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('import.ready')} /> : null}

      {hasErrors && <ErrorsTable errors={report.errors} />}
      {report.uncertain.length > 0 && (
        <UncertainTable
          rows={report.uncertain}
          decisions={decisions}
          onDecide={(row, decision) => setDecisions((current) => ({ ...current, [decisionKey(row)]: decision }))}
          onDecideAll={decideAll}
        />
      )}

      <ImportActivityIndicator activity={activity} processingKey="import.committing" />
      <div className="wizard-actions">
        <Button icon={<UploadOutlined />} onClick={onRestart} disabled={isBusy} data-testid="import-reupload">
          {t('import.reupload')}
        </Button>
        <Tooltip title={blockedReason}>
          <Button type="primary" onClick={commit} loading={isBusy} disabled={Boolean(blockedReason) || report.rows === 0} data-testid="import-commit">
            {t('import.commit')}
          </Button>
        </Tooltip>
      </div>
    </div>
  );
}

function remembered(report: ImportReport): Record<string, Decision> {
  return Object.fromEntries(report.uncertain.flatMap((row) => (row.decision ? [[decisionKey(row), row.decision]] : [])));
}

function ErrorsTable({ errors }: { errors: ImportError[] }) {
  const t = useT();
  const lang = useLang();
  const headers = useMemo(
    () => new Map<string, string>(IMPORT_COLUMNS.map((column) => [column.key, lang === 'zh' ? column.zh : column.en])),
    [lang],
  );
  return (
    <Card size="small" title={t('import.errorsTitle')} extra={<span className="muted">{t('import.errorsHint')}</span>} className="import-section">
      <Table<ImportError>
        data-testid="import-errors-table"
        size="small"
        rowKey={(row, index) => `${row.row}:${row.field}:${index ?? 0}`}
        dataSource={errors}
        pagination={{ pageSize: 10, showSizeChanger: true, showTotal: (total) => t('common.total', { n: total }) }}
        columns={[
          { title: t('import.err.row'), dataIndex: 'row', width: 80 },
          { title: t('import.err.field'), dataIndex: 'field', width: 200, render: (field: string) => headers.get(field) ?? field },
          { title: t('import.err.message'), dataIndex: 'message' },
        ]}
      />
    </Card>
  );
}

interface UncertainTableProps {
  rows: UncertainRow[];
  decisions: Record<string, Decision>;
  onDecide: (row: UncertainRow, decision: Decision) => void;
  onDecideAll: (decision: Decision) => void;
}

function UncertainTable({ rows, decisions, onDecide, onDecideAll }: UncertainTableProps) {
  const t = useT();
  return (
    <Card
      size="small"
      title={t('import.uncertainTitle')}
      className="import-section"
      extra={
        <Space>
          <Button size="small" onClick={() => onDecideAll('distinct')} data-testid="decide-all-distinct">
            {t('import.allDistinct')}
          </Button>
          <Button size="small" onClick={() => onDecideAll('skip')} data-testid="decide-all-skip">
            {t('import.allSkip')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('import.uncertainHint')}</Typography.Paragraph>
      <Table<UncertainRow>
        data-testid="import-uncertain-table"
        size="small"
        rowKey={decisionKey}
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('import.unc.row'), dataIndex: 'row', width: 70 },
          {
            title: t('import.unc.new'),
            key: 'new',
            render: (_, row) => (
              <div>
                <div>{row.name}</div>
                <div className="mono muted">{row.uscc}</div>
              </div>
            ),
          },
          {
            title: t('import.unc.existing'),
            key: 'existing',
            render: (_, row) => (
              <div>
                <a href={`/enterprises/${row.existingUscc}`} target="_blank" rel="noreferrer">
                  {row.existingName}
                </a>
                <div className="mono muted">{row.existingUscc}</div>
              </div>
            ),
          },
          {
            title: t('import.unc.decision'),
            key: 'decision',
            width: 320,
            render: (_, row) => (
              <Radio.Group
                data-testid={`decision-${row.row}`}
                value={decisions[decisionKey(row)]}
                onChange={(event) => onDecide(row, event.target.value as Decision)}
                optionType="button"
                buttonStyle="solid"
                size="small"
                options={[
                  { value: 'distinct', label: t('import.decision.distinct') },
                  { value: 'skip', label: t('import.decision.skip') },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
