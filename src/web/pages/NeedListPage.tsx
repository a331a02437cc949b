import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, Select, Space, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { NEED_KINDS, NEED_STATUSES, type NeedKind, type NeedStatus, type NeedView } from '../../contracts/matching';
import { CursorPager } from '../components/CursorPager';
import { MatchNav } from '../components/MatchNav';
import { NeedKindTag, NeedStatusTag } from '../components/NeedStatusTag';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { RegionCascader } from '../components/RegionCascader';
import { useLang, useT } from '../i18n';
import { regionScope } from '../lib/access';
import { formatDateTime } from '../lib/format';
import { useCursorPages } from '../lib/useCursorPages';
import { useUrlParams } from '../lib/useUrlParams';
import { useCurrentUser } from '../queries/auth';
import { needsExportUrl, useNeedList, type NeedFilters } from '../queries/matching';

const PAGE_SIZE = 20;
const FILTER_KEYS = ['status', 'kind', 'region', 'q', 'mine'] as const;

function readFilters(params: URLSearchParams): NeedFilters {
  const status = params.get('status');
  const kind = params.get('kind');
  return {
    status: NEED_STATUSES.includes(status as NeedStatus) ? (status as NeedStatus) : undefined,
    kind: NEED_KINDS.includes(kind as NeedKind) ? (kind as NeedKind) : undefined,
    region: params.get('region') || undefined,
    q: params.get('q') || undefined,
    mine: params.get('mine') === 'true' ? 'true' : undefined,
  };
}

/** Budget range in 万元 from fen, or '—'. */
export function budgetText(t: ReturnType<typeof useT>, need: Pick<NeedView, 'budgetMinFen' | 'budgetMaxFen'>): string {
  if (need.budgetMinFen === null && need.budgetMaxFen === null) return '—';
  const wan = (fen: number | null) => (fen === null ? '…' : String(fen / 1_000_000));
  return t('matching.budget.range', { min: wan(need.budgetMinFen), max: wan(need.budgetMaxFen) });
}

/** 需求清单: needs the user may read, filtered in the URL, paged, exportable; posting starts here. */
export function NeedListPage() {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const { params, setParam, clearParams } = useUrlParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useNeedList(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  const canPost = user.role !== 'expert' && (user.role !== 'member' || Boolean(user.org?.uscc));
  const hasFilters = FILTER_KEYS.some((key) => params.has(key));

  return (
    <div data-testid="need-list-page">
      <MatchNav />
      <PageHeader
        title={t('matching.needs.title')}
        subTitle={t('matching.needs.subtitle')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} href={needsExportUrl(filters)} data-testid="needs-export">
              {t('matching.needs.export')}
            </Button>
            {canPost && (
              <Link to="/matching/needs/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="need-create-button">
                  {t('matching.needs.create')}
                </Button>
              </Link>
            )}
          </Space>
        }
      />
      <Card className="filter-card" size="small">
        <div className="filter-bar">
          <Select<NeedStatus>
            data-testid="filter-status"
            allowClear
            value={filters.status}
            onChange={(value) => setParam('status', value)}
            placeholder={t('matching.filter.status')}
            options={NEED_STATUSES.map((s) => ({ value: s, label: t(`matching.status.${s}`) }))}
            style={{ width: 130 }}
          />
          <Select<NeedKind>
            data-testid="filter-kind"
            allowClear
            value={filters.kind}
            onChange={(value) => setParam('kind', value)}
            placeholder={t('matching.filter.kind')}
            options={NEED_KINDS.map((k) => ({ value: k, label: t(`matching.kind.${k}`) }))}
            style={{ width: 120 }}
          />
          {user.role !== 'member' && (
            <RegionCascader scope={regionScope(user)} value={filters.region} onChange={(value) => setParam('region', value)} placeholder={t('matching.filter.region')} style={{ width: 220 }} />
          )}
          <Input.Search
            key={filters.q ?? ''}
            data-testid="filter-q"
            allowClear
            defaultValue={filters.q}
            onSearch={(value) => setParam('q', value.trim() || undefined)}
            placeholder={t('matching.filter.q')}
            enterButton
            style={{ width: 250 }}
          />
          {user.role === 'member' && (
            <Checkbox data-testid="filter-mine" checked={filters.mine === 'true'} onChange={(e) => setParam('mine', e.target.checked ? 'true' : undefined)}>
              {t('matching.filter.mine')}
            </Checkbox>
          )}
          {hasFilters && (
            <Button icon={<ReloadOutlined />} onClick={clearParams}>
              {t('common.reset')}
            </Button>
          )}
        </div>
      </Card>
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<NeedView>
          data-testid="need-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('matching.needs.empty') }}
          scroll={{ x: 1100 }}
          columns={[
            {
              title: t('matching.field.title'),
              dataIndex: 'title',
              render: (title: string, row) => (
                <Link to={`/matching/needs/${row.id}`} data-testid="need-link">
                  {title}
                </Link>
              ),
            },
            { title: t('matching.field.kind'), dataIndex: 'kind', width: 90, render: (kind: NeedKind) => <NeedKindTag kind={kind} /> },
            { title: t('matching.field.enterprise'), dataIndex: 'enterpriseName', width: 240 },
            {
              title: t('matching.field.products'),
              dataIndex: 'products',
              width: 240,
              render: (products: string[]) => <Typography.Text ellipsis={{ tooltip: products.join('、') }}>{products.join('、')}</Typography.Text>,
            },
            { title: t('matching.field.deadline'), dataIndex: 'deadline', width: 110, render: (d: string | null) => d ?? '—' },
            { title: t('matching.field.status'), dataIndex: 'status', width: 110, render: (status: NeedStatus) => <NeedStatusTag status={status} /> },
            { title: t('matching.field.updatedAt'), dataIndex: 'updatedAt', width: 160, render: (at: string) => formatDateTime(lang, at) },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
    </div>
  );
}
