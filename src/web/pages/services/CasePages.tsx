import { DownloadOutlined, GlobalOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CASE_ENTERPRISE_ROLES, CASE_MODELS, CASE_STATUSES, type CaseModel, type CaseStatus, type CaseView, type CreateCaseBody } from '../../../contracts/services';
import { FileUploadButton } from '../../components/Attachments';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { apiUrl } from '../../api';
import { useLang, useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { errorMessage } from '../../lib/problem';
import { useCursorPages } from '../../lib/useCursorPages';
import { useCurrentUser } from '../../queries/auth';
import { useChainList } from '../../queries/chains';
import { useCase, useCaseAction, useCaseList, useCreateCase, useUpdateCase, type CaseFilters } from '../../queries/services';
import { CaseArticle, CaseStatusTag } from './CaseViews';

const PAGE_SIZE = 20;

/** 典型案例: the published library, the caller's own (members) or region's (gov) cases and the review queue. */
export function CaseListPage() {
  const t = useT();
  const user = useCurrentUser();
  const canWrite = user.role === 'gov' || user.role === 'platform_admin' || (user.role === 'member' && Boolean(user.org?.uscc));
  const isGov = user.role === 'gov' || user.role === 'platform_admin';
  const [isCreating, setCreating] = useState(false);
  const navigate = useNavigate();
  return (
    <div data-testid="case-list-page">
      <PageHeader
        title={t('services.cases.title')}
        subTitle={t('services.cases.subtitle')}
        extra={
          <Space>
            <a href="/public/cases" target="_blank" rel="noreferrer"><Button icon={<GlobalOutlined />}>{t('services.cases.publicLink')}</Button></a>
            {user.role !== 'expert' && <a href={apiUrl('/cases/export')} download><Button icon={<DownloadOutlined />} data-testid="case-export">{t('services.cases.export')}</Button></a>}
            {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="case-create-button">{t('services.cases.create')}</Button>}
          </Space>
        }
      />
      <Card>
        <Tabs
          defaultActiveKey={isGov ? 'queue' : 'library'}
          items={[
            ...(isGov ? [{ key: 'queue', label: <span data-testid="tab-case-queue">{t('services.cases.queue')}</span>, children: <CaseTable side="work" fixedStatus="submitted" /> }] : []),
            ...(user.role !== 'expert' ? [{ key: 'work', label: <span data-testid="tab-case-work">{t(isGov ? 'services.cases.work' : 'services.cases.mine')}</span>, children: <CaseTable side="work" /> }] : []),
            { key: 'library', label: <span data-testid="tab-case-library">{t('services.cases.library')}</span>, children: <CaseTable side="public" /> },
          ]}
        />
      </Card>
      {isCreating && <CaseFormModal onClose={(id) => { setCreating(false); if (id) navigate(`/cases/${id}`); }} />}
    </div>
  );
}

function CaseTable({ side, fixedStatus }: { side: 'work' | 'public'; fixedStatus?: CaseStatus }) {
  const t = useT();
  const lang = useLang();
  const [status, setStatus] = useState<CaseStatus | undefined>(fixedStatus);
  const [model, setModel] = useState<CaseModel>();
  const [q, setQ] = useState<string>();
  const filters: CaseFilters = useMemo(() => ({ status: side === 'work' ? status : undefined, model, q }), [side, status, model, q]);
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useCaseList(side, filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  return (
    <>
      <div className="filter-bar" style={{ marginBottom: 12 }}>
        {side === 'work' && !fixedStatus && (
          <Select<CaseStatus> allowClear value={status} onChange={setStatus} placeholder={t('services.case.status')} options={CASE_STATUSES.map((s) => ({ value: s, label: t(`services.status.${s}`) }))} style={{ width: 140 }} />
        )}
        <Select<CaseModel> allowClear value={model} onChange={setModel} placeholder={t('services.case.model')} options={CASE_MODELS.map((m) => ({ value: m, label: t(`services.model.${m}`) }))} style={{ width: 160 }} />
        <Input.Search allowClear placeholder={t('services.cases.search')} onSearch={(v) => setQ(v.trim() || undefined)} enterButton style={{ width: 280 }} />
      </div>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      <Table<CaseView>
        data-testid={`case-table-${fixedStatus ?? side}`}
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('services.cases.empty') }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('services.case.title'), dataIndex: 'title', render: (title: string, c) => <Link to={`/cases/${c.id}`} data-testid="case-link">{title}</Link> },
          { title: t('services.case.model'), dataIndex: 'model', width: 130, render: (m: CaseModel) => t(`services.model.${m}`) },
          { title: t('services.case.enterprises'), key: 'enterprises', width: 260, render: (_: unknown, c) => c.enterprises.map((e) => e.name).join('、') },
          { title: t('services.case.region'), dataIndex: 'regionName', width: 180 },
          { title: t('services.case.status'), dataIndex: 'status', width: 110, render: (s: CaseStatus) => <CaseStatusTag status={s} /> },
          { title: side === 'public' ? t('services.case.publishedAt') : t('services.case.submittedAt'), key: 'at', width: 170, render: (_: unknown, c) => { const at = side === 'public' ? c.publishedAt : c.submittedAt; return at ? formatDateTime(lang, at) : '—'; } },
        ]}
      />
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
    </>
  );
}

