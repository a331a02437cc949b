import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Space, Statistic, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { DigitalStats, DigitalStatsEnterprise, GradientTier } from '../../../contracts/assessment';
import { CursorPager } from '../../components/CursorPager';
import { DashboardChart, type ChartOption } from '../../components/DashboardChart';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RegionCascader } from '../../components/RegionCascader';
import { useT, type MessageKey } from '../../i18n';
import { canManageEnterprises, regionScope } from '../../lib/access';
import { useCursorPages } from '../../lib/useCursorPages';
import { useUrlParams } from '../../lib/useUrlParams';
import { useCurrentUser } from '../../queries/auth';
import { digitalStatsExportUrl, useDigitalStats, useDigitalStatsEnterprises, type DigitalStatsFilter } from '../../queries/assessment';
import { ForbiddenPage } from '../StatusPages';

const LEVELS = [0, 1, 2, 3, 4];
const LEVEL_COLORS = ['#bfbfbf', '#91caff', '#4096ff', '#1677ff', '#003eb3'];
const TIERS: GradientTier[] = ['innovative', 'specialized', 'little_giant'];

type Cell = { count: number; byLevel: { level: number; count: number }[] };

/** A stacked bar chart of level counts per category. */
function stacked(categories: string[], cells: Cell[], levelName: (l: number) => string, horizontal = false): ChartOption {
  const category = { type: 'category', data: categories, axisLabel: { interval: 0, width: horizontal ? 110 : 80, overflow: 'truncate' } };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: horizontal ? 120 : 40, right: 16, top: 32, bottom: 28 },
    xAxis: horizontal ? { type: 'value', minInterval: 1 } : category,
    yAxis: horizontal ? { ...category, inverse: true } : { type: 'value', minInterval: 1 },
    series: LEVELS.map((l) => ({ name: levelName(l), type: 'bar', stack: 'level', color: LEVEL_COLORS[l], data: cells.map((c) => c.byLevel.find((b) => b.level === l)?.count ?? 0) })),
  };
}

/** 区域数字化水平统计 (gov): level distribution, by sub-region / industry / tier, trend; drill down to the enterprises; export. */
export function DigitalStatsPage() {
  const user = useCurrentUser();
  return canManageEnterprises(user) ? <StatsView /> : <ForbiddenPage />;
}

