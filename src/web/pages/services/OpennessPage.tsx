import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { OPENING_KINDS, SOE_OWNERSHIPS, type ApplicationStatus, type ApplicationView, type CreateOpeningBody, type OpeningKind, type OpeningView, type OpennessRow, type SoeOwnership } from '../../../contracts/soe-openness';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { apiUrl } from '../../api';
import { useT } from '../../i18n';
import { useCursorPages } from '../../lib/useCursorPages';
import { useCurrentUser } from '../../queries/auth';
import { useChainList } from '../../queries/chains';
import { useApplyToOpening, useCreateOpening, useDecideApplication, useOpening, useOpenings, useOpenness, type OpeningFilters } from '../../queries/soe-openness';

const PAGE_SIZE = 20;
const yuan = (fen: number | null) => (fen === null ? '—' : `¥${(fen / 100).toLocaleString()}`);
const STATUS_COLORS: Record<ApplicationStatus, string> = { submitted: 'blue', accepted: 'green', declined: 'default' };

/** 国企开放: openings of state-owned firms to SMEs, applications, and each firm's openness figures. */
export function OpennessPage() {
  const t = useT();
  const user = useCurrentUser();
  const canSeeFigures = user.role === 'gov' || user.role === 'platform_admin' || (user.role === 'member' && Boolean(user.org?.uscc));
  return (
    <div data-testid="soe-page">
      <PageHeader title={t('soe.title')} subTitle={t('soe.subtitle')} />
      <Card>
        <Tabs
          defaultActiveKey="openings"
          items={[
            { key: 'openings', label: <span data-testid="tab-soe-openings">{t('soe.openings')}</span>, children: <OpeningsTab /> },
            ...(canSeeFigures ? [{ key: 'figures', label: <span data-testid="tab-soe-figures">{t('soe.figures')}</span>, children: <FiguresTab /> }] : []),
          ]}
        />
      </Card>
    </div>
  );
}

function OpeningsTab() {
  const t = useT();
  const user = useCurrentUser();
  const [filters, setFilters] = useState<OpeningFilters>({ isOpen: 'true' });
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useOpenings(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  const [openId, setOpenId] = useState<string | null>(null);
  const [isCreating, setCreating] = useState(false);
  const canPublish = user.role === 'gov' || user.role === 'platform_admin' || (user.role === 'member' && Boolean(user.org?.uscc));
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select allowClear placeholder={t('soe.kind')} style={{ width: 180 }} value={filters.kind} onChange={(kind) => setFilters({ ...filters, kind })} options={OPENING_KINDS.map((k) => ({ value: k, label: t(`soe.kind.${k}`) }))} />
        <Select allowClear placeholder={t('soe.ownership')} style={{ width: 140 }} value={filters.ownership} onChange={(ownership) => setFilters({ ...filters, ownership })} options={SOE_OWNERSHIPS.map((o) => ({ value: o, label: t(`soe.ownership.${o}`) }))} />
        <Select allowClear placeholder={t('soe.state')} style={{ width: 140 }} value={filters.isOpen} onChange={(isOpen) => setFilters({ ...filters, isOpen })} options={[{ value: 'true', label: t('soe.open') }, { value: 'false', label: t('soe.closed') }]} />
        {canPublish && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="soe-create">{t('soe.create')}</Button>}
      </Space>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      <Table<OpeningView> rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={false} locale={{ emptyText: t('services.directory.empty') }} data-testid="soe-table"
        columns={[
          { title: t('soe.openingTitle'), dataIndex: 'title', render: (title: string, o) => <Typography.Link onClick={() => setOpenId(o.id)} data-testid="soe-link">{title}</Typography.Link> },
          { title: t('soe.kind'), dataIndex: 'kind', width: 130, render: (k: OpeningKind) => <Tag color="cyan">{t(`soe.kind.${k}`)}</Tag> },
          { title: t('soe.firm'), dataIndex: 'enterpriseName', width: 220, render: (name: string, o) => <Space size={4}>{name}<Tag color={o.ownership === 'central' ? 'red' : 'volcano'}>{t(`soe.ownership.${o.ownership}`)}</Tag></Space> },
          { title: t('services.provider.region'), dataIndex: 'regionName', width: 170 },
          { title: t('soe.budget'), dataIndex: 'budgetFen', width: 130, render: yuan },
          { title: t('soe.applyBy'), dataIndex: 'applyBy', width: 120, render: (d: string, o) => (o.isOpen ? d : <Typography.Text type="secondary">{d}（{t('soe.closed')}）</Typography.Text>) },
          { title: t('soe.applications'), dataIndex: 'applicationCount', width: 110, render: (n: number, o) => `${n} / ${o.acceptedCount}` },
        ]}
      />
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      {openId && <OpeningDrawer id={openId} onClose={() => setOpenId(null)} />}
      {isCreating && <OpeningModal onClose={() => setCreating(false)} />}
    </>
  );
}

function OpeningDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const opening = useOpening(id);
  const apply = useApplyToOpening(id);
  const decide = useDecideApplication(id);
  const [note, setNote] = useState('');
  const o = opening.data;
  const canApply = Boolean(o && !o.canManage && o.isOpen && user.role === 'member' && user.org?.uscc && o.applications.length === 0);
  return (
    <Drawer open width={820} title={o?.title} onClose={onClose} data-testid="soe-drawer" extra={<Button onClick={onClose} data-testid="soe-drawer-close">{t('services.directory.close')}</Button>}>
      {opening.error ? <ProblemAlert error={opening.error} /> : null}
      {o && (
        <>
          <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('soe.firm')}>{o.enterpriseName}（{t(`soe.ownership.${o.ownership}`)}）</Descriptions.Item>
            <Descriptions.Item label={t('soe.kind')}>{t(`soe.kind.${o.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('services.provider.region')}>{o.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('leaders.chain')}>{o.chainName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('soe.budget')}>{yuan(o.budgetFen)}</Descriptions.Item>
            <Descriptions.Item label={t('soe.applyBy')}>{o.applyBy}{o.isOpen ? '' : `（${t('soe.closed')}）`}</Descriptions.Item>
            <Descriptions.Item label={t('leaders.description')} span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{o.description || '—'}</span></Descriptions.Item>
          </Descriptions>
          {canApply && (
            <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
              <Input placeholder={t('soe.applyHint')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="soe-apply-note" />
              <Button type="primary" loading={apply.isPending} onClick={() => apply.mutateAsync({ note: note || undefined }).then(() => setNote(''), () => undefined)} data-testid="soe-apply">{t('soe.apply')}</Button>
            </Space.Compact>
          )}
          {apply.error ? <ProblemAlert error={apply.error} /> : null}
          {decide.error ? <ProblemAlert error={decide.error} /> : null}
          <Typography.Title level={5}>{o.canManage ? t('soe.allApplications') : t('soe.myApplication')}</Typography.Title>
          <Table<ApplicationView> rowKey="enterpriseUscc" size="small" pagination={false} dataSource={o.applications} locale={{ emptyText: t('soe.noApplications') }} data-testid="soe-applications"
            columns={[
              { title: t('services.request.enterprise'), dataIndex: 'enterpriseName', width: 220 },
              { title: t('soe.note'), dataIndex: 'note', render: (n: string) => n || '—' },
              { title: t('soe.status'), dataIndex: 'status', width: 100, render: (s: ApplicationStatus) => <Tag color={STATUS_COLORS[s]} data-testid="soe-application-status">{t(`soe.status.${s}`)}</Tag> },
              ...(o.canManage
                ? [{
                    title: '', key: 'decide', width: 150,
                    render: (_: unknown, a: ApplicationView) => (
                      <Space size={4}>
                        {a.status !== 'accepted' && <Button size="small" type="link" onClick={() => decide.mutate({ uscc: a.enterpriseUscc, status: 'accepted' })} data-testid="soe-accept">{t('soe.accept')}</Button>}
                        {a.status !== 'declined' && <Button size="small" type="link" danger onClick={() => decide.mutate({ uscc: a.enterpriseUscc, status: 'declined' })} data-testid="soe-decline">{t('soe.decline')}</Button>}
                      </Space>
                    ),
                  }]
                : []),
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

function OpeningModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const chains = useChainList({}, { limit: 200 });
  const [form] = Form.useForm<Omit<CreateOpeningBody, 'applyBy'> & { applyBy: { format: (f: string) => string } }>();
  const create = useCreateOpening();
  return (
    <Modal open width={640} title={t('soe.create')} onCancel={onClose} okButtonProps={{ loading: create.isPending, ...({ 'data-testid': 'soe-create-ok' } as object) }}
      onOk={async () => {
        const v = await form.validateFields();
        await create.mutateAsync({ ...v, applyBy: v.applyBy.format('YYYY-MM-DD'), enterpriseUscc: v.enterpriseUscc || undefined }).then(onClose, () => undefined);
      }}>
      {create.error ? <ProblemAlert error={create.error} /> : null}
      {user.role === 'member' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('soe.ownershipHint')} />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'scenario', ownership: 'local' }}>
        {user.role !== 'member' && <Form.Item name="enterpriseUscc" label={t('soe.firmUscc')} rules={[{ required: true }]}><Input /></Form.Item>}
        <Space>
          <Form.Item name="ownership" label={t('soe.ownership')} rules={[{ required: true }]}><Select style={{ width: 140 }} options={SOE_OWNERSHIPS.map((o) => ({ value: o, label: t(`soe.ownership.${o}`) }))} data-testid="soe-ownership" /></Form.Item>
          <Form.Item name="kind" label={t('soe.kind')} rules={[{ required: true }]}><Select style={{ width: 200 }} options={OPENING_KINDS.map((k) => ({ value: k, label: t(`soe.kind.${k}`) }))} data-testid="soe-kind" /></Form.Item>
        </Space>
        <Form.Item name="title" label={t('soe.openingTitle')} rules={[{ required: true, min: 2 }]}><Input data-testid="soe-title" /></Form.Item>
        <Form.Item name="description" label={t('leaders.description')}><Input.TextArea rows={3} data-testid="soe-description" /></Form.Item>
        <Form.Item name="chainId" label={t('leaders.chain')}><Select allowClear showSearch optionFilterProp="label" options={(chains.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} /></Form.Item>
        <Space>
          <Form.Item name="budgetYuan" label={t('soe.budgetYuan')}><InputNumber min={0} style={{ width: 180 }} data-testid="soe-budget" /></Form.Item>
          <Form.Item name="applyBy" label={t('soe.applyBy')} rules={[{ required: true }]}><DatePicker data-testid="soe-apply-by" /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function FiguresTab() {
  const t = useT();
  const rows = useOpenness();
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('soe.figuresHint')}</Typography.Text>
        <a href={apiUrl('/soe-openness/export', {})} download><Button icon={<DownloadOutlined />}>{t('services.directory.export')}</Button></a>
      </Space>
      {rows.error ? <ProblemAlert error={rows.error} /> : null}
      <Table<OpennessRow> rowKey="enterpriseUscc" size="middle" loading={rows.isFetching} dataSource={rows.data?.items ?? []} pagination={{ pageSize: 50 }} locale={{ emptyText: t('services.directory.empty') }} data-testid="soe-figures"
        columns={[
          { title: t('soe.firm'), dataIndex: 'enterpriseName' },
          { title: t('soe.ownership'), dataIndex: 'ownership', width: 100, render: (o: SoeOwnership) => t(`soe.ownership.${o}`) },
          { title: t('services.provider.region'), dataIndex: 'regionName', width: 180 },
          { title: t('soe.openingCount'), dataIndex: 'openingCount', width: 100 },
          { title: t('soe.openCount'), dataIndex: 'openCount', width: 90 },
          { title: t('soe.budget'), dataIndex: 'budgetFen', width: 140, render: yuan },
          { title: t('soe.applicationCount'), dataIndex: 'applicationCount', width: 120 },
          { title: t('soe.acceptedSmeCount'), dataIndex: 'acceptedSmeCount', width: 130 },
          { title: t('soe.smeSupplierCount'), dataIndex: 'smeSupplierCount', width: 140 },
        ]}
      />
    </>
  );
}
