import { Card, Collapse, Empty, Progress, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { MatchNav } from '../components/MatchNav';
import { MatchReasons } from '../components/MatchReasons';
import { NeedKindTag } from '../components/NeedStatusTag';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { SupplierInbox } from '../components/SupplierInbox';
import { useT } from '../i18n';
import { useCurrentUser } from '../queries/auth';
import { useMatchedNeeds } from '../queries/matching';

/** 可能适合您的需求: published needs ranked for the member's enterprise, each with why. */
export function MatchingFeedPage() {
  const t = useT();
  const user = useCurrentUser();
  const uscc = user.org?.uscc;
  const feed = useMatchedNeeds(uscc);
  return (
    <div data-testid="matching-feed-page">
      <MatchNav />
      <PageHeader title={t('matching.feed.title')} subTitle={t('matching.feed.subtitle')} />
      {uscc && <SupplierInbox />}
      <Card>
        {!uscc ? <Empty description={t('matching.feed.noOrg')} /> : null}
        {feed.error ? <ProblemAlert error={feed.error} /> : null}
        {feed.isLoading && <Card loading bordered={false} />}
        {feed.data && feed.data.items.length === 0 && <Empty description={t('matching.feed.empty')} />}
        {feed.data && feed.data.items.length > 0 && (
          <Collapse
            data-testid="feed-list"
            items={feed.data.items.map((n) => ({
              key: n.id,
              label: (
                <div data-testid="feed-item" style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
                  <NeedKindTag kind={n.kind} />
                  <Link to={`/matching/needs/${n.id}`} onClick={(e) => e.stopPropagation()}>
                    {n.title}
                  </Link>
                  <Typography.Text type="secondary">{n.enterpriseName}</Typography.Text>
                  {n.deadline && <Tag>{`${t('matching.field.deadline')} ${n.deadline}`}</Tag>}
                  <Space style={{ marginLeft: 'auto' }}>
                    <Typography.Text type="secondary">{t('matching.match.score')}</Typography.Text>
                    <Progress type="circle" size={36} percent={Math.round(n.score * 100)} format={(p) => `${p}%`} />
                  </Space>
                </div>
              ),
              children: (
                <div>
                  <Typography.Title level={5} style={{ marginTop: 0 }}>
                    {t('matching.detail.why')}
                  </Typography.Title>
                  <MatchReasons reasons={n.reasons} />
                </div>
              ),
            }))}
          />
        )}
      </Card>
    </div>
  );
}
