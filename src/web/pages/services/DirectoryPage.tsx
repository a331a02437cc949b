import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, Modal, Rate, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PRODUCT_CATEGORIES, PROVIDER_KINDS, type ProductCategory, type ProductView, type ProviderKind, type ProviderView, type RequestStatus, type RequestView } from '../../../contracts/service-directory';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RegionCascader } from '../../components/RegionCascader';
import { apiUrl } from '../../api';
import { useLang, useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { errorMessage } from '../../lib/problem';
import { useCursorPages } from '../../lib/useCursorPages';
import { useCurrentUser } from '../../queries/auth';
import { useCreateProduct, useCreateProvider, useHandleRequest, useProductList, useProvider, useProviderList, useRateRequest, useRequestList, useRequestService, type ProviderFilters } from '../../queries/service-directory';

const PAGE_SIZE = 20;
const STATUS_COLORS: Record<RequestStatus, string> = { requested: 'orange', accepted: 'blue', declined: 'default', completed: 'green' };

function Price({ fen }: { fen: number | null }) {
  const t = useT();
  if (fen === null) return <>{t('services.product.priceOnRequest')}</>;
  return <>{fen === 0 ? t('services.product.free') : `¥${(fen / 100).toLocaleString()}`}</>;
}

function Rating({ average, count }: { average: number | null; count: number }) {
  const t = useT();
  if (average === null) return <Typography.Text type="secondary">{t('services.provider.noRating')}</Typography.Text>;
  return <Space size={4}><Rate disabled allowHalf value={Math.round(average * 2) / 2} style={{ fontSize: 14 }} /><span>{average.toFixed(1)}</span><Typography.Text type="secondary">{t('services.provider.ratingCount', { n: count })}</Typography.Text></Space>;
}

/** 服务资源目录: service products, providers, the SME's own requests and the requests a provider handles. */
export function DirectoryPage() {
  const t = useT();
  const user = useCurrentUser();
  const isMember = user.role === 'member' && Boolean(user.org?.uscc);
  const isGov = user.role === 'gov' || user.role === 'platform_admin';
  const [isCreating, setCreating] = useState(false);
  const [providerId, setProviderId] = useState<string | null>(null);
  return (
    <div data-testid="directory-page">
      <PageHeader
        title={t('services.directory.title')}
        subTitle={t('services.directory.subtitle')}
        extra={
          <Space>
            <a href={apiUrl('/service-providers/export')} download><Button icon={<DownloadOutlined />} data-testid="directory-export">{t('services.directory.export')}</Button></a>
            {(isGov || isMember) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="provider-create-button">{t('services.directory.createProvider')}</Button>}
          </Space>
        }
      />
      <Card>
        <Tabs
          defaultActiveKey="products"
          items={[
            { key: 'products', label: <span data-testid="tab-products">{t('services.directory.products')}</span>, children: <ProductTable onOpenProvider={setProviderId} /> },
            { key: 'providers', label: <span data-testid="tab-providers">{t('services.directory.providers')}</span>, children: <ProviderTable onOpen={setProviderId} /> },
            ...(isMember ? [{ key: 'mine', label: <span data-testid="tab-requests-mine">{t('services.directory.mine')}</span>, children: <RequestTable side="mine" /> }] : []),
            ...(isGov || isMember ? [{ key: 'incoming', label: <span data-testid="tab-requests-incoming">{t('services.directory.incoming')}</span>, children: <RequestTable side="incoming" /> }] : []),
          ]}
        />
      </Card>
      {isCreating && <ProviderCreateModal onClose={(id) => { setCreating(false); if (id) setProviderId(id); }} />}
      {providerId && <ProviderDrawer id={providerId} onClose={() => setProviderId(null)} />}
    </div>
  );
}

function ProductTable({ providerId, onOpenProvider }: { providerId?: string; onOpenProvider?: (id: string) => void }) {
  const t = useT();
  const user = useCurrentUser();
  const [category, setCategory] = useState<ProductCategory | undefined>();
  const [q, setQ] = useState('');
  const pages = useCursorPages(`${category}|${q}|${providerId}`);
  const list = useProductList({ category, q: q || undefined, providerId }, { cursor: pages.cursor, limit: PAGE_SIZE });
  const [requesting, setRequesting] = useState<ProductView | null>(null);
  const canRequest = user.role === 'member' && Boolean(user.org?.uscc);
  return (
    <>
      {!providerId && (
        <Space style={{ marginBottom: 12 }} wrap>
          <Select allowClear placeholder={t('services.directory.allCategories')} style={{ width: 160 }} value={category} onChange={setCategory} data-testid="product-filter-category"
            options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: t(`services.category.${c}`) }))} />
          <Input.Search allowClear placeholder={t('services.directory.search')} style={{ width: 260 }} onSearch={setQ} data-testid="product-search" />
        </Space>
      )}
      {list.error ? <ProblemAlert error={list.error} /> : null}
      <Table<ProductView> rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={false} locale={{ emptyText: t('services.directory.empty') }} data-testid="product-table"
        expandable={{ expandedRowRender: (p) => <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{p.description || '—'}</Typography.Paragraph>, rowExpandable: (p) => Boolean(p.description) }}
        columns={[
          { title: t('services.product.title'), dataIndex: 'title', render: (title: string) => <span data-testid="product-title">{title}</span> },
          { title: t('services.product.category'), dataIndex: 'category', width: 110, render: (c: ProductCategory) => <Tag>{t(`services.category.${c}`)}</Tag> },
          ...(providerId ? [] : [{ title: t('services.directory.providers'), dataIndex: 'providerName', render: (name: string, p: ProductView) => <Typography.Link onClick={() => onOpenProvider?.(p.providerId)} data-testid="product-provider">{name}</Typography.Link> }]),
          { title: t('services.product.price'), dataIndex: 'priceFen', width: 110, render: (fen: number | null) => <Price fen={fen} /> },
          { title: t('services.provider.rating'), key: 'rating', width: 250, render: (_: unknown, p) => <Rating average={p.ratingAverage} count={p.ratingCount} /> },
          ...(canRequest ? [{ title: '', key: 'actions', width: 110, render: (_: unknown, p: ProductView) => <Button size="small" type="primary" onClick={() => setRequesting(p)} data-testid="product-request">{t('services.product.request')}</Button> }] : []),
        ]}
      />
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      {requesting && <RequestModal product={requesting} onClose={() => setRequesting(null)} />}
    </>
  );
}

