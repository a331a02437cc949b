import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { DECLINE_REASONS, MATCH_STAGES, type DealView, type MatchStage, type MatchView, type RfqView } from '../../contracts/deals';
import { CursorPager } from '../components/CursorPager';
import { MatchActions } from '../components/MatchActions';
import { MatchNav } from '../components/MatchNav';
import { MatchStageTag, RfqStatusTag, Yuan } from '../components/MatchStageTag';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { useLang, useT } from '../i18n';
import { formatDateTime, formatNumber } from '../lib/format';
import { useCursorPages } from '../lib/useCursorPages';
import { useUrlParams } from '../lib/useUrlParams';
import { dealsExportUrl, matchesExportUrl, useDealList, useDealStats, useMatchList, useRfqList } from '../queries/deals';

const PAGE_SIZE = 20;

/** Counts by stage, deals and their amount, decline reasons: the region's for gov users, the enterprise's own for members. */
function StatsPanel() {
  const t = useT();
  const lang = useLang();
  const stats = useDealStats();
  if (stats.error) return <ProblemAlert error={stats.error} />;
  const s = stats.data;
  const reasons = s ? DECLINE_REASONS.filter((r) => s.declineReasons[r] > 0) : [];
  return (
    <Card title={t('deals.stats.title')} loading={stats.isLoading} style={{ marginBottom: 16 }} data-testid="deal-stats">
      {s && (
        <>
          <Row gutter={[16, 16]}>
            {MATCH_STAGES.map((stage) => (
              <Col xs={12} md={6} xl={3} key={stage}>
                <Statistic title={t(`deals.stage.${stage}`)} value={s.byStage[stage]} valueStyle={{ fontSize: 22 }} />
              </Col>
            ))}
            <Col xs={12} md={6} xl={4}>
              <Statistic title={t('deals.stats.deals')} value={s.dealCount} valueStyle={{ fontSize: 22, color: '#389e0d' }} />
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Statistic title={t('deals.stats.amount')} value={formatNumber(lang, s.dealAmountFen / 1_000_000, 2)} valueStyle={{ fontSize: 22, color: '#389e0d' }} data-testid="deal-stats-amount" />
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Statistic title={t('deals.stats.rfqs')} value={s.rfqCount} valueStyle={{ fontSize: 22 }} />
            </Col>
          </Row>
          {reasons.length > 0 && (
            <Space wrap style={{ marginTop: 12 }}>
              <Typography.Text type="secondary">{t('deals.stats.reasons')}：</Typography.Text>
              {reasons.map((r) => (
                <Tag key={r}>
                  {t(`deals.reason.${r}`)} {s.declineReasons[r]}
                </Tag>
              ))}
            </Space>
          )}
        </>
      )}
    </Card>
  );
}

