import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, Select, Table } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { CHALLENGE_STATUSES, type ChallengeStatus, type ChallengeType, type ChallengeView } from '../../../contracts/innovation';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n';
import { useCursorPages } from '../../lib/useCursorPages';
import { useUrlParams } from '../../lib/useUrlParams';
import { useCurrentUser } from '../../queries/auth';
import { useChallengeList, type ChallengeFilters } from '../../queries/innovation';
import { ChallengeNav, ChallengeStatusTag, ChallengeTypeTag, wanText } from './InnovationTags';

const PAGE_SIZE = 20;

/** 揭榜挂帅 hall: every challenge, filtered in the URL; posting starts here. */
export function ChallengeListPage() {
  const t = useT();
  const user = useCurrentUser();
  const { params, setParam } = useUrlParams();
  const filters: ChallengeFilters = useMemo(() => {
    const status = params.get('status');
    return {
      status: CHALLENGE_STATUSES.includes(status as ChallengeStatus) ? (status as ChallengeStatus) : undefined,
      q: params.get('q') || undefined,
      mine: params.get('mine') === 'true' ? 'true' : undefined,
    };
  }, [params]);
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useChallengeList(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  const canPost = user.role === 'gov' || user.role === 'platform_admin' || (user.role === 'member' && Boolean(user.org?.uscc));

  return (
    <div data-testid="challenge-list-page">
      <ChallengeNav />
      <PageHeader
        title={t('innovation.challenges.title')}
        subTitle={t('innovation.challenges.subtitle')}
        extra={
          canPost ? (
            <Link to="/challenges/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="challenge-create-button">
                {t('innovation.challenges.create')}
              </Button>
            </Link>
          ) : null
        }
      />
      <Card className="filter-card" size="small">
        <div className="filter-bar">
          <Select<ChallengeStatus>
            data-testid="filter-status"
            allowClear
            value={filters.status}
            onChange={(value) => setParam('status', value)}
            placeholder={t('innovation.filter.status')}
            options={CHALLENGE_STATUSES.map((s) => ({ value: s, label: t(`innovation.status.${s}`) }))}
            style={{ width: 130 }}
          />
          <Input.Search key={filters.q ?? ''} allowClear defaultValue={filters.q} onSearch={(v) => setParam('q', v.trim() || undefined)} placeholder={t('innovation.filter.q')} enterButton style={{ width: 260 }} />
          {user.role === 'member' && (
            <Checkbox checked={filters.mine === 'true'} onChange={(e) => setParam('mine', e.target.checked ? 'true' : undefined)}>
              {t('innovation.filter.mine')}
            </Checkbox>
          )}
        </div>
      </Card>
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<ChallengeView>
          data-testid="challenge-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('innovation.challenges.empty') }}
          scroll={{ x: 1000 }}
          columns={[
            { title: t('innovation.field.title'), dataIndex: 'title', render: (title: string, row) => <Link to={`/challenges/${row.id}`} data-testid="challenge-link">{title}</Link> },
            { title: t('innovation.field.type'), dataIndex: 'type', width: 120, render: (type: ChallengeType) => <ChallengeTypeTag type={type} /> },
            { title: t('innovation.field.owner'), dataIndex: 'ownerName', width: 220 },
            { title: t('innovation.field.budget'), dataIndex: 'budgetFen', width: 120, render: (fen: number | null) => wanText(fen) },
            { title: t('innovation.field.deadline'), dataIndex: 'deadline', width: 110 },
            { title: t('innovation.field.applicants'), dataIndex: 'applicationCount', width: 90 },
            { title: t('innovation.field.status'), dataIndex: 'status', width: 100, render: (status: ChallengeStatus) => <ChallengeStatusTag status={status} /> },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
    </div>
  );
}
