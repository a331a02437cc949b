import { Card, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { NeedKind, NeedView } from '../../contracts/matching';
import { CursorPager } from '../components/CursorPager';
import { MatchNav } from '../components/MatchNav';
import { NeedActions } from '../components/NeedActions';
import { NeedKindTag } from '../components/NeedStatusTag';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { useLang, useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useCursorPages } from '../lib/useCursorPages';
import { useCurrentUser } from '../queries/auth';
import { useNeedList } from '../queries/matching';

const PAGE_SIZE = 20;

/** 需求审核: needs submitted in the gov user's region, approved (published) or returned with a comment here. */
export function NeedReviewPage() {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const pages = useCursorPages('review');
  const list = useNeedList({ status: 'submitted' }, { cursor: pages.cursor, limit: PAGE_SIZE });
  return (
    <div data-testid="need-review-page">
      <MatchNav />
      <PageHeader title={t('matching.review.title')} subTitle={t('matching.review.subtitle')} />
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<NeedView>
          data-testid="review-table"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('matching.review.empty') }}
          expandable={{ expandedRowRender: (row) => <Typography.Paragraph style={{ margin: 0 }}>{row.description}</Typography.Paragraph> }}
          scroll={{ x: 1000 }}
          columns={[
            { title: t('matching.field.title'), dataIndex: 'title', render: (title: string, row) => <Link to={`/matching/needs/${row.id}`}>{title}</Link> },
            { title: t('matching.field.kind'), dataIndex: 'kind', width: 90, render: (kind: NeedKind) => <NeedKindTag kind={kind} /> },
            { title: t('matching.field.enterprise'), dataIndex: 'enterpriseName', width: 240 },
            { title: t('matching.field.products'), dataIndex: 'products', width: 220, render: (products: string[]) => products.map((p) => <Tag key={p}>{p}</Tag>) },
            { title: t('matching.field.updatedAt'), dataIndex: 'updatedAt', width: 160, render: (at: string) => formatDateTime(lang, at) },
            { title: '', key: 'actions', width: 200, render: (_: unknown, row) => <NeedActions user={user} need={row} /> },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
    </div>
  );
}
