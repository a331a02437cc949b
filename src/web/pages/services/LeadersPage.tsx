import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CLUSTER_KINDS, CLUSTER_LEVELS, LEADER_ACTION_KINDS, TRANSFER_DIRECTIONS, type ChainRegionRow, type ClusterKind, type ClusterView, type CreateLeaderActionBody, type LeaderActionKind, type LeaderActionView, type TransferDirection, type TransferItemView } from '../../../contracts/leaders';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { apiUrl } from '../../api';
import { useT } from '../../i18n';
import { useCursorPages } from '../../lib/useCursorPages';
import { useCurrentUser } from '../../queries/auth';
import { useChainList } from '../../queries/chains';
import { useAddClusterMembers, useChainRegions, useCluster, useClusters, useCreateCluster, useCreateLeaderAction, useCreateTransferItem, useLeaderActions, useTransferItems } from '../../queries/service-directory';

const PAGE_SIZE = 20;
const yuan = (fen: number | null) => (fen === null ? '—' : `¥${(fen / 100).toLocaleString()}`);

function useChainOptions() {
  const chains = useChainList({}, { limit: 200 });
  return (chains.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
}

/** 链主与集群: leaders' actions per chain, clusters with members, the transfer catalogue and the cross-region chain view. */
export function LeadersPage() {
  const t = useT();
  return (
    <div data-testid="leaders-page">
      <PageHeader title={t('leaders.title')} subTitle={t('leaders.subtitle')} />
      <Card>
        <Tabs
          defaultActiveKey="actions"
          items={[
            { key: 'actions', label: <span data-testid="tab-leader-actions">{t('leaders.actions')}</span>, children: <ActionsTab /> },
            { key: 'clusters', label: <span data-testid="tab-clusters">{t('leaders.clusters')}</span>, children: <ClustersTab /> },
            { key: 'transfer', label: <span data-testid="tab-transfer">{t('leaders.transfer')}</span>, children: <TransferTab /> },
            { key: 'regions', label: <span data-testid="tab-chain-regions">{t('leaders.regions')}</span>, children: <RegionsTab /> },
          ]}
        />
      </Card>
    </div>
  );
}

function ActionsTab() {
  const t = useT();
  const user = useCurrentUser();
  const chainOptions = useChainOptions();
  const [filters, setFilters] = useState<{ chainId?: string; kind?: LeaderActionKind }>({});
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useLeaderActions(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  const [isCreating, setCreating] = useState(false);
  const canWrite = user.role === 'gov' || user.role === 'platform_admin' || (user.role === 'member' && Boolean(user.org?.uscc));
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select allowClear showSearch optionFilterProp="label" placeholder={t('leaders.chain')} style={{ width: 280 }} value={filters.chainId} onChange={(chainId) => setFilters({ ...filters, chainId })} options={chainOptions} />
        <Select allowClear placeholder={t('leaders.kind')} style={{ width: 180 }} value={filters.kind} onChange={(kind) => setFilters({ ...filters, kind })} options={LEADER_ACTION_KINDS.map((k) => ({ value: k, label: t(`leaders.kind.${k}`) }))} />
        <a href={apiUrl('/leader-actions/export', filters)} download><Button icon={<DownloadOutlined />}>{t('services.directory.export')}</Button></a>
        {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="leader-action-create">{t('leaders.createAction')}</Button>}
      </Space>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      <Table<LeaderActionView> rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={false} locale={{ emptyText: t('services.directory.empty') }} data-testid="leader-action-table" scroll={{ x: 1400 }}
        expandable={{ expandedRowRender: (a) => <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{a.description || '—'}</Typography.Paragraph>, rowExpandable: (a) => Boolean(a.description) }}
        columns={[
          { title: t('leaders.actionTitle'), dataIndex: 'title', width: 260 },
          { title: t('leaders.kind'), dataIndex: 'kind', width: 140, render: (k: LeaderActionKind) => <Tag color="purple">{t(`leaders.kind.${k}`)}</Tag> },
          { title: t('leaders.leader'), dataIndex: 'leaderName', width: 220 },
          { title: t('leaders.chain'), dataIndex: 'chainName', width: 220 },
          { title: t('leaders.partner'), dataIndex: 'partnerName', width: 200, render: (n: string | null) => n ?? '—' },
          { title: t('leaders.amount'), dataIndex: 'amountFen', width: 140, render: yuan },
          { title: t('leaders.smeCount'), dataIndex: 'smeCount', width: 100, render: (n: number | null) => n ?? '—' },
          { title: t('leaders.startedOn'), dataIndex: 'startedOn', width: 110 },
        ]}
      />
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      {isCreating && <ActionModal chainOptions={chainOptions} onClose={() => setCreating(false)} />}
    </>
  );
}

function ActionModal({ chainOptions, onClose }: { chainOptions: { value: string; label: string }[]; onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const [form] = Form.useForm<Omit<CreateLeaderActionBody, 'startedOn'> & { startedOn: { format: (f: string) => string } }>();
  const create = useCreateLeaderAction();
  return (
    <Modal open width={640} title={t('leaders.createAction')} onCancel={onClose} okButtonProps={{ loading: create.isPending, ...({ 'data-testid': 'leader-action-ok' } as object) }}
      onOk={async () => {
        const v = await form.validateFields();
        await create.mutateAsync({ ...v, startedOn: v.startedOn.format('YYYY-MM-DD'), partnerUscc: v.partnerUscc || undefined, leaderUscc: v.leaderUscc || undefined }).then(onClose, () => undefined);
      }}>
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <Form form={form} layout="vertical" initialValues={{ kind: 'supplier_programme' }}>
        <Form.Item name="chainId" label={t('leaders.chain')} rules={[{ required: true }]}><Select showSearch optionFilterProp="label" options={chainOptions} data-testid="leader-action-chain" /></Form.Item>
        {user.role !== 'member' && <Form.Item name="leaderUscc" label={t('leaders.leaderUscc')} rules={[{ required: true }]}><Input /></Form.Item>}
        <Form.Item name="kind" label={t('leaders.kind')} rules={[{ required: true }]}><Select options={LEADER_ACTION_KINDS.map((k) => ({ value: k, label: t(`leaders.kind.${k}`) }))} data-testid="leader-action-kind" /></Form.Item>
        <Form.Item name="title" label={t('leaders.actionTitle')} rules={[{ required: true, min: 2 }]}><Input data-testid="leader-action-title" /></Form.Item>
        <Form.Item name="partnerUscc" label={t('leaders.partnerUscc')}><Input /></Form.Item>
        <Space>
          <Form.Item name="amountYuan" label={t('leaders.amountYuan')}><InputNumber min={0} style={{ width: 180 }} /></Form.Item>
          <Form.Item name="smeCount" label={t('leaders.smeCount')}><InputNumber min={0} precision={0} style={{ width: 140 }} data-testid="leader-action-sme-count" /></Form.Item>
          <Form.Item name="startedOn" label={t('leaders.startedOn')} rules={[{ required: true }]}><DatePicker data-testid="leader-action-started" /></Form.Item>
        </Space>
        <Form.Item name="description" label={t('leaders.description')}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}

function ClustersTab() {
  const t = useT();
  const user = useCurrentUser();
  const [kind, setKind] = useState<ClusterKind | undefined>();
  const pages = useCursorPages(`${kind}`);
  const list = useClusters({ kind }, { cursor: pages.cursor, limit: PAGE_SIZE });
  const [openId, setOpenId] = useState<string | null>(null);
  const [isCreating, setCreating] = useState(false);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('leaders.clusterKind')} style={{ width: 220 }} value={kind} onChange={setKind} options={CLUSTER_KINDS.map((k) => ({ value: k, label: t(`leaders.clusterKind.${k}`) }))} />
        {(user.role === 'gov' || user.role === 'platform_admin') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="cluster-create">{t('leaders.createCluster')}</Button>}
      </Space>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      <Table<ClusterView> rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={false} locale={{ emptyText: t('services.directory.empty') }}
        columns={[
          { title: t('leaders.clusterName'), dataIndex: 'name', render: (name: string, k) => <Typography.Link onClick={() => setOpenId(k.id)} data-testid="cluster-link">{name}</Typography.Link> },
          { title: t('leaders.clusterKind'), dataIndex: 'kind', width: 170, render: (k: ClusterKind) => <Tag color="geekblue">{t(`leaders.clusterKind.${k}`)}</Tag> },
          { title: t('leaders.level'), dataIndex: 'level', width: 90, render: (l: ClusterView['level']) => t(`leaders.level.${l}`) },
          { title: t('services.provider.region'), dataIndex: 'regionName', width: 180 },
          { title: t('leaders.chain'), dataIndex: 'chainName', width: 220, render: (n: string | null) => n ?? '—' },
          { title: t('leaders.members'), dataIndex: 'memberCount', width: 90 },
          { title: t('leaders.smeMembers'), dataIndex: 'smeCount', width: 110 },
        ]}
      />
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      {openId && <ClusterDrawer id={openId} onClose={() => setOpenId(null)} />}
      {isCreating && <ClusterModal onClose={() => setCreating(false)} />}
    </>
  );
}

function ClusterDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT();
  const cluster = useCluster(id);
  const add = useAddClusterMembers(id);
  const [usccs, setUsccs] = useState('');
  const k = cluster.data;
  return (
    <Drawer open width={760} title={k?.name} onClose={onClose} data-testid="cluster-drawer" extra={<Button onClick={onClose} data-testid="cluster-drawer-close">{t('services.directory.close')}</Button>}>
      {cluster.error ? <ProblemAlert error={cluster.error} /> : null}
      {k && (
        <>
          <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('leaders.clusterKind')}>{t(`leaders.clusterKind.${k.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('leaders.level')}>{t(`leaders.level.${k.level}`)}{k.recognisedYear ? `（${k.recognisedYear}）` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('services.provider.region')}>{k.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('leaders.industry')}>{k.industry || '—'}</Descriptions.Item>
            {k.description ? <Descriptions.Item label={t('leaders.description')} span={2}>{k.description}</Descriptions.Item> : null}
          </Descriptions>
          {k.canManage && (
            <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
              <Input placeholder={t('leaders.addMembersHint')} value={usccs} onChange={(e) => setUsccs(e.target.value)} data-testid="cluster-add-usccs" />
              <Button type="primary" loading={add.isPending} data-testid="cluster-add-ok"
                onClick={() => add.mutateAsync({ members: usccs.split(/[\s,，、]+/).filter(Boolean).map((uscc) => ({ uscc, role: 'member' as const })) }).then(() => setUsccs(''), () => undefined)}>{t('leaders.addMembers')}</Button>
            </Space.Compact>
          )}
          {add.error ? <ProblemAlert error={add.error} /> : null}
          <Table rowKey="uscc" size="small" pagination={false} dataSource={k.members} data-testid="cluster-members"
            columns={[
              { title: t('leaders.members'), dataIndex: 'name' },
              { title: t('services.case.uscc'), dataIndex: 'uscc', width: 200 },
              { title: t('leaders.memberRole'), dataIndex: 'role', width: 100, render: (r: 'leader' | 'member') => t(`leaders.memberRole.${r}`) },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

function ClusterModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const chainOptions = useChainOptions();
  const [form] = Form.useForm();
  const create = useCreateCluster();
  return (
    <Modal open width={600} title={t('leaders.createCluster')} onCancel={onClose} okButtonProps={{ loading: create.isPending }}
      onOk={async () => { const v = await form.validateFields(); await create.mutateAsync(v).then(onClose, () => undefined); }}>
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <Form form={form} layout="vertical" initialValues={{ kind: 'sme_characteristic', level: 'provincial' }}>
        <Form.Item name="name" label={t('leaders.clusterName')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
        <Space>
          <Form.Item name="kind" label={t('leaders.clusterKind')} rules={[{ required: true }]}><Select style={{ width: 220 }} options={CLUSTER_KINDS.map((k) => ({ value: k, label: t(`leaders.clusterKind.${k}`) }))} /></Form.Item>
          <Form.Item name="level" label={t('leaders.level')} rules={[{ required: true }]}><Select style={{ width: 120 }} options={CLUSTER_LEVELS.map((l) => ({ value: l, label: t(`leaders.level.${l}`) }))} /></Form.Item>
          <Form.Item name="recognisedYear" label={t('leaders.year')}><InputNumber min={2000} max={2100} /></Form.Item>
        </Space>
        <Form.Item name="chainId" label={t('leaders.chain')}><Select allowClear showSearch optionFilterProp="label" options={chainOptions} /></Form.Item>
        <Form.Item name="industry" label={t('leaders.industry')}><Input /></Form.Item>
        <Form.Item name="description" label={t('leaders.description')}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}

function TransferTab() {
  const t = useT();
  const user = useCurrentUser();
  const [direction, setDirection] = useState<TransferDirection | undefined>();
  const pages = useCursorPages(`${direction}`);
  const list = useTransferItems({ direction }, { cursor: pages.cursor, limit: PAGE_SIZE });
  const [isCreating, setCreating] = useState(false);
  const create = useCreateTransferItem();
  const [form] = Form.useForm();
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('leaders.direction')} style={{ width: 160 }} value={direction} onChange={setDirection} options={TRANSFER_DIRECTIONS.map((d) => ({ value: d, label: t(`leaders.direction.${d}`) }))} />
        {(user.role === 'gov' || user.role === 'platform_admin') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('leaders.createTransfer')}</Button>}
      </Space>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      <Table<TransferItemView> rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={false} locale={{ emptyText: t('services.directory.empty') }} data-testid="transfer-table"
        expandable={{ expandedRowRender: (i) => <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{[i.description, i.conditions && `${t('leaders.conditions')}：${i.conditions}`].filter(Boolean).join('\n') || '—'}</Typography.Paragraph> }}
        columns={[
          { title: t('leaders.transferTitle'), dataIndex: 'title' },
          { title: t('leaders.direction'), dataIndex: 'direction', width: 90, render: (d: TransferDirection) => <Tag color={d === 'inbound' ? 'green' : 'orange'}>{t(`leaders.direction.${d}`)}</Tag> },
          { title: t('leaders.industryCode'), dataIndex: 'industryCode', width: 100 },
          { title: t('services.provider.region'), dataIndex: 'regionName', width: 180 },
          { title: t('leaders.chain'), dataIndex: 'chainName', width: 220, render: (n: string | null) => n ?? '—' },
          { title: t('services.provider.contact'), dataIndex: 'contact', width: 160 },
        ]}
      />
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      {isCreating && (
        <Modal open width={600} title={t('leaders.createTransfer')} onCancel={() => setCreating(false)} okButtonProps={{ loading: create.isPending }}
          onOk={async () => { const v = await form.validateFields(); await create.mutateAsync(v).then(() => setCreating(false), () => undefined); }}>
          {create.error ? <ProblemAlert error={create.error} /> : null}
          <Form form={form} layout="vertical" initialValues={{ direction: 'inbound' }}>
            <Form.Item name="title" label={t('leaders.transferTitle')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
            <Space>
              <Form.Item name="direction" label={t('leaders.direction')} rules={[{ required: true }]}><Select style={{ width: 140 }} options={TRANSFER_DIRECTIONS.map((d) => ({ value: d, label: t(`leaders.direction.${d}`) }))} /></Form.Item>
              <Form.Item name="industryCode" label={t('leaders.industryCode')} rules={[{ required: true }]} extra="C3841"><Input style={{ width: 160 }} /></Form.Item>
            </Space>
            <Form.Item name="description" label={t('leaders.description')}><Input.TextArea rows={3} /></Form.Item>
            <Form.Item name="conditions" label={t('leaders.conditions')}><Input.TextArea rows={2} /></Form.Item>
            <Form.Item name="contact" label={t('services.provider.contact')}><Input /></Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}

function RegionsTab() {
  const t = useT();
  const rows = useChainRegions();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('leaders.regionsHint')}</Typography.Paragraph>
      {rows.error ? <ProblemAlert error={rows.error} /> : null}
      <Table<ChainRegionRow> rowKey="chainId" size="middle" loading={rows.isFetching} dataSource={rows.data?.items ?? []} pagination={{ pageSize: 50 }} data-testid="chain-regions-table"
        columns={[
          { title: t('leaders.template'), dataIndex: 'templateKey', width: 180, render: (k: string | null) => k ?? '—' },
          { title: t('leaders.chain'), dataIndex: 'chainName' },
          { title: t('services.provider.region'), dataIndex: 'regionName', width: 200 },
          { title: t('leaders.members'), dataIndex: 'memberCount', width: 90 },
          { title: t('leaders.leaders'), dataIndex: 'leaderCount', width: 90 },
          { title: t('leaders.actions'), dataIndex: 'leaderActionCount', width: 100 },
          { title: t('leaders.amount'), dataIndex: 'leaderActionAmountFen', width: 150, render: yuan },
          { title: t('leaders.clusters'), dataIndex: 'clusterCount', width: 90 },
          { title: t('leaders.transfer'), dataIndex: 'transferItemCount', width: 110 },
        ]}
      />
    </>
  );
}
