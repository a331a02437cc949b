import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ChainSummary } from '../../contracts/chains';
import { ChainCreateModal } from '../components/ChainCreateModal';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { RegionCascader } from '../components/RegionCascader';
import { useLang, useT } from '../i18n';
import { canManageEnterprises, regionScope } from '../lib/access';
import { formatDateTime } from '../lib/format';
import { useCursorPages } from '../lib/useCursorPages';
import { useUrlParams } from '../lib/useUrlParams';
import { useCurrentUser } from '../queries/auth';
import { useChainList, useChainTemplates, type ChainFilters } from '../queries/chains';

const PAGE_SIZE = 20;
const FILTER_KEYS = ['region', 'template', 'q'] as const;

/** 产业链图谱 list: every signed-in user reads the chains; gov users and admins create them. */
export function ChainListPage() {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { params, setParam, clearParams } = useUrlParams();
  const filters: ChainFilters = useMemo(
    () => ({ region: params.get('region') || undefined, template: params.get('template') || undefined, q: params.get('q') || undefined }),
    [params],
  );
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useChainList(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  const templates = useChainTemplates();
  const templateNames = new Map((templates.data?.items ?? []).map((tpl) => [tpl.key, tpl.name]));
  const [isCreating, setCreating] = useState(false);

  return (
    <div data-testid="chain-list-page">
      <PageHeader
        title={t('chains.title')}
        subTitle={t('chains.subtitle')}
        extra={
          canManageEnterprises(user) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-chain-button">
              {t('chains.create')}
            </Button>
          ) : null
        }
      />
      <Card className="filter-card" size="small">
        <div className="filter-bar">
          <RegionCascader data-testid="chain-filter-region" value={filters.region} onChange={(value) => setParam('region', value)} placeholder={t('chains.regionPlaceholder')} style={{ width: 220 }} />
          <Select
            data-testid="chain-filter-template"
            allowClear
            value={filters.template}
            onChange={(value: string | undefined) => setParam('template', value)}
            placeholder={t('chains.templatePlaceholder')}
            options={(templates.data?.items ?? []).map((tpl) => ({ value: tpl.key, label: tpl.name }))}
            style={{ width: 260 }}
            popupMatchSelectWidth={false}
          />
          <Input.Search
            key={filters.q ?? ''}
            data-testid="chain-filter-q"
            allowClear
            defaultValue={filters.q}
            onSearch={(value) => setParam('q', value.trim() || undefined)}
            placeholder={t('chains.qPlaceholder')}
            enterButton
            style={{ width: 260 }}
          />
          {FILTER_KEYS.some((key) => params.has(key)) && (
            <Button icon={<ReloadOutlined />} onClick={clearParams}>
              {t('common.reset')}
            </Button>
          )}
        </div>
      </Card>
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<ChainSummary>
          data-testid="chain-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('chains.empty') }}
          columns={[
            {
              title: t('chains.name'),
              dataIndex: 'name',
              render: (name: string, row) => (
                <Link to={`/chains/${row.id}`} data-testid={`chain-link-${row.id}`}>
                  {name}
                </Link>
              ),
            },
            { title: t('chains.region'), dataIndex: 'regionName', width: 200 },
            { title: t('chains.template'), dataIndex: 'templateKey', width: 260, render: (key: string | null) => (key ? templateNames.get(key) ?? key : t('chains.noTemplate')) },
            { title: t('chains.segmentCount'), dataIndex: 'segmentCount', width: 90, align: 'right' },
            { title: t('chains.memberCount'), dataIndex: 'memberCount', width: 100, align: 'right' },
            { title: t('chains.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (at: string) => formatDateTime(lang, at) },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} total={list.data?.total} totalLabel={list.data?.total !== undefined ? t('chains.total', { n: list.data.total }) : undefined} isFetching={list.isFetching} />
      </Card>
      <ChainCreateModal
        open={isCreating}
        regionScope={regionScope(user)}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          navigate(`/chains/${id}`);
        }}
      />
    </div>
  );
}