function StatsView() {
  const t = useT();
  const user = useCurrentUser();
  const { params, setParam } = useUrlParams();
  const filter: DigitalStatsFilter = {
    region: params.get('region') ?? user.regionCode ?? undefined,
    level: params.get('level') ?? undefined,
    industry: params.get('industry') ?? undefined,
    tier: params.get('tier') ?? undefined,
  };
  const stats = useDigitalStats(filter.region);
  const pages = useCursorPages(JSON.stringify(filter));
  const list = useDigitalStatsEnterprises(filter, pages.cursor);
  const levelName = (l: number) => t(`as.st.level${l}` as MessageKey);
  const data = stats.data;
  const charts = useMemo(() => (data ? chartsOf(data, levelName, (k) => t(`as.tier.${k}` as MessageKey)) : null), [data, t]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div data-testid="digital-stats-page">
      <PageHeader
        title={t('as.st.title')}
        subTitle={t('as.st.subtitle')}
        extra={<Button icon={<DownloadOutlined />} href={digitalStatsExportUrl(filter)} data-testid="digital-stats-export">{t('as.st.export')}</Button>}
      />
      <Card size="small" className="filter-card">
        <Space wrap>
          <span>{t('as.sc.region')}</span>
          <RegionCascader data-testid="digital-stats-region" scope={regionScope(user)} value={filter.region} onChange={(v) => setParam('region', v)} style={{ width: 240 }} />
          {filter.level !== undefined ? <Tag closable onClose={() => setParam('level', undefined)} data-testid="filter-level">{t('as.dg.level')}：{levelName(Number(filter.level))}</Tag> : null}
          {filter.industry ? <Tag closable onClose={() => setParam('industry', undefined)} data-testid="filter-industry">{t('as.st.industry')}：{data?.byIndustry.find((i) => i.industryCode === filter.industry)?.name ?? filter.industry}</Tag> : null}
          {filter.tier ? <Tag closable onClose={() => setParam('tier', undefined)} data-testid="filter-tier">{t(`as.tier.${filter.tier}` as MessageKey)}</Tag> : null}
          <span className="muted">{t('as.st.hint')}</span>
        </Space>
      </Card>
      {stats.error ? <ProblemAlert error={stats.error} /> : null}
      {data && data.enterprises === 0 ? <Empty description={t('as.st.none')} style={{ marginTop: 48 }} /> : null}
      {data && charts && data.enterprises > 0 ? (
        <>
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('as.st.enterprises')} value={data.enterprises} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('as.st.average')} value={data.averageScore ?? '—'} /></Card></Col>
            {data.dimensions.map((d) => (
              <Col key={d.key} xs={8} md={4}><Card size="small"><Statistic title={d.name} value={d.averagePercent ?? '—'} suffix="%" /></Card></Col>
            ))}
          </Row>
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} xl={8}>
              <Card size="small" title={t('as.st.byLevel')}>
                <DashboardChart data-testid="chart-levels" option={charts.levels} onPick={(i) => setParam('level', String(data.byLevel[i].level))} />
              </Card>
            </Col>
            <Col xs={24} xl={16}>
              <Card size="small" title={t('as.st.byRegion')}>
                {data.byRegion.length > 0
                  ? <DashboardChart data-testid="chart-regions" option={charts.regions} onPick={(i) => setParam('region', data.byRegion[i].regionCode)} />
                  : <Empty description={t('as.st.noSubRegions')} />}
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title={t('as.st.byIndustry')}>
                <DashboardChart data-testid="chart-industries" option={charts.industries} onPick={(i) => setParam('industry', data.byIndustry[i].industryCode)} />
              </Card>
            </Col>
            <Col xs={24} xl={6}>
              <Card size="small" title={t('as.st.byTier')}>
                <DashboardChart data-testid="chart-tiers" option={charts.tiers} onPick={(i) => setParam('tier', TIERS[i])} />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card size="small" title={t('as.st.trend')}>
                <DashboardChart data-testid="chart-trend" option={charts.trend} />
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
      <Card className="table-card" style={{ marginTop: 16 }} title={t('as.st.list')}>
        <Table<DigitalStatsEnterprise>
          data-testid="digital-stats-list"
          rowKey="uscc"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('as.sc.name'), dataIndex: 'name', render: (name: string, r) => <Link to={`/assessment/digital/${r.uscc}`}>{name}</Link> },
            { title: t('as.sc.regionCol'), dataIndex: 'regionName', width: 220 },
            { title: t('as.st.industry'), dataIndex: 'industryCode', width: 90 },
            { title: t('as.dg.level'), dataIndex: 'levelName', width: 90 },
            { title: t('as.dg.score'), dataIndex: 'score', width: 80 },
            { title: t('as.st.tiers'), dataIndex: 'tiers', render: (tiers: GradientTier[]) => tiers.map((k) => <Tag key={k}>{t(`as.tier.${k}` as MessageKey)}</Tag>) },
            { title: t('as.dg.date'), dataIndex: 'submittedAt', width: 110, render: (d: string) => d.slice(0, 10) },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} total={list.data?.total} isFetching={list.isFetching} />
      </Card>
    </div>
  );
}

function chartsOf(data: DigitalStats, levelName: (l: number) => string, tierName: (k: GradientTier) => string) {
  const industries = data.byIndustry.slice(0, 10);
  return {
    levels: {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['40%', '70%'], data: data.byLevel.map((b) => ({ name: levelName(b.level), value: b.count, itemStyle: { color: LEVEL_COLORS[b.level] } })) }],
    } as ChartOption,
    regions: stacked(data.byRegion.map((r) => r.name), data.byRegion, levelName),
    industries: stacked(industries.map((i) => `${i.industryCode} ${i.name}`), industries, levelName, true),
    tiers: stacked(TIERS.map(tierName), data.byTier, levelName),
    trend: stacked(data.trend.map((q) => q.quarter), data.trend, levelName),
  };
}
