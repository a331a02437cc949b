import { ApartmentOutlined, DownloadOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { CHAIN_STAGES } from '../../contracts/chains';
import { apiUrl, isApiStatus } from '../api';
import { CapacityMonitor } from '../components/CapacityMonitor';
import { ChainHistory } from '../components/ChainHistory';
import { ChainMap, WEAK_LINK_COLOURS, stageKey, weakKey } from '../components/ChainMap';
import { ChainSegmentDrawer } from '../components/ChainSegmentDrawer';
import { ChainSegmentModal, type SegmentModalMode } from '../components/ChainSegmentModal';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { useT } from '../i18n';
import { useUrlParams } from '../lib/useUrlParams';
import { useCurrentUser } from '../queries/auth';
import { useChain, useWeakLinks } from '../queries/chains';
import { NotFoundPage } from './StatusPages';

/** One chain map: the ECharts map, a drawer per segment, the history; links to B's analyses. */
export function ChainDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const chain = useChain(id);
  const weakLinks = useWeakLinks(id, chain.data?.regionCode);
  const { params, setParam } = useUrlParams();
  const selectedKey = params.get('segment') ?? undefined;
  const user = useCurrentUser();
  const canMonitor = user.role === 'gov' || user.role === 'platform_admin';
  const tab = params.get('tab') === 'history' ? 'history' : params.get('tab') === 'capacity' && canMonitor ? 'capacity' : 'map';
  const [modal, setModal] = useState<SegmentModalMode | null>(null);

  if (isApiStatus(chain.error, 404)) return <NotFoundPage />;
  if (chain.error) return <ProblemAlert error={chain.error} />;
  if (!chain.data) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  const map = chain.data;
  const weak = weakLinks.data ?? new Map();
  const selected = map.segments.find((s) => s.key === selectedKey);
  const select = (key: string | undefined) => setParam('segment', key);

  return (
    <div data-testid="chain-detail-page">
      <PageHeader
        title={map.name}
        subTitle={
          <Space wrap>
            <span>{map.regionName}</span>
            <span className="muted">·</span>
            <span>{t('chains.segmentCount')} {map.segments.length}</span>
            <span className="muted">·</span>
            <span>{t('chains.memberCount')} {map.memberCount}</span>
          </Space>
        }
        extra={
          <Space wrap>
            <Link to={`/chains/${map.id}/weak-links`}>
              <Button icon={<WarningOutlined />} data-testid="weak-links-button">
                {t('chains.weakLinks')}
              </Button>
            </Link>
            <Link to={`/chains/${map.id}/little-giants`}>
              <Button icon={<ApartmentOutlined />} data-testid="little-giants-button">
                {t('chains.littleGiants')}
              </Button>
            </Link>
            <Button icon={<DownloadOutlined />} href={apiUrl(`/chains/${map.id}/export`)} data-testid="chain-export-button">
              {t('chains.export')}
            </Button>
            {map.canWrite ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('add')} data-testid="add-segment-button">
                {t('chains.addSegment')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {map.description ? <Typography.Paragraph type="secondary">{map.description}</Typography.Paragraph> : null}
      {!map.canWrite ? <Alert type="info" showIcon title={t('chains.readOnly')} style={{ marginBottom: 12 }} /> : null}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParam('tab', key === 'map' ? undefined : key)}
          items={[
            {
              key: 'map',
              label: t('chains.map'),
              children: (
                <>
                  <Space wrap style={{ marginBottom: 8 }} data-testid="chain-legend">
                    <span className="muted">{t('chains.legend')}</span>
                    {(['break', 'blockage', 'choke'] as const).map((kind) => (
                      <Tag key={kind} color={WEAK_LINK_COLOURS[kind]}>
                        {t(weakKey(kind))}
                      </Tag>
                    ))}
                  </Space>
                  <ChainMap segments={map.segments} weakLinks={weak} selectedKey={selectedKey} onSelect={select} />
                  {/* The segments as buttons too: for keyboards, screen readers and tests. */}
                  <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8, marginTop: 12 }}>
                    {CHAIN_STAGES.map((stage) => (
                      <Space key={stage} wrap size={[6, 6]} style={{ justifyContent: 'center' }} aria-label={t(stageKey(stage))}>
                        {map.segments
                          .filter((s) => s.stage === stage)
                          .map((s) => {
                            const finding = weak.get(s.key);
                            return (
                              <Button
                                key={s.key}
                                size="small"
                                type={s.key === selectedKey ? 'primary' : 'default'}
                                danger={finding?.kind === 'break'}
                                onClick={() => select(s.key)}
                                data-testid={`segment-${s.key}`}
                              >
                                {s.name}（{s.memberCount}）
                              </Button>
                            );
                          })}
                      </Space>
                    ))}
                  </div>
                </>
              ),
            },
            ...(canMonitor ? [{ key: 'capacity', label: <span data-testid="capacity-tab">{t('capacity.tab')}</span>, children: tab === 'capacity' ? <CapacityMonitor chainId={map.id} /> : null }] : []),
            { key: 'history', label: t('chains.history'), children: <ChainHistory chainId={map.id} segmentNames={new Map(map.segments.map((s) => [s.key, s.name]))} /> },
          ]}
        />
      </Card>
      <ChainSegmentDrawer chain={map} segment={selected} weakLink={selected ? weak.get(selected.key) : undefined} onClose={() => select(undefined)} onEdit={setModal} onDeleted={() => select(undefined)} />
      <ChainSegmentModal
        chain={map}
        mode={modal}
        segment={modal === 'add' ? undefined : selected}
        onClose={() => setModal(null)}
        onDone={(key) => {
          setModal(null);
          select(key);
        }}
      />
    </div>
  );
}
