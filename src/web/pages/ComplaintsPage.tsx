import { App as AntApp, Button, Card, Descriptions, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { COMPLAINT_STATUSES, type ComplaintStatus, type ComplaintVerb, type ComplaintView } from '../../contracts/capital';
import { FileLinks, FileUploadButton } from '../components/Attachments';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { FinanceNav } from '../components/capital/FinanceNav';
import { yuan } from '../components/capital/money';
import { useLang, useT } from '../i18n';
import { useCursorPages } from '../lib/useCursorPages';
import { useCurrentUser } from '../queries/auth';
import { useComplaintAction, useComplaintFiles, useComplaints } from '../queries/capital';

const PAGE_SIZE = 20;
const STATUS_COLORS: Record<ComplaintStatus, string> = { submitted: 'gold', accepted: 'blue', rejected: 'default', resolved: 'green' };

/** The verbs the user may use on a complaint now. */
function verbsFor(user: ReturnType<typeof useCurrentUser>, c: ComplaintView): ComplaintVerb[] {
  if (user.role === 'gov' || user.role === 'platform_admin') {
    if (c.status === 'submitted') return ['accept', 'reject'];
    if (c.status === 'accepted') return c.isExtended ? ['resolve'] : ['extend', 'resolve'];
  }
  if (user.role === 'member' && user.org?.uscc === c.buyer.uscc && (c.status === 'submitted' || c.status === 'accepted')) return ['respond'];
  return [];
}

/** 投诉处理: the SME's complaints, those against a buyer, a gov region's queue with deadlines. */
export function ComplaintsPage() {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<ComplaintStatus>();
  const pages = useCursorPages(status ?? '');
  const list = useComplaints(status, { cursor: pages.cursor, limit: PAGE_SIZE });
  const act = useComplaintAction();
  const [acting, setActing] = useState<{ c: ComplaintView; verb: ComplaintVerb }>();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>();

  const submit = async () => {
    if (!acting) return;
    setError(undefined);
    try {
      await act.mutateAsync({ id: acting.c.id, verb: acting.verb, text: text || undefined });
      message.success(t('capital.vouchers.done'));
      setActing(undefined);
      setText('');
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div data-testid="complaints-page">
      <FinanceNav />
      <PageHeader title={t('capital.complaints.title')} subTitle={t('capital.complaints.subtitle')} />
      <Card className="filter-card" size="small">
        <Select allowClear value={status} onChange={setStatus} placeholder={t('capital.filter.status')} options={COMPLAINT_STATUSES.map((s) => ({ value: s, label: t(`capital.complaintStatus.${s}`) }))} style={{ width: 160 }} />
      </Card>
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<ComplaintView>
          data-testid="complaint-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('capital.complaints.empty') }}
          scroll={{ x: 1200 }}
          expandable={{
            expandedRowRender: (c) => (
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('capital.complaints.description')}>{c.description}</Descriptions.Item>
                <Descriptions.Item label={t('capital.complaints.evidence')}>{c.evidence.join('；') || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('capital.complaints.files')}>
                  <ComplaintFiles c={c} canUpload={user.org?.uscc === c.complainant.uscc && (c.status === 'submitted' || c.status === 'accepted')} />
                </Descriptions.Item>
                <Descriptions.Item label={t('capital.complaints.response')}>{c.buyerResponse ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('capital.complaints.outcome')}>{c.outcome ?? '—'}</Descriptions.Item>
              </Descriptions>
            ),
          }}
          columns={[
            { title: '#', dataIndex: 'id', width: 60 },
            { title: t('capital.field.contract'), dataIndex: 'contractTitle', width: 180 },
            { title: t('capital.field.state'), dataIndex: 'status', width: 100, render: (s: ComplaintStatus) => <Tag color={STATUS_COLORS[s]}>{t(`capital.complaintStatus.${s}`)}</Tag> },
            {
              title: t('capital.complaints.deadline'),
              key: 'deadline',
              width: 150,
              render: (_, c) => {
                const due = c.status === 'submitted' ? c.acceptDueOn : c.status === 'accepted' ? c.resultDueOn : null;
                return due ? <Typography.Text type={c.isPastDeadline ? 'danger' : undefined}>{due}{c.isExtended ? ` (${t('capital.complaints.extended')})` : ''}</Typography.Text> : '—';
              },
            },
            { title: t('capital.complaints.complainant'), dataIndex: ['complainant', 'name'], width: 200 },
            { title: t('capital.field.buyer'), dataIndex: ['buyer', 'name'], width: 200 },
            { title: t('capital.complaints.claimed'), dataIndex: 'claimedFen', width: 130, align: 'right', render: (fen: number) => yuan(lang, fen) },
            { title: t('capital.complaints.filedOn'), dataIndex: 'filedOn', width: 110 },
            {
              title: '',
              key: 'actions',
              width: 200,
              fixed: 'right',
              render: (_, c) => (
                <Space size="small">
                  {verbsFor(user, c).map((verb) => (
                    <Button key={verb} size="small" onClick={() => setActing({ c, verb })} data-testid={`complaint-${verb}`}>
                      {t(`capital.complaintVerb.${verb}`)}
                    </Button>
                  ))}
                </Space>
              ),
            },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
      <Modal open={Boolean(acting)} title={acting ? t(`capital.complaintVerb.${acting.verb}`) : ''} onCancel={() => setActing(undefined)} onOk={() => void submit()} confirmLoading={act.isPending} destroyOnHidden>
        {error ? <ProblemAlert error={error} /> : null}
        {acting?.verb !== 'accept' ? <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('capital.complaints.text')} /> : <Typography.Text>{t('capital.complaints.acceptHint')}</Typography.Text>}
      </Modal>
    </div>
  );
}

/** A complaint's evidence files: download links for its readers, upload for the complainant while open. */
function ComplaintFiles({ c, canUpload }: { c: ComplaintView; canUpload: boolean }) {
  const t = useT();
  const files = useComplaintFiles(c.id);
  if (files.error) return <Typography.Text type="secondary">{t('capital.complaints.filesHidden')}</Typography.Text>;
  return (
    <Space direction="vertical" data-testid="complaint-files">
      <FileLinks files={files.data?.items ?? []} hrefOf={(f) => `/complaints/${c.id}/files/${f.id}`} />
      {canUpload ? <FileUploadButton path={`/complaints/${c.id}/files`} testId="complaint-file-upload" onUploaded={() => void files.refetch()} /> : null}
    </Space>
  );
}
