import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Checkbox, Input, Popconfirm, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { OfferView } from '../../contracts/matching';
import { CursorPager } from '../components/CursorPager';
import { MatchNav } from '../components/MatchNav';
import { OfferFormModal } from '../components/OfferFormModal';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { useT } from '../i18n';
import { errorMessage } from '../lib/problem';
import { useCursorPages } from '../lib/useCursorPages';
import { useUrlParams } from '../lib/useUrlParams';
import { useCurrentUser } from '../queries/auth';
import { useDeleteOffer, useOfferList } from '../queries/matching';

const PAGE_SIZE = 20;

/** 供给能力: offers listed by enterprises; members post and delete their own. */
export function OfferListPage() {
  const t = useT();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const { params, setParam } = useUrlParams();
  const filters = useMemo(() => ({ q: params.get('q') || undefined, mine: params.get('mine') === 'true' ? ('true' as const) : undefined }), [params]);
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useOfferList(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  const remove = useDeleteOffer();
  const [isCreating, setCreating] = useState(false);
  const canPost = user.role !== 'expert' && (user.role !== 'member' || Boolean(user.org?.uscc));
  const isOwn = (offer: OfferView) => user.role !== 'member' || user.org?.uscc === offer.uscc;

  return (
    <div data-testid="offer-list-page">
      <MatchNav />
      <PageHeader
        title={t('matching.offers.title')}
        subTitle={t('matching.offers.subtitle')}
        extra={
          canPost && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="offer-create-button">
              {t('matching.offers.create')}
            </Button>
          )
        }
      />
      <Card className="filter-card" size="small">
        <div className="filter-bar">
          <Input.Search key={filters.q ?? ''} allowClear defaultValue={filters.q} onSearch={(v) => setParam('q', v.trim() || undefined)} placeholder={t('matching.filter.q')} enterButton style={{ width: 260 }} />
          {user.role === 'member' && (
            <Checkbox checked={filters.mine === 'true'} onChange={(e) => setParam('mine', e.target.checked ? 'true' : undefined)} data-testid="offers-mine">
              {t('matching.offers.mine')}
            </Checkbox>
          )}
        </div>
      </Card>
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<OfferView>
          data-testid="offer-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('matching.offers.empty') }}
          scroll={{ x: 1100 }}
          columns={[
            { title: t('matching.offers.field.title'), dataIndex: 'title', width: 220 },
            { title: t('matching.offers.field.enterprise'), dataIndex: 'enterpriseName', width: 220 },
            { title: t('matching.offers.field.products'), dataIndex: 'products', width: 260, render: (products: string[]) => products.map((p) => <Tag key={p}>{p}</Tag>) },
            { title: t('matching.offers.field.description'), dataIndex: 'description', render: (d: string) => <Typography.Text ellipsis={{ tooltip: d }}>{d}</Typography.Text> },
            { title: t('matching.offers.field.capacity'), dataIndex: 'capacity', width: 120, render: (c: string) => c || '—' },
            { title: t('matching.offers.field.leadTime'), dataIndex: 'leadTimeDays', width: 110, render: (n: number | null) => (n === null ? '—' : t('matching.days', { n })) },
            {
              title: '',
              key: 'actions',
              width: 80,
              render: (_: unknown, row) =>
                isOwn(row) && (
                  <Popconfirm title={t('matching.offers.deleteConfirm')} onConfirm={() => remove.mutate(row.id, { onSuccess: () => message.success(t('matching.offers.deleted')), onError: (err) => message.error(errorMessage(err, t)) })}>
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('matching.offers.delete')} />
                  </Popconfirm>
                ),
            },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
      <OfferFormModal open={isCreating} onClose={() => setCreating(false)} />
    </div>
  );
}