/** Write a new case, or edit a draft/returned one (`initial`). Closes with the case id on success. */
function CaseFormModal({ initial, onClose }: { initial?: CaseView; onClose: (id?: string) => void }) {
  const t = useT();
  const user = useCurrentUser();
  const [form] = Form.useForm<CreateCaseBody>();
  const create = useCreateCase();
  const update = useUpdateCase(initial?.id ?? '');
  const chains = useChainList({}, { limit: 200 });
  const mutation = initial ? update : create;
  const initialValues: Partial<CreateCaseBody> = initial
    ? { title: initial.title, model: initial.model, chainId: initial.chainId ?? undefined, summary: initial.summary, results: initial.results, enterprises: initial.enterprises.map((e) => ({ uscc: e.uscc, role: e.role })) }
    : { model: 'supply_chain', enterprises: [{ uscc: user.org?.uscc ?? '', role: 'leader' }] };
  return (
    <Modal
      open
      width={720}
      title={t(initial ? 'services.cases.edit' : 'services.cases.create')}
      onCancel={() => onClose()}
      okButtonProps={{ loading: mutation.isPending, ...({ 'data-testid': 'case-form-ok' } as object) }}
      onOk={async () => {
        const values = await form.validateFields();
        const body = { ...values, chainId: values.chainId || undefined, regionCode: values.regionCode || undefined };
        if (initial) await update.mutateAsync(body).then(() => onClose(initial.id), () => undefined);
        else await create.mutateAsync(body).then((r) => onClose(r.id), () => undefined);
      }}
    >
      {mutation.error ? <ProblemAlert error={mutation.error} /> : null}
      <Form form={form} layout="vertical" initialValues={initialValues}>
        <Form.Item name="title" label={t('services.case.title')} rules={[{ required: true, min: 2 }]}><Input data-testid="case-title" maxLength={120} /></Form.Item>
        <Space wrap>
          <Form.Item name="model" label={t('services.case.model')} rules={[{ required: true }]}>
            <Select data-testid="case-model" style={{ width: 200 }} options={CASE_MODELS.map((m) => ({ value: m, label: t(`services.model.${m}`) }))} />
          </Form.Item>
          <Form.Item name="chainId" label={t('services.case.chain')}>
            <Select allowClear style={{ width: 260 }} data-testid="case-chain" options={(chains.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          {user.role !== 'member' && !initial && (
            <Form.Item name="regionCode" label={t('services.case.regionCode')} extra={user.regionCode ?? undefined}><Input style={{ width: 160 }} maxLength={6} /></Form.Item>
          )}
        </Space>
        <Form.Item name="summary" label={t('services.case.summary')} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={4} data-testid="case-summary-input" /></Form.Item>
        <Form.Item name="results" label={t('services.case.results')}><Input.TextArea rows={3} data-testid="case-results-input" /></Form.Item>
        <Typography.Text strong>{t('services.case.enterprises')}</Typography.Text>
        <Form.List name="enterprises">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={[field.name, 'uscc']} rules={[{ required: true, len: 18 }]}><Input placeholder={t('services.case.uscc')} style={{ width: 240 }} data-testid={`case-uscc-${field.name}`} /></Form.Item>
                  <Form.Item name={[field.name, 'role']} rules={[{ required: true }]}>
                    <Select style={{ width: 160 }} data-testid={`case-role-${field.name}`} options={CASE_ENTERPRISE_ROLES.map((r) => ({ value: r, label: t(`services.role.${r}`) }))} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ uscc: '', role: 'sme' })} icon={<PlusOutlined />} data-testid="case-add-enterprise">{t('services.case.addEnterprise')}</Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** One case with the actions the user may take: edit, attach media and submit (authors), return or publish (gov reviewers). */
export function CaseDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { message } = AntApp.useApp();
  const item = useCase(id, 'work');
  const act = useCaseAction(id);
  const [isEditing, setEditing] = useState(false);
  const [isReturning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  if (item.error) return <ProblemAlert error={item.error} />;
  if (!item.data) return <Card loading />;
  const c = item.data;
  const run = (verb: 'submit' | 'publish' | 'return', done: string) =>
    act.mutateAsync({ verb, comment }).then(() => { message.success(t(done as 'services.case.submitted')); setReturning(false); }, (err) => message.error(errorMessage(err, t)));
  return (
    <div data-testid="case-detail-page">
      <PageHeader
        title={<Space>{c.title}<CaseStatusTag status={c.status} /></Space>}
        subTitle={<Link to="/cases">{t('services.cases.title')}</Link>}
        extra={
          <Space>
            {c.status === 'published' && <a href={`/public/cases/${c.id}`} target="_blank" rel="noreferrer"><Button icon={<GlobalOutlined />} data-testid="case-public-link">{t('services.cases.publicLink')}</Button></a>}
            {c.canEdit && <Button onClick={() => setEditing(true)} data-testid="case-edit">{t('common.edit')}</Button>}
            {c.canEdit && <FileUploadButton path={`/cases/${c.id}/files`} testId="case-upload" onUploaded={() => item.refetch()} />}
            {c.canEdit && <Button type="primary" loading={act.isPending} onClick={() => run('submit', 'services.case.submitted')} data-testid="case-submit">{t('services.case.submit')}</Button>}
            {c.canReview && <Button danger onClick={() => setReturning(true)} data-testid="case-return">{t('services.case.return')}</Button>}
            {c.canReview && <Button type="primary" loading={act.isPending} onClick={() => run('publish', 'services.case.published')} data-testid="case-publish">{t('services.case.publish')}</Button>}
          </Space>
        }
      />
      {c.reviewComment ? (
        <Alert style={{ marginBottom: 16 }} type={c.status === 'returned' ? 'warning' : 'info'} showIcon data-testid="case-review-comment" title={t('services.case.reviewComment')} description={<>{c.status === 'returned' && <div>{t('services.case.returnedHint')}</div>}<div>{c.reviewComment}</div></>} />
      ) : null}
      <Card>
        <CaseArticle item={c} fileBase={`/cases/${c.id}/files`} />
      </Card>
      {isEditing && <CaseFormModal initial={c} onClose={() => setEditing(false)} />}
      <Modal
        open={isReturning}
        title={t('services.case.return')}
        onCancel={() => setReturning(false)}
        okButtonProps={{ danger: true, disabled: comment.trim().length < 2, loading: act.isPending, ...({ 'data-testid': 'case-return-ok' } as object) }}
        onOk={() => run('return', 'services.case.returned')}
      >
        <Input.TextArea rows={4} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('services.case.commentPlaceholder')} data-testid="case-return-comment" />
      </Modal>
    </div>
  );
}
