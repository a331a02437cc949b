import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, DatePicker, Empty, InputNumber, Row, Segmented, Select, Space, Statistic, Table, Tabs, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { GradientTier, ScreeningResult } from '../../../contracts/assessment';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RegionCascader } from '../../components/RegionCascader';
import { useLang, useT, type MessageKey } from '../../i18n';
import { canManageEnterprises, regionScope } from '../../lib/access';
import { useCursorPages } from '../../lib/useCursorPages';
import { useUrlParams } from '../../lib/useUrlParams';
import { useCurrentUser } from '../../queries/auth';
import { screeningExportUrl, useCreateScreening, useScreening, useScreeningResults, useScreenings } from '../../queries/assessment';
import { ForbiddenPage } from '../StatusPages';
import { useRegionLabel } from '../WeakLinksPage';

const TIERS: GradientTier[] = ['innovative', 'specialized', 'little_giant'];

/** 区域梯度筛查 (gov): run a screening, read candidates / near-misses per tier, IC-3 priority, export. */
export function ScreeningPage() {
  const user = useCurrentUser();
  return canManageEnterprises(user) ? <Screening /> : <ForbiddenPage />;
}

function Screening() {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const regionLabel = useRegionLabel();
  const { params, setParam } = useUrlParams();
  const screenings = useScreenings();
  const id = params.get('id') ?? screenings.data?.items[0]?.id;
  const tier = (params.get('tier') as GradientTier | null) ?? 'innovative';
  const kind = (params.get('kind') as 'candidate' | 'near_miss' | null) ?? 'candidate';
  const priorityOnly = params.get('priority') === 'true' ? 'true' : undefined;
  const pages = useCursorPages(`${id}/${tier}/${kind}/${priorityOnly}`);
  const screening = useScreening(id);
  const results = useScreeningResults(id, { tier, kind, priorityOnly }, pages.cursor);
  const create = useCreateScreening();
  const [region, setRegion] = useState<string | undefined>(user.regionCode ?? undefined);
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [gap, setGap] = useState(10);

  const run = async () => {
    const view = await create.mutateAsync({ region, asOf: asOf?.format('YYYY-MM-DD'), nearMissGap: gap });
    setParam('id', view.id);
  };
  const summary = screening.data;

  return (
    <div data-testid="screening-page">
      <PageHeader title={t('as.sc.title')} subTitle={t('as.sc.subtitle')} extra={id ? <Button icon={<DownloadOutlined />} href={screeningExportUrl(id)} data-testid="screening-export">{t('as.sc.export')}</Button> : null} />
      <Card size="small" className="filter-card">
        <Space wrap>
          <span>{t('as.sc.region')}</span>
          <RegionCascader data-testid="screening-region" scope={regionScope(user)} value={region} onChange={setRegion} style={{ width: 240 }} />
          <span>{t('as.asOf')}</span>
          <DatePicker value={asOf} onChange={setAsOf} />
          <span>{t('as.sc.gap')}</span>
          <InputNumber min={0} max={40} value={gap} onChange={(v) => setGap(v ?? 10)} style={{ width: 80 }} />
          <Button type="primary" icon={<SearchOutlined />} loading={create.isPending} onClick={run} data-testid="screening-run">{t('as.sc.run')}</Button>
          {screenings.data && screenings.data.items.length > 0 ? (
            <Select
              style={{ width: 340 }}
              value={id}
              onChange={(v) => setParam('id', v)}
              options={screenings.data.items.map((s) => ({ value: s.id, label: `#${s.id} ${regionLabel(s.regionCode)} · ${s.asOf} · ${s.ruleVersion}` }))}
            />
          ) : null}
        </Space>
      </Card>
      {create.error ? <ProblemAlert error={create.error} /> : null}
      {!id ? <Empty description={t('as.sc.none')} style={{ marginTop: 48 }} /> : null}
      {summary ? (
        <>
          <div className="muted" style={{ margin: '12px 0' }} data-testid="screening-summary">
            {t('as.sc.summary', { n: summary.enterprises, region: regionLabel(summary.regionCode), ms: summary.durationMs, version: summary.ruleVersion })}
          </div>
          <Row gutter={[12, 12]}>
            {TIERS.map((k) => (
              <Col key={k} xs={24} md={8}>
                <Card size="small" title={t(`as.tier.${k}` as MessageKey)} data-testid={`screening-card-${k}`}>
                  <Row>
                    <Col span={6}><Statistic title={t('as.sc.recognised')} value={summary.tiers[k].recognised} /></Col>
                    <Col span={6}><Statistic title={t('as.sc.candidates')} value={summary.tiers[k].candidates} valueStyle={{ color: '#389e0d' }} /></Col>
                    <Col span={6}><Statistic title={t('as.sc.nearMisses')} value={summary.tiers[k].nearMisses} valueStyle={{ color: '#d48806' }} /></Col>
                    <Col span={6}><Statistic title={t('as.sc.priority')} value={summary.tiers[k].priority} /></Col>
                  </Row>
                </Card>
              </Col>
            ))}
          </Row>
          <Card className="table-card" style={{ marginTop: 16 }}>
            <Tabs activeKey={tier} onChange={(k) => setParam('tier', k)} items={TIERS.map((k) => ({ key: k, label: t(`as.tier.${k}` as MessageKey) }))} />
            <Space style={{ marginBottom: 12 }}>
              <Segmented value={kind} onChange={(v) => setParam('kind', String(v))} options={[{ value: 'candidate', label: t('as.sc.candidates') }, { value: 'near_miss', label: t('as.sc.nearMisses') }]} data-testid="screening-kind" />
              <Checkbox checked={priorityOnly === 'true'} onChange={(e) => setParam('priority', e.target.checked ? 'true' : undefined)}>{t('as.sc.priorityOnly')}</Checkbox>
            </Space>
            <Table<ScreeningResult>
              data-testid="screening-results"
              rowKey="uscc"
              size="small"
              loading={results.isFetching}
              dataSource={results.data?.items ?? []}
              pagination={false}
              columns={[
                { title: t('as.sc.name'), dataIndex: 'name', render: (name: string, r) => <Link to={`/assessment/gradient/${r.uscc}?step=2`}>{name}</Link> },
                { title: t('as.sc.regionCol'), dataIndex: 'regionCode', width: 220, render: regionLabel },
                { title: t('as.points'), dataIndex: 'score', width: 80, render: (s: number | null) => (s === null ? '—' : s) },
                { title: t('as.sc.failed'), dataIndex: 'failed', render: (_: string[], r) => (r.kind === 'candidate' ? (r.routeLabel ? <Tag color="green" title={r.routeLabel.key}>{r.routeLabel[lang]}</Tag> : null) : r.failedLabels.map((l) => <Tag key={l.key} title={l.key} style={{ whiteSpace: 'normal' }}>{l[lang]}</Tag>)) },
                { title: t('as.sc.priority'), dataIndex: 'leadersSupplied', width: 120, render: (n: number) => (n > 0 ? <Tag color="magenta">{t('as.sc.leaders', { n })}</Tag> : null) },
              ]}
            />
            <CursorPager pages={pages} nextCursor={results.data?.nextCursor} total={results.data?.total} isFetching={results.isFetching} />
          </Card>
        </>
      ) : null}
    </div>
  );
}
