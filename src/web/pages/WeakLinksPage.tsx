import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import type { EnterpriseTag } from '../../contracts/enterprises';
import type { WeakLink, WeakLinkCandidate, WeakLinkKind } from '../../contracts/supply';
import { isApiStatus } from '../api';
import { EnterpriseTags } from '../components/EnterpriseTags';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { RegionCascader } from '../components/RegionCascader';
import { useT } from '../i18n';
import { findLabels } from '../lib/tree';
import { useUrlParams } from '../lib/useUrlParams';
import { useChain } from '../queries/chains';
import { useRegionTree } from '../queries/reference';
import { useWeakLinkAnalysis } from '../queries/supply';
import { NotFoundPage } from './StatusPages';

/** 断点 red, 堵点 orange, 卡点 purple (the chain map uses the same). */
export const KIND_COLOURS: Record<WeakLinkKind, string> = { break: 'red', blockage: 'orange', choke: 'purple' };
const PROGRESS_COLOURS: Record<WeakLinkKind, string> = { break: '#cf1322', blockage: '#d46b08', choke: '#722ed1' };

function percent(x: number | null): string {
  return x === null ? '—' : `${Math.round(x * 100)}%`;
}

/** Full region name from the reference tree (the code while it loads). */
export function useRegionLabel(): (code: string) => string {
  const { data } = useRegionTree();
  return (code) => (data ? findLabels(data, code).join(' / ') || code : code);
}

function Candidates({ candidates }: { candidates: WeakLinkCandidate[] }) {
  const t = useT();
  const regionLabel = useRegionLabel();
  if (candidates.length === 0) {
    return <Typography.Text type="secondary">{t('weak.noCandidates')}</Typography.Text>;
  }
  return (
    <Table<WeakLinkCandidate>
      data-testid="weak-candidates"
      size="small"
      rowKey="uscc"
      pagination={false}
      dataSource={candidates}
      columns={[
        { title: t('weak.candidate.name'), dataIndex: 'name', render: (name: string, row) => <Link to={`/enterprises/${row.uscc}`}>{name}</Link> },
        { title: t('weak.candidate.region'), dataIndex: 'regionCode', width: 220, render: regionLabel },
        { title: t('ent.tags'), dataIndex: 'tags', width: 260, render: (tags: EnterpriseTag[]) => <EnterpriseTags tags={tags} /> },
        { title: t('weak.candidate.score'), dataIndex: 'score', width: 90, render: (score: number) => score.toFixed(2) },
        { title: t('weak.candidate.reasons'), dataIndex: 'reasons', render: (reasons: string[]) => reasons.join('；') },
      ]}
    />
  );
}

/** 薄弱环节分析: findings of a chain in a region, coloured by kind, with evidence and candidates. */
export function WeakLinksPage() {
  const t = useT();
  const { id = '' } = useParams();
  const chain = useChain(id);
  const { params, setParam } = useUrlParams();
  const region = params.get('region') ?? undefined;
  const analysis = useWeakLinkAnalysis(id, region);

  if (isApiStatus(chain.error, 404) || isApiStatus(analysis.error, 404)) return <NotFoundPage />;
  if (!chain.data && !chain.error) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  const data = analysis.data;

  return (
    <div data-testid="weak-links-page">
      <PageHeader
        title={`${chain.data?.name ?? ''} · ${t('weak.title')}`}
        subTitle={t('weak.subtitle')}
        extra={
          <Link to={`/chains/${id}`}>
            <Button icon={<ArrowLeftOutlined />}>{t('weak.back')}</Button>
          </Link>
        }
      />
      <Card className="filter-card" size="small">
        <Space wrap>
          <span>{t('weak.region')}</span>
          <RegionCascader
            data-testid="weak-region"
            value={region ?? data?.regionCode ?? chain.data?.regionCode}
            onChange={(value) => setParam('region', value)}
            style={{ width: 260 }}
          />
          {data ? <Typography.Text type="secondary" data-testid="weak-summary">{t('weak.summary', { segments: data.segments.length, n: data.items.length })}</Typography.Text> : null}
        </Space>
      </Card>
      <Card className="table-card">
        {chain.error ? <ProblemAlert error={chain.error} /> : null}
        {analysis.error ? <ProblemAlert error={analysis.error} /> : null}
        <Table<WeakLink>
          data-testid="weak-links-table"
          rowKey={(row) => `${row.segmentKey}:${row.kind}`}
          loading={analysis.isFetching}
          dataSource={data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('weak.empty') }}
          expandable={{
            expandedRowRender: (row) => (
              <div data-testid={`weak-expanded-${row.segmentKey}-${row.kind}`}>
                <Typography.Title level={5}>{t('weak.candidates', { n: row.candidates.length })}</Typography.Title>
                <Candidates candidates={row.candidates} />
              </div>
            ),
          }}
          columns={[
            { title: t('weak.segment'), dataIndex: 'segmentName', width: 150, render: (name: string) => <strong>{name}</strong> },
            {
              title: t('weak.kind'),
              dataIndex: 'kind',
              width: 90,
              render: (kind: WeakLinkKind) => <Tag color={KIND_COLOURS[kind]} data-testid={`weak-kind-${kind}`}>{t(`weak.kind.${kind}`)}</Tag>,
            },
            { title: t('weak.score'), dataIndex: 'score', width: 130, render: (score: number, row) => <Progress percent={Math.round(score * 100)} size="small" strokeColor={PROGRESS_COLOURS[row.kind]} /> },
            {
              title: t('weak.evidence'),
              dataIndex: 'evidence',
              render: (evidence: WeakLink['evidence']) => (
                <div>
                  <div>{evidence.text}</div>
                  <Space size={16} wrap className="muted weak-metrics">
                    <span>{t('weak.capable')} {evidence.metrics.capableInRegion} / {evidence.metrics.capableNationally}</span>
                    <span>{t('weak.localShare')} {percent(evidence.metrics.localShare)}</span>
                    <span>{t('weak.foreignShare')} {percent(evidence.metrics.foreignShare)}</span>
                    <span>{t('weak.hhi')} {evidence.metrics.hhi === null ? '—' : evidence.metrics.hhi.toFixed(2)}</span>
                    <span>{t('weak.singleSource')} {evidence.metrics.singleSourceLeaders}</span>
                  </Space>
                </div>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