function ProviderTable({ onOpen }: { onOpen: (id: string) => void }) {
  const t = useT();
  const [filters, setFilters] = useState<ProviderFilters>({});
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useProviderList(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select allowClear placeholder={t('services.directory.allKinds')} style={{ width: 160 }} value={filters.kind} onChange={(kind) => setFilters({ ...filters, kind })} data-testid="provider-filter-kind"
          options={PROVIDER_KINDS.map((k) => ({ value: k, label: t(`services.kind.${k}`) }))} />
        <RegionCascader value={filters.region} onChange={(region) => setFilters({ ...filters, region: region ?? undefined })} placeholder={t('services.provider.region')} style={{ width: 220 }} />
        <Input.Search allowClear placeholder={t('services.directory.search')} style={{ width: 260 }} onSearch={(q) => setFilters({ ...filters, q: q || undefined })} />
        <a href={apiUrl('/service-providers/export', filters)} download><Button icon={<DownloadOutlined />}>{t('services.directory.export')}</Button></a>
      </Space>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      <Table<ProviderView> rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={false} locale={{ emptyText: t('services.directory.empty') }}
        columns={[
          { title: t('services.provider.name'), dataIndex: 'name', render: (name: string, p) => <Typography.Link onClick={() => onOpen(p.id)} data-testid="provider-link">{name}</Typography.Link> },
          { title: t('services.provider.kind'), dataIndex: 'kind', width: 130, render: (k: ProviderKind) => <Tag color="blue">{t(`services.kind.${k}`)}</Tag> },
          { title: t('services.provider.region'), dataIndex: 'regionName', width: 200 },
          { title: t('services.provider.operator'), dataIndex: 'operatorName', render: (n: string | null) => n ?? '—' },
          { title: t('services.provider.productCount'), dataIndex: 'productCount', width: 90 },
          { title: t('services.provider.rating'), key: 'rating', width: 250, render: (_: unknown, p) => <Rating average={p.ratingAverage} count={p.ratingCount} /> },
        ]}
      />
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
    </>
  );
}

function ProviderDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT();
  const provider = useProvider(id);
  const [isAdding, setAdding] = useState(false);
  const p = provider.data;
  return (
    <Drawer open width={860} title={p?.name} onClose={onClose} data-testid="provider-drawer"
      extra={<Space>{p?.canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="product-create-button">{t('services.directory.createProduct')}</Button>}<Button onClick={onClose} data-testid="provider-drawer-close">{t('services.directory.close')}</Button></Space>}>
      {provider.error ? <ProblemAlert error={provider.error} /> : null}
      {p && (
        <>
          <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('services.provider.kind')}>{t(`services.kind.${p.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('services.provider.region')}>{p.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('services.provider.operator')}>{p.operatorName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('services.provider.contact')}>{p.contact || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('services.provider.address')} span={2}>{p.address || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('services.provider.rating')} span={2}><Rating average={p.ratingAverage} count={p.ratingCount} /></Descriptions.Item>
            {p.description ? <Descriptions.Item label={t('services.provider.description')} span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{p.description}</span></Descriptions.Item> : null}
          </Descriptions>
          <ProductTable providerId={p.id} />
        </>
      )}
      {isAdding && p && <ProductCreateModal providerId={p.id} onClose={() => setAdding(false)} />}
    </Drawer>
  );
}

function RequestTable({ side }: { side: 'mine' | 'incoming' }) {
  const t = useT();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<RequestStatus | undefined>();
  const pages = useCursorPages(`${status}`);
  const list = useRequestList(side, status, { cursor: pages.cursor, limit: PAGE_SIZE });
  const handle = useHandleRequest();
  const [rating, setRating] = useState<RequestView | null>(null);
  const act = (r: RequestView, verb: 'accept' | 'decline' | 'complete') => handle.mutateAsync({ id: r.id, verb }).catch((err) => message.error(errorMessage(err, t)));
  return (
    <>
      <Select allowClear placeholder={t('services.request.status')} style={{ width: 160, marginBottom: 12 }} value={status} onChange={setStatus}
        options={(['requested', 'accepted', 'declined', 'completed'] as const).map((s) => ({ value: s, label: t(`services.requestStatus.${s}`) }))} />
      {list.error ? <ProblemAlert error={list.error} /> : null}
      <Table<RequestView> rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={false} locale={{ emptyText: t('services.directory.empty') }} data-testid={`requests-${side}`}
        columns={[
          { title: t('services.product.title'), dataIndex: 'productTitle', render: (title: string, r) => <Space direction="vertical" size={0}><span>{title}</span><Typography.Text type="secondary">{r.providerName}</Typography.Text></Space> },
          ...(side === 'incoming' ? [{ title: t('services.request.enterprise'), dataIndex: 'name' }] : []),
          { title: t('services.request.note'), dataIndex: 'note', render: (note: string, r) => <Space direction="vertical" size={0}><span>{note || '—'}</span>{r.reply ? <Typography.Text type="secondary">{t('services.request.reply')}：{r.reply}</Typography.Text> : null}</Space> },
          { title: t('services.request.status'), dataIndex: 'status', width: 100, render: (s: RequestStatus) => <Tag color={STATUS_COLORS[s]} data-testid="request-status">{t(`services.requestStatus.${s}`)}</Tag> },
          { title: t('services.request.rating'), key: 'rating', width: 180, render: (_: unknown, r) => (r.rating ? <Space direction="vertical" size={0}><Rate disabled value={r.rating} style={{ fontSize: 14 }} />{r.review ? <Typography.Text type="secondary">{r.review}</Typography.Text> : null}</Space> : '—') },
          { title: t('services.request.createdAt'), dataIndex: 'createdAt', width: 160, render: (at: string) => formatDateTime(lang, at) },
          {
            title: '', key: 'actions', width: 180,
            render: (_: unknown, r) => (
              <Space>
                {r.canHandle && r.status === 'requested' && <Button size="small" type="primary" onClick={() => act(r, 'accept')} data-testid="request-accept">{t('services.request.accept')}</Button>}
                {r.canHandle && r.status === 'requested' && <Button size="small" danger onClick={() => act(r, 'decline')}>{t('services.request.decline')}</Button>}
                {r.canHandle && r.status === 'accepted' && <Button size="small" type="primary" onClick={() => act(r, 'complete')} data-testid="request-complete">{t('services.request.complete')}</Button>}
                {r.canRate && <Button size="small" type="primary" onClick={() => setRating(r)} data-testid="request-rate">{t('services.request.rate')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      {rating && <RateModal request={rating} onClose={() => setRating(null)} />}
    </>
  );
}

function RequestModal({ product, onClose }: { product: ProductView; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [note, setNote] = useState('');
  const request = useRequestService();
  return (
    <Modal open title={`${t('services.product.request')}：${product.title}`} onCancel={onClose} okButtonProps={{ loading: request.isPending, ...({ 'data-testid': 'request-ok' } as object) }}
      onOk={() => request.mutateAsync({ productId: product.id, note: note || undefined }).then(() => { message.success(t('services.product.requested')); onClose(); }, () => undefined)}>
      {request.error ? <ProblemAlert error={request.error} /> : null}
      <Typography.Paragraph type="secondary">{product.providerName}</Typography.Paragraph>
      <Input.TextArea rows={4} placeholder={t('services.product.requestNote')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} data-testid="request-note" />
    </Modal>
  );
}

function RateModal({ request, onClose }: { request: RequestView; onClose: () => void }) {
  const t = useT();
  const [rating, setRating] = useState(5);
  const [review, setReview] = useState('');
  const rate = useRateRequest();
  return (
    <Modal open title={`${t('services.request.rate')}：${request.productTitle}`} onCancel={onClose} okButtonProps={{ loading: rate.isPending, ...({ 'data-testid': 'rate-ok' } as object) }}
      onOk={() => rate.mutateAsync({ id: request.id, rating, review: review || undefined }).then(onClose, () => undefined)}>
      {rate.error ? <ProblemAlert error={rate.error} /> : null}
      <Rate value={rating} onChange={setRating} data-testid="rate-stars" />
      <Input.TextArea rows={3} style={{ marginTop: 12 }} placeholder={t('services.request.review')} value={review} onChange={(e) => setReview(e.target.value)} maxLength={2000} data-testid="rate-review" />
    </Modal>
  );
}

interface ProviderForm {
  name: string;
  kind: ProviderKind;
  regionCode?: string;
  operatorUscc?: string;
  address?: string;
  contact?: string;
  description?: string;
}

function ProviderCreateModal({ onClose }: { onClose: (id?: string) => void }) {
  const t = useT();
  const user = useCurrentUser();
  const isMember = user.role === 'member';
  const [form] = Form.useForm<ProviderForm>();
  const create = useCreateProvider();
  return (
    <Modal open width={640} title={t('services.directory.createProvider')} onCancel={() => onClose()} okButtonProps={{ loading: create.isPending, ...({ 'data-testid': 'provider-form-ok' } as object) }}
      onOk={async () => {
        const v = await form.validateFields();
        await create.mutateAsync({ ...v, operatorUscc: v.operatorUscc || undefined }).then((r) => onClose(r.id), () => undefined);
      }}>
      {create.error ? <ProblemAlert error={create.error} /> : null}
      {isMember && <Typography.Paragraph type="secondary">{t('services.provider.memberHint')}</Typography.Paragraph>}
      <Form form={form} layout="vertical" initialValues={{ kind: 'platform', regionCode: user.regionCode ?? undefined }}>
        <Form.Item name="name" label={t('services.provider.name')} rules={[{ required: true, min: 2 }]}><Input data-testid="provider-name" /></Form.Item>
        <Form.Item name="kind" label={t('services.provider.kind')} rules={[{ required: true }]}><Select data-testid="provider-kind" options={PROVIDER_KINDS.map((k) => ({ value: k, label: t(`services.kind.${k}`) }))} /></Form.Item>
        {!isMember && <Form.Item name="regionCode" label={t('services.provider.region')} rules={[{ required: true }]}><RegionCascader scope={user.role === 'gov' ? user.regionCode : null} /></Form.Item>}
        {!isMember && <Form.Item name="operatorUscc" label={t('services.provider.operatorUscc')}><Input data-testid="provider-operator" /></Form.Item>}
        <Form.Item name="address" label={t('services.provider.address')}><Input /></Form.Item>
        <Form.Item name="contact" label={t('services.provider.contact')}><Input /></Form.Item>
        <Form.Item name="description" label={t('services.provider.description')}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}

function ProductCreateModal({ providerId, onClose }: { providerId: string; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ title: string; category: ProductCategory; description?: string; priceYuan?: number }>();
  const create = useCreateProduct(providerId);
  return (
    <Modal open width={600} title={t('services.directory.createProduct')} onCancel={onClose} okButtonProps={{ loading: create.isPending, ...({ 'data-testid': 'product-form-ok' } as object) }}
      onOk={async () => {
        const v = await form.validateFields();
        await create.mutateAsync({ ...v, priceYuan: v.priceYuan ?? undefined }).then(onClose, () => undefined);
      }}>
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <Form form={form} layout="vertical" initialValues={{ category: 'testing' }}>
        <Form.Item name="title" label={t('services.product.title')} rules={[{ required: true, min: 2 }]}><Input data-testid="product-title-input" /></Form.Item>
        <Form.Item name="category" label={t('services.product.category')} rules={[{ required: true }]}><Select data-testid="product-category" options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: t(`services.category.${c}`) }))} /></Form.Item>
        <Form.Item name="priceYuan" label={t('services.product.priceYuan')}><InputNumber min={0} style={{ width: 200 }} data-testid="product-price" /></Form.Item>
        <Form.Item name="description" label={t('services.product.description')}><Input.TextArea rows={4} /></Form.Item>
      </Form>
    </Modal>
  );
}