function MatchesTab() {
  const t = useT();
  const lang = useLang();
  const { params, setParam } = useUrlParams();
  const stage = (params.get('stage') as MatchStage | null) ?? undefined;
  const pages = useCursorPages(`matches-${stage ?? ''}`);
  const list = useMatchList({ stage }, { cursor: pages.cursor, limit: PAGE_SIZE });
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select<MatchStage>
          allowClear
          style={{ width: 160 }}
          placeholder={t('deals.field.stage')}
          value={stage}
          onChange={(v) => setParam('stage', v)}
          options={MATCH_STAGES.map((s) => ({ value: s, label: t(`deals.stage.${s}`) }))}
          data-testid="matches-stage-filter"
        />
        <Button icon={<DownloadOutlined />} href={matchesExportUrl({ stage })}>
          {t('deals.export')}
        </Button>
      </Space>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      <Table<MatchView>
        rowKey="id"
        data-testid="matches-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('deals.matches.empty') }}
        scroll={{ x: 1100 }}
        columns={[
          { title: t('deals.field.need'), dataIndex: 'needTitle', render: (title: string, m) => <Link to={`/matching/needs/${m.needId}`}>{title}</Link> },
          { title: t('deals.field.buyer'), dataIndex: 'buyerName', width: 220 },
          { title: t('deals.field.supplier'), dataIndex: 'supplierName', width: 220 },
          { title: t('deals.field.stage'), dataIndex: 'stage', width: 90, render: (s: MatchStage) => <MatchStageTag stage={s} /> },
          {
            title: t('deals.field.amount'),
            key: 'result',
            width: 150,
            render: (_: unknown, m) => (m.deal ? <Yuan fen={m.deal.amountFen} /> : m.declineReason ? <Typography.Text type="secondary">{t(`deals.reason.${m.declineReason}`)}</Typography.Text> : '—'),
          },
          { title: t('deals.field.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (at: string) => formatDateTime(lang, at) },
          { title: '', key: 'actions', width: 190, render: (_: unknown, m) => <MatchActions match={m} /> },
        ]}
      />
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
    </>
  );
}

function DealsTab() {
  const t = useT();
  const pages = useCursorPages('deals');
  const list = useDealList({ cursor: pages.cursor, limit: PAGE_SIZE });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} href={dealsExportUrl()} data-testid="deals-export">
          {t('deals.export')}
        </Button>
      </Space>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      <Table<DealView>
        rowKey="id"
        data-testid="deals-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('deals.deals.empty') }}
        scroll={{ x: 1000 }}
        columns={[
          { title: t('deals.field.need'), dataIndex: 'needTitle', render: (title: string, d) => <Link to={`/matching/needs/${d.needId}`}>{title}</Link> },
          { title: t('deals.field.buyer'), dataIndex: 'buyerName', width: 220 },
          { title: t('deals.field.supplier'), dataIndex: 'supplierName', width: 220 },
          { title: t('deals.field.amount'), dataIndex: 'amountFen', width: 160, align: 'right', render: (fen: number) => <Yuan fen={fen} /> },
          { title: t('deals.field.signedOn'), dataIndex: 'signedOn', width: 110 },
          { title: t('deals.field.source'), key: 'source', width: 100, render: (_: unknown, d) => (d.rfqId ? <Link to={`/matching/rfqs/${d.rfqId}`}>{t('deals.source.rfq')}</Link> : t('deals.source.match')) },
        ]}
      />
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
    </>
  );
}

function RfqsTab() {
  const t = useT();
  const lang = useLang();
  const pages = useCursorPages('rfqs');
  const list = useRfqList({}, { cursor: pages.cursor, limit: PAGE_SIZE });
  return (
    <>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      <Table<RfqView>
        rowKey="id"
        data-testid="rfqs-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('deals.rfq.empty') }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('deals.rfq.fieldTitle'), dataIndex: 'title', render: (title: string, r) => <Link to={`/matching/rfqs/${r.id}`}>{title}</Link> },
          { title: t('deals.rfq.buyer'), dataIndex: 'buyerName', width: 220 },
          { title: '', key: 'status', width: 90, render: (_: unknown, r) => <RfqStatusTag rfq={r} /> },
          { title: t('deals.rfq.deadline'), dataIndex: 'deadlineAt', width: 150, render: (at: string) => formatDateTime(lang, at) },
          { title: t('deals.field.side'), dataIndex: 'side', width: 100, render: (side: RfqView['side']) => t(`deals.side.${side}`) },
        ]}
      />
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
    </>
  );
}

/** 对接跟踪: figures of the caller's scope, its matches with their actions, deals and RFQs, each exportable. */
export function DealsPage() {
  const t = useT();
  const { params, setParam } = useUrlParams();
  return (
    <div data-testid="deals-page">
      <MatchNav />
      <PageHeader title={t('deals.page.title')} subTitle={t('deals.page.subtitle')} />
      <StatsPanel />
      <Card className="table-card">
        <Tabs
          activeKey={params.get('tab') ?? 'matches'}
          onChange={(tab) => setParam('tab', tab)}
          items={[
            { key: 'matches', label: <span data-testid="deals-tab-matches">{t('deals.tab.matches')}</span>, children: <MatchesTab /> },
            { key: 'deals', label: <span data-testid="deals-tab-deals">{t('deals.tab.deals')}</span>, children: <DealsTab /> },
            { key: 'rfqs', label: <span data-testid="deals-tab-rfqs">{t('deals.tab.rfqs')}</span>, children: <RfqsTab /> },
          ]}
        />
      </Card>
    </div>
  );
}
