import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, DatePicker, Form, Input, InputNumber, List, Modal, Radio, Select, Space, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { VALUE_UNIT, type CapacityImportReport } from '../../contracts/capacity';
import { CapacityMonitor, MonthsTable } from '../components/CapacityMonitor';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { useLang, useT } from '../i18n';
import { useUrlParams } from '../lib/useUrlParams';
import { useCurrentUser } from '../queries/auth';
import { capacityTemplateUrl, useEnterpriseCapacity, useImportCapacity, useReportCapacity } from '../queries/capacity';
import { useChainList } from '../queries/chains';

/** 产能监测: gov users pick a chain and monitor it (and import figures); members report their own months. */
export function CapacityPage() {
  const user = useCurrentUser();
  return user.role === 'member' ? <CapacityReportPage uscc={user.org?.uscc ?? undefined} /> : <CapacityMonitorPage />;
}

function CapacityMonitorPage() {
  const t = useT();
  const { params, setParam } = useUrlParams();
  const chains = useChainList({}, { limit: 200 });
  const chainId = params.get('chain') ?? chains.data?.items[0]?.id;
  const [isImporting, setImporting] = useState(false);
  return (
    <div data-testid="capacity-page">
      <PageHeader
        title={t('capacity.title')}
        subTitle={t('capacity.subtitle')}
        extra={
          <Space wrap>
            <Select
              showSearch
              optionFilterProp="label"
              placeholder={t('capacity.chainPick')}
              value={chainId}
              onChange={(id) => setParam('chain', id)}
              options={(chains.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.regionName}）` }))}
              style={{ width: 340 }}
              data-testid="capacity-chain-select"
            />
            <Button icon={<DownloadOutlined />} href={capacityTemplateUrl()}>{t('capacity.template')}</Button>
            <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="capacity-import-button">{t('capacity.import')}</Button>
          </Space>
        }
      />
      <Card>{chainId ? <CapacityMonitor chainId={chainId} /> : <Alert type="info" showIcon title={t('capacity.noChain')} />}</Card>
      {isImporting ? <CapacityImportModal onClose={() => setImporting(false)} /> : null}
    </div>
  );
}

/** Upload a sheet: a dry run lists row errors; the commit writes all rows or none. */
function CapacityImportModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const upload = useImportCapacity();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<CapacityImportReport | null>(null);
  const check = async (picked: File) => {
    setFile(picked);
    setReport(await upload.mutateAsync({ file: picked, isDryRun: true }));
  };
  const commit = async () => {
    if (!file) return;
    const done = await upload.mutateAsync({ file, isDryRun: false });
    message.success(t('capacity.imported', { created: done.created, updated: done.updated }));
    onClose();
  };
  return (
    <Modal
      open
      width={640}
      title={t('capacity.import')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" disabled={!report || report.errors.length > 0 || report.valid === 0} loading={upload.isPending} onClick={commit} data-testid="capacity-import-commit">{t('capacity.importCommit')}</Button>,
      ]}
    >
      {upload.error ? <ProblemAlert error={upload.error} /> : null}
      <Space>
        <Upload accept=".xlsx,.csv" maxCount={1} showUploadList={false} beforeUpload={(picked) => { void check(picked); return false; }}>
          <Button icon={<UploadOutlined />} data-testid="capacity-import-file">{file?.name ?? t('capacity.import')}</Button>
        </Upload>
        <Button type="link" href={capacityTemplateUrl()}>{t('capacity.template')}</Button>
      </Space>
      {report && (
        <div style={{ marginTop: 12 }}>
          <Alert type={report.errors.length > 0 ? 'warning' : 'success'} showIcon title={t('capacity.importCheck', { rows: report.rows, valid: report.valid, errors: report.errors.length })} data-testid="capacity-import-report" />
          {report.errors.length > 0 && (
            <List size="small" style={{ marginTop: 8, maxHeight: 240, overflow: 'auto' }} dataSource={report.errors.slice(0, 100)} renderItem={(e) => <List.Item>{t('capacity.rowError', { row: e.row, path: e.path, message: e.message })}</List.Item>} />
          )}
        </div>
      )}
    </Modal>
  );
}

interface ReportForm {
  month: Dayjs;
  kind: 'value' | 'quantity';
  unit?: string;
  capacity: number;
  output: number;
  orders?: number | null;
  employees?: number | null;
}

/** An SME's own report form and the months it reported. */
function CapacityReportPage({ uscc }: { uscc: string | undefined }) {
  const t = useT();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ReportForm>();
  const kind = Form.useWatch('kind', form);
  const months = useEnterpriseCapacity(uscc);
  const report = useReportCapacity();
  const last = months.data?.months.at(-1);
  // Start from the unit of the latest month reported (once it has loaded, unless the user already chose).
  useEffect(() => {
    if (last && !form.isFieldsTouched(['kind', 'unit'])) {
      form.setFieldsValue(last.unit === VALUE_UNIT ? { kind: 'value' } : { kind: 'quantity', unit: last.unit });
    }
  }, [form, last]);
  if (!uscc) return <Alert type="warning" showIcon title={t('capacity.report.noOrg')} />;
  const submit = async (values: ReportForm) => {
    const isValue = values.kind === 'value';
    const month = values.month.format('YYYY-MM');
    await report.mutateAsync([{
      uscc, month, unit: isValue ? VALUE_UNIT : values.unit!.trim(),
      // Value figures are typed in yuan and sent in fen.
      capacity: isValue ? Math.round(values.capacity * 100) : values.capacity,
      output: isValue ? Math.round(values.output * 100) : values.output,
      ordersOnHandFen: values.orders === null || values.orders === undefined ? null : Math.round(values.orders * 100),
      employees: values.employees ?? null,
    }]);
    message.success(t('capacity.report.done', { month }));
  };
  return (
    <div data-testid="capacity-report-page">
      <PageHeader title={t('capacity.report.title')} subTitle={t('capacity.report.subtitle')} />
      <Card style={{ marginBottom: 16 }}>
        {report.error ? <ProblemAlert error={report.error} /> : null}
        <Form<ReportForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ month: dayjs().subtract(1, 'month'), kind: 'value' }}
        >
          <Space wrap align="start">
            <Form.Item name="month" label={t('capacity.report.month')} rules={[{ required: true }]}>
              <DatePicker picker="month" disabledDate={(d) => d.isAfter(dayjs(), 'month')} data-testid="capacity-report-month" />
            </Form.Item>
            <Form.Item name="kind" label={t('capacity.report.unitKind')}>
              <Radio.Group optionType="button" options={[{ value: 'value', label: t('capacity.report.byValue') }, { value: 'quantity', label: t('capacity.report.byQuantity') }]} />
            </Form.Item>
            {kind === 'quantity' ? (
              <Form.Item name="unit" label={t('capacity.report.unit')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={20} style={{ width: 120 }} placeholder="吨 / 万件" data-testid="capacity-report-unit" />
              </Form.Item>
            ) : null}
          </Space>
          <Space wrap align="start">
            <Form.Item name="capacity" label={t('capacity.report.capacity')} rules={[{ required: true }]}>
              <InputNumber min={0.01} style={{ width: 180 }} data-testid="capacity-report-capacity" />
            </Form.Item>
            <Form.Item
              name="output"
              label={t('capacity.report.output')}
              dependencies={['capacity']}
              rules={[{ required: true }, ({ getFieldValue }) => ({ validator: (_, v) => (v === undefined || v === null || v <= getFieldValue('capacity') ? Promise.resolve() : Promise.reject(new Error('产量不能超过产能'))) })]}
            >
              <InputNumber min={0} style={{ width: 180 }} data-testid="capacity-report-output" />
            </Form.Item>
            <Form.Item name="orders" label={t('capacity.report.orders')}>
              <InputNumber min={0} style={{ width: 180 }} data-testid="capacity-report-orders" />
            </Form.Item>
            <Form.Item name="employees" label={t('capacity.report.employees')}>
              <InputNumber min={0} precision={0} style={{ width: 140 }} data-testid="capacity-report-employees" />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={report.isPending} data-testid="capacity-report-submit">{t('capacity.report.submit')}</Button>
        </Form>
      </Card>
      <Card title={t('capacity.report.history')}>
        {months.error ? <ProblemAlert error={months.error} /> : null}
        <MonthsTable rows={months.data?.months ?? []} isLoading={months.isLoading} lang={lang} />
      </Card>
    </div>
  );
}
