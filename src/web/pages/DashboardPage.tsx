import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import './workbench-print.css';
import { Button, Card, Col, Row, Segmented, Select, Space, Statistic, Table, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { DashboardFigure, DashboardRegionRow } from '../../contracts/workbench';
import { DashboardChart, type ChartOption } from '../components/DashboardChart';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { RegionCascader } from '../components/RegionCascader';
import { useLang, useT, type MessageKey } from '../i18n';
import { regionScope } from '../lib/access';
import { formatDateTime, formatNumber } from '../lib/format';
import { useUrlParams } from '../lib/useUrlParams';
import { useCurrentUser } from '../queries/auth';
import { useChainList } from '../queries/chains';
import { dashboardExportUrl, useDashboard, useGeoRegions, useRegionGeo } from '../queries/workbench';

const RegionMap = lazy(() => import('../components/RegionMap'));

/** The per-region figures the map can shade. */
const MAP_FIGURES = [
  { key: 'enterprises', labelKey: 'workbench.dash.col.enterprises' },
  { key: 'specialized', labelKey: 'workbench.dash.col.specialized' },
  { key: 'needsPublished', labelKey: 'workbench.dash.col.needs' },
  { key: 'riskEvents', labelKey: 'workbench.dash.col.risk' },
] as const satisfies readonly { key: keyof DashboardRegionRow; labelKey: MessageKey }[];
type MapFigure = (typeof MAP_FIGURES)[number]['key'];

const GROUPS: { key: string; labelKey: MessageKey }[] = [
  { key: 'enterprises', labelKey: 'workbench.dash.group.enterprises' },
  { key: 'tiers', labelKey: 'workbench.dash.group.tiers' },
  { key: 'chains', labelKey: 'workbench.dash.group.chains' },
  { key: 'needs', labelKey: 'workbench.dash.group.needs' },
  { key: 'deals', labelKey: 'workbench.dash.group.deals' },
  { key: 'innovation', labelKey: 'workbench.dash.group.innovation' },
  { key: 'capital', labelKey: 'workbench.dash.group.capital' },
  { key: 'digital', labelKey: 'workbench.dash.group.digital' },
  { key: 'capacity', labelKey: 'workbench.dash.group.capacity' },
  { key: 'risk', labelKey: 'workbench.dash.group.risk' },
  { key: 'tasks', labelKey: 'workbench.dash.group.tasks' },
];

const SIZE_COLOURS = ['#1d39c4', '#2f54eb', '#597ef7', '#adc6ff'];

/** 数据驾驶舱: a region's (and chain's) figures, each opening its list; charts; subregions to drill into; Excel; print. */
export function DashboardPage() {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { params, setParam } = useUrlParams();
  const filters = useMemo(() => ({ region: params.get('region') || undefined, chain: params.get('chain') || undefined }), [params]);
  const dashboard = useDashboard(filters);
  const chains = useChainList({ region: filters.region ?? (regionScope(user) === '000000' ? undefined : regionScope(user) ?? undefined) }, { limit: 100 });
  const view = dashboard.data;
  const [mapFigure, setMapFigure] = useState<MapFigure>('enterprises');
  const geoRegions = useGeoRegions();
  const hasMap = (code: string) => geoRegions.data?.items.includes(code) ?? false;
  const geo = useRegionGeo(view && hasMap(view.regionCode) ? view.regionCode : undefined);
  const mapData = useMemo(() => (view?.regions ?? []).map((r) => ({ code: r.regionCode, name: r.regionName, value: r[mapFigure] })), [view, mapFigure]);
  /** Drill down: into the region's map when one is bundled, else to its enterprise list. */
  const pickRegion = (code: string) => (hasMap(code) ? setParam('region', code) : void navigate(`/enterprises?region=${code}`));
  const mapFigureLabel = t(MAP_FIGURES.find((f) => f.key === mapFigure)!.labelKey);
  const label = (f: DashboardFigure) => (lang === 'zh' ? f.labelZh : f.labelEn);
  /** Money in 万元, rates in % ("—" without data), counts as they are. */
  const figureValue = (f: DashboardFigure) => {
    if (f.unit === 'fen') return { value: formatNumber(lang, f.value / 1_000_000, 2), suffix: t('workbench.dash.unit.tenThousandYuan') };
    if (f.unit === 'percent') return f.basis === 0 ? { value: '—' } : { value: formatNumber(lang, f.value, 1), suffix: '%' };
    return { value: f.value };
  };

  const charts = useMemo(() => {
    if (!view) return undefined;
    const sizes = view.figures.filter((f) => f.key.startsWith('size.'));
    const tiers = view.figures.filter((f) => f.group === 'tiers');
    const top = [...view.regions].sort((a, b) => b.enterprises - a.enterprises).slice(0, 20);
    const size: ChartOption = {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      color: SIZE_COLOURS,
      series: [{ type: 'pie', radius: ['40%', '70%'], data: sizes.map((f) => ({ name: label(f), value: f.value })), label: { formatter: '{b}\n{c}' } }],
    };
    const tier: ChartOption = {
      tooltip: {},
      grid: { left: 120, right: 30, top: 10, bottom: 20 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: tiers.map(label), inverse: true },
      series: [{ type: 'bar', data: tiers.map((f) => f.value), itemStyle: { color: '#13a8a8' }, label: { show: true, position: 'right' } }],
    };
    const regions: ChartOption = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: top.map((r) => r.regionName), axisLabel: { rotate: top.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value' },
      series: [
        { name: t('workbench.dash.col.enterprises'), type: 'bar', data: top.map((r) => r.enterprises), itemStyle: { color: '#2f54eb' } },
        { name: t('workbench.dash.col.specialized'), type: 'bar', data: top.map((r) => r.specialized), itemStyle: { color: '#13a8a8' } },
        { name: t('workbench.dash.col.needs'), type: 'bar', data: top.map((r) => r.needsPublished), itemStyle: { color: '#fa8c16' } },
      ],
    };
    return { size, tier, regions, top, sizes, tiers };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view, lang]);

  return (
    <div data-testid="dashboard-page" className="printable">
      <PageHeader
        title={view ? `${t('workbench.menuDashboard')} · ${view.regionName}${view.chainName ? ` · ${view.chainName}` : ''}` : t('workbench.menuDashboard')}
        subTitle={view ? t('workbench.dash.generatedAt', { at: formatDateTime(lang, view.generatedAt) }) : undefined}
        extra={
          <Space wrap className="no-print">
            <RegionCascader scope={regionScope(user)} value={filters.region} onChange={(value) => setParam('region', value)} placeholder={t('workbench.dash.region')} style={{ width: 240 }} data-testid="dashboard-region" />
            <Select
              allowClear
              value={filters.chain}
              onChange={(value) => setParam('chain', value)}
              placeholder={t('workbench.dash.chain')}
              style={{ width: 220 }}
              data-testid="dashboard-chain"
              options={(chains.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.regionName}）` }))}
            />
            <Button icon={<DownloadOutlined />} href={dashboardExportUrl(filters)} data-testid="dashboard-export">
              {t('list.export')}
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('workbench.detail.print')}
            </Button>
          </Space>
        }
      />
      {dashboard.error ? <ProblemAlert error={dashboard.error} /> : null}
      {!view ? (
        <Card loading />
      ) : (
        <>
          {GROUPS.map((group) => {
            const figures = view.figures.filter((f) => f.group === group.key);
            if (figures.length === 0) return null;
            return (
              <Card key={group.key} size="small" title={t(group.labelKey)} style={{ marginBottom: 12 }}>
                <Row gutter={[12, 12]}>
                  {figures.map((f) => (
                    <Col key={f.key} xs={12} md={8} xl={4}>
                      <Link to={f.link} data-testid={`figure-${f.key}`} className="dashboard-figure">
                        <Statistic title={label(f)} {...figureValue(f)} />
                      </Link>
                    </Col>
                  ))}
                </Row>
              </Card>
            );
          })}
          {charts && (
            <Row gutter={12}>
              <Col xs={24} xl={8}>
                <Card size="small" title={t('workbench.dash.chart.sizes')} style={{ marginBottom: 12 }}>
                  <DashboardChart option={charts.size} data-testid="chart-sizes" onPick={(i) => charts.sizes[i] && void navigate(charts.sizes[i].link)} />
                </Card>
              </Col>
              <Col xs={24} xl={16}>
                <Card size="small" title={t('workbench.dash.chart.tiers')} style={{ marginBottom: 12 }}>
                  <DashboardChart option={charts.tier} data-testid="chart-tiers" onPick={(i) => charts.tiers[i] && void navigate(charts.tiers[i].link)} />
                </Card>
              </Col>
              {charts.top.length > 0 && (
                <Col span={24}>
                  <Card size="small" title={t('workbench.dash.chart.regions')} extra={<span className="muted">{t('workbench.dash.chart.regionsHint')}</span>} style={{ marginBottom: 12 }}>
                    <DashboardChart option={charts.regions} height={320} data-testid="chart-regions" onPick={(i) => charts.top[i] && void navigate(charts.top[i].link)} />
                  </Card>
                </Col>
              )}
            </Row>
          )}
          {view.regions.length > 0 && (
            <Card
              size="small"
              title={t('workbench.dash.map.title')}
              style={{ marginBottom: 12 }}
              data-testid="dashboard-map"
              extra={
                <Segmented<MapFigure>
                  size="small"
                  className="no-print"
                  aria-label={t('workbench.dash.map.figure')}
                  value={mapFigure}
                  onChange={setMapFigure}
                  options={MAP_FIGURES.map((f) => ({ value: f.key, label: t(f.labelKey) }))}
                  data-testid="dashboard-map-figure"
                />
              }
            >
              {geo.data ? (
                <Suspense fallback={<Card loading bordered={false} />}>
                  <RegionMap mapCode={view.regionCode} geoJson={geo.data} data={mapData} figureName={mapFigureLabel} onPick={pickRegion} />
                </Suspense>
              ) : geoRegions.data && !hasMap(view.regionCode) ? (
                <Typography.Text type="secondary">{t('workbench.dash.map.none')}</Typography.Text>
              ) : (
                <Card loading bordered={false} />
              )}
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {t('workbench.dash.map.hint')}
              </Typography.Paragraph>
            </Card>
          )}
          {view.regions.length > 0 && (
            <Card size="small" title={t('workbench.dash.subregions')}>
              <Table<DashboardRegionRow>
                data-testid="dashboard-regions"
                rowKey="regionCode"
                size="small"
                pagination={false}
                dataSource={view.regions}
                columns={[
                  { title: t('workbench.col.region'), dataIndex: 'regionName', render: (name: string, row) => <Link to={row.link}>{name}</Link> },
                  { title: t('workbench.dash.col.enterprises'), dataIndex: 'enterprises', align: 'right', sorter: (a, b) => a.enterprises - b.enterprises },
                  { title: t('workbench.dash.col.specialized'), dataIndex: 'specialized', align: 'right', sorter: (a, b) => a.specialized - b.specialized },
                  { title: t('workbench.dash.col.needs'), dataIndex: 'needsPublished', align: 'right', sorter: (a, b) => a.needsPublished - b.needsPublished },
                  { title: t('workbench.dash.col.risk'), dataIndex: 'riskEvents', align: 'right', sorter: (a, b) => a.riskEvents - b.riskEvents },
                ]}
              />
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {t('workbench.dash.mapNote')}
              </Typography.Paragraph>
            </Card>
          )}
        </>
      )}
    </div>
  );
}
