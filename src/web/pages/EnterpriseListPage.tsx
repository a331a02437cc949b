import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ENTERPRISE_TAGS, SIZES, type EnterpriseSummary, type EnterpriseTag, type Size } from '../../contracts/enterprises';
import { CursorPager } from '../components/CursorPager';
import { EnterpriseCreateModal } from '../components/EnterpriseCreateModal';
import { EnterpriseTags } from '../components/EnterpriseTags';
import { IndustryCascader } from '../components/IndustryCascader';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { RegionCascader } from '../components/RegionCascader';
import { SizeLabel } from '../components/SizeLabel';
import { sizeKey, tagKey, useT } from '../i18n';
import { canManageEnterprises, regionScope } from '../lib/access';
import { useCursorPages } from '../lib/useCursorPages';
import { useUrlParams } from '../lib/useUrlParams';
import { useCurrentUser } from '../queries/auth';
import { enterpriseExportUrl, useEnterpriseList, type EnterpriseFilters } from '../queries/enterprises';

const PAGE_SIZE = 20;
const FILTER_KEYS = ['region', 'industry', 'q', 'size', 'tag'] as const;

/** Filters live in the URL so that links, reloads and the back button keep them. */
function readFilters(params: URLSearchParams): EnterpriseFilters {
  const size = params.get('size');
  const tag = params.get('tag');
  return {
    region: params.get('region') || undefined,
    industry: params.get('industry') || undefined,
    q: params.get('q') || undefined,
    size: SIZES.includes(size as Size) ? (size as Size) : undefined,
    tag: ENTERPRISE_TAGS.includes(tag as EnterpriseTag) ? (tag as EnterpriseTag) : undefined,
  };
}

/** 企业库: filter, page through, export and register enterprises in the user's scope. */
export function EnterpriseListPage() {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { params, setParam, clearParams } = useUrlParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useEnterpriseList(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  const [isCreating, setCreating] = useState(false);
  const scope = regionScope(user);

  const setFilter = <K extends keyof EnterpriseFilters>(key: K, value: EnterpriseFilters[K]) => setParam(key, value);
  const hasFilters = FILTER_KEYS.some((key) => params.has(key));

  return (
    <div data-testid="enterprise-list-page">
      <PageHeader
        title={t('list.title')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} href={enterpriseExportUrl(filters)} data-testid="export-button">
              {t('list.export')}
            </Button>
            {canManageEnterprises(user) && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-enterprise-button">
                {t('list.create')}
              </Button>
            )}
          </Space>
        }
      />
      <Card className="filter-card" size="small">
        <div className="filter-bar" data-testid="filter-bar">
          <RegionCascader
            data-testid="filter-region"
            scope={scope}
            value={filters.region}
            onChange={(value) => setFilter('region', value)}
            placeholder={t('list.regionPlaceholder')}
            style={{ width: 220 }}
          />
          <IndustryCascader
            data-testid="filter-industry"
            value={filters.industry}
            onChange={(value) => setFilter('industry', value)}
            placeholder={t('list.industryPlaceholder')}
            style={{ width: 250 }}
          />
          <Select<Size>
            data-testid="filter-size"
            allowClear
            value={filters.size}
            onChange={(value) => setFilter('size', value)}
            placeholder={t('list.sizePlaceholder')}
            options={SIZES.map((size) => ({ value: size, label: t(sizeKey(size)) }))}
            style={{ width: 110 }}
          />
          <Select<EnterpriseTag>
            data-testid="filter-tag"
            allowClear
            value={filters.tag}
            onChange={(value) => setFilter('tag', value)}
            placeholder={t('list.tagPlaceholder')}
            options={ENTERPRISE_TAGS.map((tag) => ({ value: tag, label: t(tagKey(tag)) }))}
            style={{ width: 170 }}
            popupMatchSelectWidth={false}
          />
          <Input.Search
            key={filters.q ?? ''}
            data-testid="filter-q"
            allowClear
            defaultValue={filters.q}
            onSearch={(value) => setFilter('q', value.trim() || undefined)}
            placeholder={t('list.qPlaceholder')}
            enterButton
            style={{ width: 250 }}
          />
          {hasFilters && (
            <Button icon={<ReloadOutlined />} onClick={clearParams} data-testid="filter-reset">
              {t('common.reset')}
            </Button>
          )}
        </div>
      </Card>
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<EnterpriseSummary>
          data-testid="enterprise-table"
          rowKey="uscc"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('list.empty') }}
          scroll={{ x: 1180 }}
          columns={[
            {
              title: t('ent.name'),
              dataIndex: 'name',
              render: (name: string, row) => (
                <Link to={`/enterprises/${row.uscc}`} className="ent-name-link">
                  {name}
                </Link>
              ),
            },
            { title: t('ent.uscc'), dataIndex: 'uscc', width: 180, render: (uscc: string) => <span className="mono">{uscc}</span> },
            { title: t('ent.region'), dataIndex: 'regionName', width: 190 },
            {
              title: t('ent.industry'),
              dataIndex: 'industryName',
              width: 220,
              render: (name: string, row) => (
                <>
                  <Typography.Text type="secondary" className="mono">
                    {row.industryCode}
                  </Typography.Text>{' '}
                  {name}
                </>
              ),
            },
            { title: t('ent.size'), dataIndex: 'size', width: 80, render: (size: Size | null) => <SizeLabel size={size} /> },
            { title: t('ent.tags'), dataIndex: 'tags', width: 280, render: (tags: EnterpriseTag[]) => <EnterpriseTags tags={tags} /> },
          ]}
        />
        <CursorPager
          pages={pages}
          nextCursor={list.data?.nextCursor}
          total={list.data?.total}
          totalLabel={list.data?.total !== undefined ? t('common.totalEnterprises', { n: list.data.total }) : undefined}
          isFetching={list.isFetching}
        />
      </Card>
      <EnterpriseCreateModal
        open={isCreating}
        regionScope={scope}
        onClose={() => setCreating(false)}
        onCreated={(uscc) => {
          setCreating(false);
          navigate(`/enterprises/${uscc}`);
        }}
      />
    </div>
  );
}
