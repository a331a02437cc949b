import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, List, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import type { EnterpriseTag } from '../../contracts/enterprises';
import type { LittleGiantEntry, LittleGiantsResponse } from '../../contracts/supply';
import { isApiStatus } from '../api';
import { EnterpriseTags } from '../components/EnterpriseTags';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { RegionCascader } from '../components/RegionCascader';
import { useT } from '../i18n';
import { useUrlParams } from '../lib/useUrlParams';
import { useChain } from '../queries/chains';
import { littleGiantsExportUrl, useLittleGiants } from '../queries/supply';
import { NotFoundPage } from './StatusPages';
import { useRegionLabel } from './WeakLinksPage';

type LeaderSupplier = LittleGiantsResponse['leaderSuppliers'][number];

function EntryItem({ entry }: { entry: LittleGiantEntry }) {
  const t = useT();
  return (
    <List.Item>
      <div style={{ width: '100%' }}>
        <Space wrap>
          <Tag color={entry.tier === 'little_giant' ? 'magenta' : 'geekblue'}>{t(`lg.tier.${entry.tier}`)}</Tag>
          <Link to={`/enterprises/${entry.uscc}`}>{entry.name}</Link>
        </Space>
        {entry.suppliesLeaders.length > 0 ? (
          <div className="muted" style={{ marginTop: 4 }}>
            {t('lg.suppliesLeaders')}：{entry.suppliesLeaders.map((l) => `${l.name}（${l.products.join('、')}）`).join('；')}
          </div>
        ) : null}
      </div>
    </List.Item>
  );
}

/** 小巨人图谱 (IC-3): 专精特新 and 小巨人 per segment, and the SMEs that supply the leaders. */
export function LittleGiantsPage() {
  const t = useT();
  const { id = '' } = useParams();
  const chain = useChain(id);
  const { params, setParam } = useUrlParams();
  const region = params.get('region') ?? undefined;
  const map = useLittleGiants(id, region);
  const regionLabel = useRegionLabel();

  if (isApiStatus(chain.error, 404) || isApiStatus(map.error, 404)) return <NotFoundPage />;
  if (!map.data && !map.error) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  const data = map.data;

  return (
    <div data-testid="little-giants-page">
      <PageHeader
        title={`${chain.data?.name ?? ''} · ${t('lg.title')}`}
        subTitle={t('lg.subtitle')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} href={littleGiantsExportUrl(id, region)} data-testid="lg-export">{t('lg.export')}</Button>
            <Link to={`/chains/${id}`}><Button icon={<ArrowLeftOutlined />}>{t('weak.back')}</Button></Link>
          </Space>
        }
      />
      <Card className="filter-card" size="small">
        <Space>
          <span>{t('weak.region')}</span>
          <RegionCascader data-testid="lg-region" value={region ?? data?.regionCode} onChange={(value) => setParam('region', value)} style={{ width: 260 }} />
        </Space>
      </Card>
      {map.error ? <ProblemAlert error={map.error} /> : null}
      {data ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('lg.bySegment')}</Typography.Title>
          <Row gutter={[12, 12]} data-testid="lg-segments">
            {data.segments.map((segment) => (
              <Col key={segment.segmentKey} xs={24} md={12} xl={8}>
                <Card size="small" title={segment.segmentName} extra={<span className="muted">{segment.enterprises.length}</span>} data-testid={`lg-segment-${segment.segmentKey}`}>
                  {segment.enterprises.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lg.none')} />
                  ) : (
                    <List size="small" dataSource={segment.enterprises} renderItem={(entry) => <EntryItem entry={entry} />} />
                  )}
                </Card>
              </Col>
            ))}
          </Row>
          <Card title={t('lg.leaderSuppliers', { n: data.leaderSuppliers.length })} className="table-card" style={{ marginTop: 16 }}>
            <Table<LeaderSupplier>
              data-testid="lg-leader-suppliers"
              rowKey="uscc"
              size="small"
              dataSource={data.leaderSuppliers}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: t('weak.candidate.name'), dataIndex: 'name', render: (name: string, row) => <Link to={`/enterprises/${row.uscc}`}>{name}</Link> },
                { title: t('weak.candidate.region'), dataIndex: 'regionCode', width: 220, render: regionLabel },
                { title: t('lg.status'), dataIndex: 'tags', width: 260, render: (tags: EnterpriseTag[], row) => (row.isRecognised ? <EnterpriseTags tags={tags.filter((tag) => tag === 'little_giant' || tag === 'specialized')} /> : <Tag color="gold">{t('lg.notRecognised')}</Tag>) },
                { title: t('lg.leaders'), dataIndex: 'leaders', render: (leaders: LeaderSupplier['leaders']) => leaders.map((l) => l.name).join('；') },
                { title: t('lg.products'), dataIndex: 'products', width: 220, render: (products: string[]) => products.join('、') },
              ]}
            />
          </Card>
        </>
      ) : null}
    </div>
  );
}
