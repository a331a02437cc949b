import { Card, Col, Empty, List, Row, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useLang, useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useMatchList, useRfqList } from '../queries/deals';
import { MatchActions } from './MatchActions';
import { MatchStageTag, RfqStatusTag, Yuan } from './MatchStageTag';
import { ProblemAlert } from './ProblemAlert';

/** The supplier side in its feed: invitations to talk (accept / decline / record a deal) and RFQs it is invited to quote on. */
export function SupplierInbox() {
  const t = useT();
  const lang = useLang();
  const matches = useMatchList({ side: 'supplier' }, { limit: 20 });
  const rfqs = useRfqList({ side: 'supplier' }, { limit: 20 });
  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <Card title={t('deals.feed.invitations')} style={{ marginBottom: 16 }} data-testid="supplier-invitations" extra={<Link to="/matching/deals">{t('deals.nav')}</Link>}>
          {matches.error ? <ProblemAlert error={matches.error} /> : null}
          <List
            loading={matches.isLoading}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deals.feed.invitationsEmpty')} /> }}
            dataSource={matches.data?.items ?? []}
            renderItem={(m) => (
              <List.Item data-testid="supplier-invitation" actions={[<MatchActions key="actions" match={m} />]}>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <MatchStageTag stage={m.stage} />
                      <Link to={`/matching/needs/${m.needId}`}>{m.needTitle}</Link>
                    </Space>
                  }
                  description={
                    <Space direction="vertical" size={0}>
                      <Typography.Text type="secondary">
                        {m.buyerName} · {formatDateTime(lang, m.createdAt)}
                      </Typography.Text>
                      {m.message && <Typography.Text>{m.message}</Typography.Text>}
                      {m.deal && (
                        <Typography.Text>
                          {t('deals.field.amount')}：<Yuan fen={m.deal.amountFen} /> · {m.deal.signedOn}
                        </Typography.Text>
                      )}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('deals.feed.rfqs')} style={{ marginBottom: 16 }} data-testid="supplier-rfqs">
          {rfqs.error ? <ProblemAlert error={rfqs.error} /> : null}
          <List
            loading={rfqs.isLoading}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deals.feed.rfqsEmpty')} /> }}
            dataSource={rfqs.data?.items ?? []}
            renderItem={(r) => (
              <List.Item data-testid="supplier-rfq" actions={[<Link key="open" to={`/matching/rfqs/${r.id}`}>{t('deals.rfq.open')}</Link>]}>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <RfqStatusTag rfq={r} />
                      <Link to={`/matching/rfqs/${r.id}`}>{r.title}</Link>
                    </Space>
                  }
                  description={`${r.buyerName} · ${t('deals.rfq.deadline')} ${formatDateTime(lang, r.deadlineAt)}${r.myQuote ? ` · ${t('deals.rfq.hasQuoted')}` : ''}`}
                />
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
