import { CloudUploadOutlined, DeleteOutlined, DownloadOutlined, LockOutlined, ReloadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { UserView } from '../../contracts/auth';
import type { SupplyEdge, SupplyParty } from '../../contracts/supply';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { useT } from '../i18n';
import { useCursorPages } from '../lib/useCursorPages';
import { useUrlParams } from '../lib/useUrlParams';
import { useCurrentUser } from '../queries/auth';
import { supplyExportUrl, useDeleteSupplyEdge, useSupplyEdges, type SupplyFilters } from '../queries/supply';

const PAGE_SIZE = 20;
const FILTER_KEYS = ['supplier', 'customer', 'product'] as const;

function readFilters(params: URLSearchParams): SupplyFilters {
  return {
    supplier: params.get('supplier') || undefined,
    customer: params.get('customer') || undefined,
    product: params.get('product') || undefined,
  };
}

/** A party with a link to its enterprise when it is on the platform, and its country when abroad. */
function Party({ party }: { party: SupplyParty }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      {party.uscc ? <Link to={`/enterprises/${party.uscc}`}>{party.name}</Link> : <span>{party.name}</span>}
      {party.uscc ? null : <Tag>{party.countryCode === 'CN' ? t('supply.offPlatform') : party.countryCode}</Tag>}
    </Space>
  );
}

/** GB/T 2260 prefix of a region's subtree ('320500' → '3205'), as the server scopes it. */
function regionPrefix(code: string): string {
  return code === '000000' ? '' : code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;
}

/** Whether the UI offers deleting an edge (the server decides): admins, gov users for customers in scope, a member for its own firm's suppliers. */
function canDeleteEdge(user: UserView, edge: SupplyEdge): boolean {
  if (user.role === 'platform_admin') return true;
  if (user.role === 'member') return Boolean(user.org?.uscc) && edge.customer.uscc === user.org?.uscc;
  return user.role === 'gov' && user.regionCode !== null && (edge.customer.regionCode ?? '').startsWith(regionPrefix(user.regionCode));
}

/** 供应关系: filter, page through, export and delete supply edges; import supplier lists. */
export function SupplyEdgesPage() {
  const t = useT();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const { params, setParam, clearParams } = useUrlParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useSupplyEdges(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  const removal = useDeleteSupplyEdge();
  const canWrite = user.role === 'platform_admin' || user.role === 'gov' || (user.role === 'member' && Boolean(user.org?.uscc));
  const hasFilters = FILTER_KEYS.some((key) => params.has(key));

  return (
    <div data-testid="supply-edges-page">
      <PageHeader
        title={t('supply.title')}
        subTitle={t('supply.subtitle')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} href={supplyExportUrl(filters)} data-testid="supply-export">
              {t('supply.export')}
            </Button>
            {canWrite && (
              <Link to="/supply-edges/import">
                <Button type="primary" icon={<CloudUploadOutlined />} data-testid="supply-import-button">
                  {t('supply.import')}
                </Button>
              </Link>
            )}
          </Space>
        }
      />
      <Card className="filter-card" size="small">
        <div className="filter-bar" data-testid="supply-filter-bar">
          {FILTER_KEYS.map((key) => (
            <Input.Search
              key={`${key}:${filters[key] ?? ''}`}
              data-testid={`supply-filter-${key}`}
              allowClear
              defaultValue={filters[key]}
              onSearch={(value) => setParam(key, value.trim() || undefined)}
              placeholder={t(`supply.${key}Placeholder`)}
              style={{ width: 230 }}
            />
          ))}
          {hasFilters && (
            <Button icon={<ReloadOutlined />} onClick={clearParams} data-testid="supply-filter-reset">
              {t('common.reset')}
            </Button>
          )}
        </div>
      </Card>
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        {removal.error ? <ProblemAlert error={removal.error} /> : null}
        <Table<SupplyEdge>
          data-testid="supply-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('supply.empty') }}
          scroll={{ x: 1100 }}
          columns={[
            { title: t('supply.supplier'), dataIndex: 'supplier', render: (party: SupplyParty) => <Party party={party} /> },
            { title: t('supply.customer'), dataIndex: 'customer', render: (party: SupplyParty) => <Party party={party} /> },
            { title: t('supply.product'), dataIndex: 'product', width: 170 },
            { title: t('supply.share'), dataIndex: 'share', width: 100, render: (share: number | null) => (share === null ? <Typography.Text type="secondary">—</Typography.Text> : `${Math.round(share * 100)}%`) },
            { title: t('supply.since'), dataIndex: 'since', width: 110, render: (since: string | null) => since ?? '—' },
            { title: t('supply.source'), dataIndex: 'source', width: 160, ellipsis: true },
            {
              title: t('supply.visibility'),
              dataIndex: 'isPrivate',
              width: 90,
              render: (isPrivate: boolean) => (isPrivate ? <Tag icon={<LockOutlined />} color="gold">{t('supply.private')}</Tag> : <Tag>{t('supply.public')}</Tag>),
            },
            ...(canWrite
              ? [{
                  title: '',
                  key: 'actions',
                  width: 70,
                  render: (_: unknown, row: SupplyEdge) => !canDeleteEdge(user, row) ? null : (
                    <Popconfirm
                      title={t('supply.deleteConfirm')}
                      onConfirm={() => removal.mutateAsync(row.id).then(() => message.success(t('supply.deleted')))}
                    >
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('supply.delete')} data-testid={`supply-delete-${row.id}`} />
                    </Popconfirm>
                  ),
                }]
              : []),
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
    </div>
  );
}
