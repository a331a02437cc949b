import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Row, Space, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { MatchCandidates } from '../components/MatchCandidates';
import { MatchNav } from '../components/MatchNav';
import { NeedActions, canManageNeed } from '../components/NeedActions';
import { NeedFilesCard } from '../components/Attachments';
import { CandidateInvite, NeedDealsCard, useNeedDeals } from '../components/NeedDeals';
import { NeedKindTag, NeedStatusTag } from '../components/NeedStatusTag';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { tagKey, useLang, useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useCurrentUser } from '../queries/auth';
import { useNeed, useNeedHistory, useNeedMatches } from '../queries/matching';
import { budgetText } from './NeedListPage';

/** A need: its fields, workflow buttons, the ranked candidates with "为什么推荐", its history. */
export function NeedDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const need = useNeed(id);
  const history = useNeedHistory(id);
  const canSeeMatches = need.data ? canManageNeed(user, need.data) : false;
  const matches = useNeedMatches(id, canSeeMatches);
  const deals = useNeedDeals(need.data, canSeeMatches);

  if (need.error) return <ProblemAlert error={need.error} />;
  if (!need.data) return <Card loading />;
  const n = need.data;
  return (
    <div data-testid="need-detail-page">
      <MatchNav />
      <PageHeader
        title={
          <Space>
            <Link to="/matching" aria-label={t('matching.detail.back')}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="need-title">{n.title}</span>
            <NeedStatusTag status={n.status} />
          </Space>
        }
        subTitle={n.enterpriseName}
        extra={<NeedActions user={user} need={n} />}
      />
      {n.reviewComment && n.status === 'draft' && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('matching.detail.reviewComment')} description={n.reviewComment} data-testid="need-review-comment" />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={canSeeMatches ? 10 : 24}>
          <Card title={t('matching.detail.info')} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small" labelStyle={{ width: 130 }}>
              <Descriptions.Item label={t('matching.field.kind')}>
                <NeedKindTag kind={n.kind} />
              </Descriptions.Item>
              <Descriptions.Item label={t('matching.field.products')}>
                {n.products.length > 0 ? n.products.map((p) => <Tag key={p}>{p}</Tag>) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('matching.field.description')}>
                <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{n.description}</Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label={t('matching.field.quantity')}>{n.quantity || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('matching.field.budget')}>{budgetText(t, n)}</Descriptions.Item>
              <Descriptions.Item label={t('matching.field.region')}>{n.regionName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('matching.field.certifications')}>{n.requiredCertifications.join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('matching.field.level')}>{n.requiredLevel ? t(tagKey(n.requiredLevel)) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('matching.field.deadline')}>{n.deadline ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('matching.field.visibility')}>{t(`matching.visibility.${n.visibility}`)}</Descriptions.Item>
              <Descriptions.Item label={t('matching.field.publishedAt')}>{n.publishedAt ? formatDateTime(lang, n.publishedAt) : '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <NeedFilesCard needId={n.id} canChange={canSeeMatches && n.status !== 'closed' && n.status !== 'fulfilled'} />
          <Card title={t('matching.detail.history')} size="small">
            <Timeline
              items={(history.data?.items ?? []).map((e) => ({
                children: (
                  <span>
                    {formatDateTime(lang, e.at)} · {e.actor} · <Typography.Text code>{e.action}</Typography.Text>
                  </span>
                ),
              }))}
            />
          </Card>
        </Col>
        {canSeeMatches && (
          <Col xs={24} xl={14}>
            <NeedDealsCard need={n} candidates={matches.data?.items ?? []} deals={deals} canAct={canSeeMatches} />
            <Card title={t('matching.detail.candidates')}>
              <Typography.Paragraph type="secondary">{t('matching.detail.candidatesHint')}</Typography.Paragraph>
              {matches.error ? <ProblemAlert error={matches.error} /> : null}
              {matches.isLoading ? (
                <Card loading bordered={false} />
              ) : (
                <MatchCandidates
                  items={matches.data?.items ?? []}
                  canOpenEnterprise={user.role !== 'member'}
                  extra={(m) => <CandidateInvite need={n} candidate={m} match={deals.bySupplier.get(m.uscc)} canInvite={canSeeMatches} />}
                />
              )}
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
