import { DownloadOutlined, ShareAltOutlined, ShoppingOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Drawer, Empty, InputNumber, Row, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router';
import { CAPACITY_ALERT_KINDS, VALUE_UNIT, type CapacityAlertKind, type CapacityEnterpriseRow, type CapacityMonitorView } from '../../contracts/capacity';
import { useLang, useT } from '../i18n';
import { formatNumber } from '../lib/format';
import { useCursorPages } from '../lib/useCursorPages';
import { useEChart } from '../lib/useEChart';
import { useUrlParams } from '../lib/useUrlParams';
import { capacityExportUrl, useCapacityEnterprises, useCapacityMonitor, useEnterpriseCapacity, type CapacityFilters } from '../queries/capacity';
import { CursorPager } from './CursorPager';
import { ProblemAlert } from './ProblemAlert';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const ALERT_COLOURS: Record<CapacityAlertKind, string> = { idle: 'orange', drop: 'red', missing: 'default' };
const PAGE_SIZE = 20;
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const wan = (lang: ReturnType<typeof useLang>, fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : formatNumber(lang, fen / 1_000_000, 1));
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Links from an idle SME to capacity sharing: shared resources of kind capacity, and the published capacity needs. */
export function CapacitySharingLinks() {
  const t = useT();
  return (
    <Space size={4}>
      <Link to="/resources?kind=capacity"><Button size="small" icon={<ShareAltOutlined />} data-testid="capacity-share-link">{t('capacity.share')}</Button></Link>
      <Link to="/matching?kind=capacity&status=published"><Button size="small" icon={<ShoppingOutlined />}>{t('capacity.needs')}</Button></Link>
    </Space>
  );
}

function AlertTags({ alerts }: { alerts: readonly CapacityAlertKind[] }) {
  const t = useT();
  return <>{alerts.map((a) => <Tag key={a} color={ALERT_COLOURS[a]}>{t(`capacity.alert.${a}`)}</Tag>)}</>;
}

/** Utilisation by segment (rows) and month (columns) as an ECharts heat map; a click drills into the segment. */
function CapacityHeatmap({ view, onPick }: { view: CapacityMonitorView; onPick: (segmentKey: string) => void }) {
  const { element, chart } = useEChart((params) => {
    const seg = view.segments[view.segments.length - 1 - Math.floor(params.dataIndex / view.months.length)];
    if (seg) onPick(seg.key);
  });
  useEffect(() => {
    const segments = [...view.segments].reverse();
    const data = segments.flatMap((s, y) => view.months.map((m, x) => [x, y, s.months.find((sm) => sm.month === m)?.utilisation ?? '-']));
    chart.current?.setOption({
      tooltip: { formatter: (p: { value: [number, number, number | string] }) => `${segments[p.value[1]].name} ${view.months[p.value[0]]}<br/>${typeof p.value[2] === 'number' ? pct(p.value[2]) : '—'}` },
      grid: { left: 120, right: 24, top: 10, bottom: 60 },
      xAxis: { type: 'category', data: view.months, splitArea: { show: true } },
      yAxis: { type: 'category', data: segments.map((s) => s.name), splitArea: { show: true } },
      visualMap: { min: 0.3, max: 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#d73027', '#fee08b', '#1a9850'] }, formatter: (v: number) => pct(v) },
      series: [{ type: 'heatmap', data, label: { show: view.months.length <= 12, formatter: (p: { value: [number, number, number | string] }) => (typeof p.value[2] === 'number' ? `${Math.round(p.value[2] * 100)}` : '') } }],
    }, true);
  }, [chart, view]);
  return <div ref={element} style={{ height: Math.max(200, view.segments.length * 36 + 80) }} data-testid="capacity-heatmap" />;
}

/** The months of one SME in a drawer (the monitoring's range). */
function SmeMonthsDrawer({ uscc, range, onClose }: { uscc: string | undefined; range: { from: string; to: string }; onClose: () => void }) {
  const t = useT();
  const lang = useLang();
  const months = useEnterpriseCapacity(uscc, range);
  return (
    <Drawer open={Boolean(uscc)} onClose={onClose} size="large" title={months.data ? t('capacity.months', { name: months.data.name }) : ''} data-testid="capacity-sme-drawer">
      {months.error ? <ProblemAlert error={months.error} /> : null}
      <MonthsTable rows={months.data?.months ?? []} isLoading={months.isLoading} lang={lang} />
    </Drawer>
  );
}

/** Months of one enterprise, newest first. */
export function MonthsTable({ rows, isLoading, lang }: { rows: NonNullable<ReturnType<typeof useEnterpriseCapacity>['data']>['months']; isLoading: boolean; lang: ReturnType<typeof useLang> }) {
  const t = useT();
  const amount = (v: number, unit: string) => (unit === VALUE_UNIT ? `${wan(lang, v)} 万元` : `${formatNumber(lang, v)} ${unit}`);
  return (
    <Table
      size="small"
      rowKey="month"
      loading={isLoading}
      pagination={false}
      dataSource={[...rows].reverse()}
      data-testid="capacity-months-table"
      columns={[
        { title: t('capacity.col.month'), dataIndex: 'month', width: 90 },
        { title: t('capacity.col.capacityRaw'), key: 'capacity', render: (_: unknown, r) => amount(r.capacity, r.unit) },
        { title: t('capacity.col.outputRaw'), key: 'output', render: (_: unknown, r) => amount(r.output, r.unit) },
        { title: t('capacity.col.utilisation'), dataIndex: 'utilisation', render: (v: number) => pct(v), width: 100 },
        { title: t('capacity.col.orders'), dataIndex: 'ordersOnHandFen', render: (v: number | null) => wan(lang, v) },
        { title: t('capacity.col.employees'), dataIndex: 'employees', render: (v: number | null) => formatNumber(lang, v) },
        { title: t('capacity.col.source'), dataIndex: 'source', render: (v: CapacityEnterpriseRow['source']) => (v ? t(`capacity.source.${v}`) : '—') },
        { title: t('capacity.col.reportedBy'), dataIndex: 'reportedBy', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

/**
 * The capacity monitoring of one chain (产能监测): filters in the URL, totals, the heat map, the
 * segments, the alerts, and the drill-down from a segment to its SMEs and from an SME to its months.
 */
export function CapacityMonitor({ chainId }: { chainId: string }) {
  const t = useT();
  const lang = useLang();
  const { params, setParam } = useUrlParams();
  const monthParam = (key: string) => (MONTH.test(params.get(key) ?? '') ? params.get(key)! : undefined);
  const numberParam = (key: string) => (params.get(key) !== null && Number.isFinite(Number(params.get(key))) ? Number(params.get(key)) : undefined);
  const filters: CapacityFilters = useMemo(
    () => ({ from: monthParam('from'), to: monthParam('to'), idleBelow: numberParam('idleBelow'), dropPoints: numberParam('dropPoints') }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [params],
  );
  const segment = params.get('capSegment') ?? undefined;
  const alertParam = params.get('alert');
  const alert = CAPACITY_ALERT_KINDS.find((k) => k === alertParam);
  const sme = params.get('sme') ?? undefined;
  const monitor = useCapacityMonitor(chainId, filters);
  const drillFilters = { ...filters, segment, alert };
  const pages = useCursorPages(JSON.stringify(drillFilters));
  const list = useCapacityEnterprises(chainId, drillFilters, { cursor: pages.cursor, limit: PAGE_SIZE });

  if (monitor.error) return <ProblemAlert error={monitor.error} />;
  if (!monitor.data) return <Spin style={{ display: 'block', margin: '40px auto' }} />;
  const view = monitor.data;
  const setMonth = (key: 'from' | 'to') => (d: Dayjs | null) => setParam(key, d ? d.format('YYYY-MM') : undefined);
  const drill = (key: string | undefined) => setParam('capSegment', key);

  return (
    <div data-testid="capacity-monitor">
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('capacity.from')}</span>
        <DatePicker picker="month" value={dayjs(`${view.from}-01`)} onChange={setMonth('from')} allowClear={false} data-testid="capacity-from" />
        <span>{t('capacity.to')}</span>
        <DatePicker picker="month" value={dayjs(`${view.to}-01`)} onChange={setMonth('to')} allowClear={false} data-testid="capacity-to" />
        <span>{t('capacity.idleBelow')}</span>
        <InputNumber min={0} max={100} value={Math.round(view.idleBelow * 100)} onChange={(v) => setParam('idleBelow', v === null ? undefined : String(Number(v) / 100))} style={{ width: 80 }} data-testid="capacity-idle-below" />
        <span>{t('capacity.dropPoints')}</span>
        <InputNumber min={1} max={100} value={view.dropPoints} onChange={(v) => setParam('dropPoints', v === null ? undefined : String(v))} style={{ width: 80 }} />
        <Button icon={<DownloadOutlined />} href={capacityExportUrl(chainId, drillFilters)} data-testid="capacity-export">{t('capacity.export')}</Button>
      </Space>
      <Row gutter={12} style={{ marginBottom: 12 }}>
        {([
          ['smes', view.totals.smes], ['reporting', view.totals.reporting], ['utilisation', pct(view.totals.utilisation)],
          ['idle', view.totals.idle], ['drops', view.totals.drops], ['missing', view.totals.missing],
        ] as const).map(([key, value]) => (
          <Col key={key} xs={12} md={4}>
            <Card size="small" hoverable={key === 'idle' || key === 'drops' || key === 'missing'} onClick={() => {
              const kind = ({ idle: 'idle', drops: 'drop', missing: 'missing' } as Record<string, CapacityAlertKind>)[key];
              if (kind) setParam('alert', kind);
            }} data-testid={`capacity-total-${key}`}>
              <Statistic title={t(`capacity.totals.${key}`, { month: view.to })} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('capacity.heatmap')} style={{ marginBottom: 12 }}>
        {view.segments.some((s) => s.smes > 0) ? <CapacityHeatmap view={view} onPick={drill} /> : <Empty description={t('capacity.empty')} />}
      </Card>
      <Card size="small" title={t('capacity.segments')} style={{ marginBottom: 12 }}>
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={view.segments}
          data-testid="capacity-segments"
          onRow={(s) => ({ onClick: () => drill(s.key), style: { cursor: 'pointer' } })}
          rowClassName={(s) => (s.key === segment ? 'ant-table-row-selected' : '')}
          columns={[
            { title: t('capacity.col.segment'), dataIndex: 'name', render: (name: string, s) => <a data-testid={`capacity-segment-${s.key}`}>{name}</a> },
            { title: t('capacity.col.smes'), dataIndex: 'smes', width: 80 },
            { title: t('capacity.col.reporting'), dataIndex: 'reporting', width: 80 },
            { title: t('capacity.col.capacity'), dataIndex: 'capacityFen', render: (v: number) => wan(lang, v) },
            { title: t('capacity.col.output'), dataIndex: 'outputFen', render: (v: number) => wan(lang, v) },
            { title: t('capacity.col.utilisation'), dataIndex: 'utilisation', render: (v: number | null) => pct(v), width: 100 },
            { title: t('capacity.col.mom'), dataIndex: 'momPoints', width: 90, render: (v: number | null) => (v === null ? '—' : <Typography.Text type={v < 0 ? 'danger' : 'success'}>{v > 0 ? '+' : ''}{v.toFixed(1)}</Typography.Text>) },
            { title: t('capacity.col.alerts'), key: 'alerts', render: (_: unknown, s) => <Space size={2}>{s.idle > 0 ? <Tag color="orange">{t('capacity.alert.idle')} {s.idle}</Tag> : null}{s.drops > 0 ? <Tag color="red">{t('capacity.alert.drop')} {s.drops}</Tag> : null}{s.missing > 0 ? <Tag>{t('capacity.alert.missing')} {s.missing}</Tag> : null}</Space> },
            { title: t('capacity.col.needs'), key: 'needs', width: 90, render: (_: unknown, s) => (view.openCapacityNeeds[s.key] ? <Link to="/matching?kind=capacity&status=published" onClick={(e) => e.stopPropagation()}>{view.openCapacityNeeds[s.key]}</Link> : '0') },
          ]}
        />
      </Card>
      <Card size="small" title={t('capacity.alerts')} style={{ marginBottom: 12 }} data-testid="capacity-alerts">
        {view.alerts.length === 0 ? <Empty description={t('capacity.alertsEmpty')} /> : (
          <Table
            size="small"
            rowKey={(a) => `${a.kind}:${a.uscc}:${a.segmentKey}`}
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
            dataSource={view.alerts}
            columns={[
              { title: t('capacity.col.alerts'), dataIndex: 'kind', width: 110, render: (k: CapacityAlertKind) => <AlertTags alerts={[k]} /> },
              { title: t('capacity.col.enterprise'), dataIndex: 'name', render: (name: string, a) => <a onClick={() => setParam('sme', a.uscc)} data-testid={`capacity-alert-${a.kind}`}>{name}</a> },
              { title: t('capacity.col.segment'), dataIndex: 'segmentName', width: 130 },
              { title: t('capacity.col.utilisation'), dataIndex: 'utilisation', width: 100, render: (v: number | null) => pct(v) },
              { title: t('capacity.col.mom'), key: 'prev', width: 120, render: (_: unknown, a) => (a.previousUtilisation === null ? '—' : `${pct(a.previousUtilisation)} → ${pct(a.utilisation)}`) },
              { title: t('capacity.col.lastReported'), dataIndex: 'lastReportedMonth', width: 100, render: (v: string | null) => v ?? '—' },
              { title: '', key: 'share', render: (_: unknown, a) => (a.kind === 'idle' ? <CapacitySharingLinks /> : null) },
            ]}
          />
        )}
      </Card>
      <Card
        size="small"
        title={t('capacity.drill')}
        data-testid="capacity-drill"
        extra={
          <Space>
            <Select allowClear placeholder={t('capacity.allSegments')} value={segment} onChange={(v) => drill(v)} options={view.segments.map((s) => ({ value: s.key, label: s.name }))} style={{ width: 180 }} data-testid="capacity-drill-segment" />
            <Select allowClear placeholder={t('capacity.allAlerts')} value={alert} onChange={(v) => setParam('alert', v)} options={CAPACITY_ALERT_KINDS.map((k) => ({ value: k, label: t(`capacity.alert.${k}`) }))} style={{ width: 140 }} />
          </Space>
        }
      >
        {list.error ? <ProblemAlert error={list.error} /> : null}
        {alert === 'idle' ? <Alert type="info" showIcon title={t('capacity.shareHint')} style={{ marginBottom: 8 }} /> : null}
        <Table
          size="small"
          rowKey={(r) => `${r.uscc}:${r.segmentKey}`}
          loading={list.isFetching}
          pagination={false}
          dataSource={list.data?.items ?? []}
          data-testid="capacity-drill-table"
          columns={[
            { title: t('capacity.col.enterprise'), dataIndex: 'name', render: (name: string, r) => <a onClick={() => setParam('sme', r.uscc)} data-testid={`capacity-sme-${r.uscc}`}>{name}</a> },
            { title: t('capacity.col.region'), dataIndex: 'regionName', width: 170 },
            { title: t('capacity.col.segment'), dataIndex: 'segmentName', width: 120 },
            { title: t('capacity.col.utilisation'), dataIndex: 'utilisation', width: 90, render: (v: number | null) => pct(v) },
            { title: t('capacity.col.mom'), dataIndex: 'momPoints', width: 80, render: (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(1)}`) },
            { title: t('capacity.col.orders'), dataIndex: 'ordersOnHandFen', width: 120, render: (v: number | null) => wan(lang, v) },
            { title: t('capacity.col.alerts'), dataIndex: 'alerts', render: (a: CapacityAlertKind[], r) => <Space size={2} wrap><AlertTags alerts={a} />{a.includes('idle') ? <CapacitySharingLinks /> : null}{r.lastReportedMonth && a.includes('missing') ? <span className="muted">{t('capacity.col.lastReported')} {r.lastReportedMonth}</span> : null}</Space> },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} total={list.data?.total} isFetching={list.isFetching} />
      </Card>
      <SmeMonthsDrawer uscc={sme} range={{ from: view.from, to: view.to }} onClose={() => setParam('sme', undefined)} />
    </div>
  );
}
