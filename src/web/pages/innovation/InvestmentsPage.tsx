import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, DatePicker, Form, Input, InputNumber, List, Modal, Popconfirm, Space, Table, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { InvestmentBody, InvestmentImportReport, InvestmentView } from '../../../contracts/talent';
import { apiUrl } from '../../api';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n';
import { applyProblemToForm } from '../../lib/problem';
import { useCursorPages } from '../../lib/useCursorPages';
import { useDeleteInvestment, useImportInvestments, useInvestmentList, useSaveInvestment } from '../../queries/talent';

const PAGE_SIZE = 50;

/** 投资关系 (admins and gov users): the equity investments the reviewer-conflict check reads. */
export function InvestmentsPage() {
  const t = useT();
  const { message } = AntApp.useApp();
  const [q, setQ] = useState('');
  const pages = useCursorPages(q);
  const list = useInvestmentList({ q: q || undefined }, { cursor: pages.cursor, limit: PAGE_SIZE });
  const remove = useDeleteInvestment();
  const [editing, setEditing] = useState<InvestmentView | 'new' | null>(null);
  const [isImporting, setImporting] = useState(false);
  return (
    <div data-testid="investments-page">
      <PageHeader
        title={t('talent.investments.title')}
        subTitle={t('talent.investments.subtitle')}
        extra={
          <Space>
            <Button href={apiUrl('/investments/template')}>{t('talent.investments.template')}</Button>
            <Button href={apiUrl('/investments/export', { q: q || undefined })} data-testid="investments-export">{t('talent.export')}</Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="investments-import-button">{t('talent.investments.import')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="investment-create-button">{t('talent.investments.create')}</Button>
          </Space>
        }
      />
      <Card className="table-card">
        <Input.Search allowClear placeholder={t('talent.investments.search')} style={{ width: 320, marginBottom: 12 }} onSearch={setQ} data-testid="investments-search" />
        {list.error ? <ProblemAlert error={list.error} /> : null}
        {remove.error ? <ProblemAlert error={remove.error} /> : null}
        <Table<InvestmentView>
          data-testid="investment-table"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: t('talent.investments.empty') }}
          columns={[
            { title: t('talent.investments.investor'), key: 'investor', render: (_: unknown, i) => <Space direction="vertical" size={0}><strong>{i.investorName || '—'}</strong><span className="muted">{i.investorUscc}</span></Space> },
            { title: t('talent.investments.investee'), key: 'investee', render: (_: unknown, i) => <Space direction="vertical" size={0}><strong>{i.investeeName || '—'}</strong><span className="muted">{i.investeeUscc}</span></Space> },
            { title: t('talent.investments.share'), dataIndex: 'sharePct', width: 110, render: (v: number) => `${v}%` },
            { title: t('talent.investments.since'), dataIndex: 'since', width: 120, render: (v: string | null) => v ?? '—' },
            { title: t('talent.investments.source'), dataIndex: 'source', width: 160 },
            {
              title: '', key: 'actions', width: 150,
              render: (_: unknown, i) => (
                <Space>
                  <Button size="small" onClick={() => setEditing(i)} data-testid="investment-edit">{t('talent.investments.edit')}</Button>
                  <Popconfirm title={t('talent.investments.deleteConfirm')} onConfirm={async () => { await remove.mutateAsync(i.id); message.success(t('talent.investments.deleted')); }}>
                    <Button size="small" danger>{t('talent.investments.delete')}</Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
      {editing && <InvestmentModal investment={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {isImporting && <ImportModal onClose={() => setImporting(false)} />}
    </div>
  );
}

type InvestmentForm = Omit<InvestmentBody, 'since'> & { since?: Dayjs | null };

function InvestmentModal({ investment, onClose }: { investment: InvestmentView | null; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const save = useSaveInvestment();
  const [form] = Form.useForm<InvestmentForm>();
  return (
    <Modal
      open
      width={620}
      title={t(investment ? 'talent.investments.edit' : 'talent.investments.create')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="investment-submit">{t('common.save')}</Button>,
      ]}
    >
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <Form<InvestmentForm>
        form={form}
        layout="vertical"
        initialValues={investment ? { ...investment, since: investment.since ? dayjs(investment.since) : null } : undefined}
        onFinish={async ({ since, ...values }) => {
          try {
            await save.mutateAsync({ ...values, since: since ? since.format('YYYY-MM-DD') : null, id: investment?.id });
            message.success(t('common.saved'));
            onClose();
          } catch (err) {
            applyProblemToForm(form, err, { controls: ['investorUscc', 'investorName', 'investeeUscc', 'investeeName', 'sharePct', 'since', 'source'] });
          }
        }}
      >
        <Space wrap>
          <Form.Item name="investorUscc" label={t('talent.investments.investorUscc')} rules={[{ required: true }]}><Input style={{ width: 260 }} maxLength={18} data-testid="investment-investor" /></Form.Item>
          <Form.Item name="investorName" label={t('talent.investments.investorName')}><Input style={{ width: 280 }} maxLength={120} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="investeeUscc" label={t('talent.investments.investeeUscc')} rules={[{ required: true }]}><Input style={{ width: 260 }} maxLength={18} data-testid="investment-investee" /></Form.Item>
          <Form.Item name="investeeName" label={t('talent.investments.investeeName')} extra={t('talent.investments.namesHelp')}><Input style={{ width: 280 }} maxLength={120} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="sharePct" label={t('talent.investments.share')} rules={[{ required: true }]}><InputNumber min={0.01} max={100} step={0.01} data-testid="investment-share" /></Form.Item>
          <Form.Item name="since" label={t('talent.investments.since')}><DatePicker /></Form.Item>
          <Form.Item name="source" label={t('talent.investments.source')}><Input style={{ width: 220 }} maxLength={120} /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function ImportModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const upload = useImportInvestments();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<InvestmentImportReport | null>(null);
  const check = async (picked: File) => {
    setFile(picked);
    setReport(await upload.mutateAsync({ file: picked, isDryRun: true }));
  };
  const commit = async () => {
    if (!file) return;
    const done = await upload.mutateAsync({ file, isDryRun: false });
    message.success(t('talent.investments.imported', { created: done.created, updated: done.updated }));
    onClose();
  };
  return (
    <Modal
      open
      width={640}
      title={t('talent.investments.import')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" disabled={!report || report.errors.length > 0 || report.valid === 0} loading={upload.isPending} onClick={commit} data-testid="investments-import-commit">{t('talent.investments.commit')}</Button>,
      ]}
    >
      {upload.error ? <ProblemAlert error={upload.error} /> : null}
      <Upload accept=".xlsx,.csv" maxCount={1} showUploadList={false} beforeUpload={(picked) => { void check(picked); return false; }}>
        <Button icon={<UploadOutlined />} data-testid="investments-import-file">{file?.name ?? t('talent.investments.import')}</Button>
      </Upload>
      {report && (
        <div style={{ marginTop: 12 }}>
          <Alert type={report.errors.length > 0 ? 'warning' : 'success'} showIcon message={t('talent.investments.dryRun', { rows: report.rows, valid: report.valid, errors: report.errors.length })} data-testid="investments-import-report" />
          {report.errors.length > 0 && (
            <List size="small" style={{ marginTop: 8, maxHeight: 240, overflow: 'auto' }} dataSource={report.errors.slice(0, 100)} renderItem={(e) => <List.Item>{t('talent.investments.rowError', { row: e.row, path: e.path, message: e.message })}</List.Item>} />
          )}
        </div>
      )}
    </Modal>
  );
}
