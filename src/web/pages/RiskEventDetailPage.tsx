import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Input, Modal, Progress, Result, Row, Segmented, Skeleton, Space, Statistic, Steps, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { RISK_NOTE_MAX, RISK_TIERS_MAX, type ImpactChain, type ImpactItem, type RiskEventDetail, type RiskStatus } from '../../contracts/risk';
import { apiUrl, isApiStatus } from '../api';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { RiskImpactGraph } from '../components/RiskImpactGraph';
import { RiskKindTag, RiskSeverityTag, RiskStatusTag, formatExposure, riskStatusKey } from '../components/RiskTags';
import { useLang, useT } from '../i18n';
import { canManageEnterprises } from '../lib/access';
import { formatDateTime } from '../lib/format';
import { useCurrentUser } from '../queries/auth';
import { useAddRiskNote, useChangeRiskStatus, useRiskEvent, useRiskImpact } from '../queries/risk';
import { EventSubject } from './RiskEventListPage';

/** Enterprises drawn in the propagation graph (the most exposed first). */
const GRAPH_ITEMS = 25;

/** One risk event: facts, incident record (status steps, notes) and the impact view. */
export function RiskEventDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const event = useRiskEvent(id);
  const back = (
    <Link to="/risk">
      <Button icon={<ArrowLeftOutlined />}>{t('risk.detail.back')}</Button>
    </Link>
  );
  if (event.isPending) {
    return <Skeleton active paragraph={{ rows: 10 }} />;
  }
  if (isApiStatus(event.error, 404)) {
    return <Result status="404" title={t('risk.detail.notFound')} extra={back} data-testid="risk-event-not-found" />;
  }
  if (event.error) {
    return <ProblemAlert error={event.error} />;
  }
  const detail = event.data;
  return (
    <div data-testid="risk-event-detail">
      <PageHeader
        title={detail.title}
        subTitle={
          <Space>
            <RiskKindTag kind={detail.kind} />
            <RiskSeverityTag severity={detail.severity} />
            <RiskStatusTag status={detail.status} />
          </Space>
        }
        extra={back}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <EventInfoCard detail={detail} />
        </Col>
        <Col xs={24} xl={9}>
          <IncidentCard detail={detail} />
        </Col>
        <Col span={24}>
          <ImpactCard id={detail.id} />
        </Col>
      </Row>
    </div>
  );
}

function EventInfoCard({ detail }: { detail: RiskEventDetail }) {
  const t = useT();
  const lang = useLang();
  return (
    <Card title={t('risk.detail.info')} className="detail-card">
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('risk.col.subject')}>
          {detail.enterprise ? <Link to={`/enterprises/${detail.enterprise.uscc}`}>{detail.enterprise.name}</Link> : <EventSubject event={detail} />}
        </Descriptions.Item>
        <Descriptions.Item label={t('risk.col.region')}>{detail.regionName}</Descriptions.Item>
        <Descriptions.Item label={t('risk.col.occurredAt')}>{formatDateTime(lang, detail.occurredAt)}</Descriptions.Item>
        <Descriptions.Item label={t('risk.detail.createdAt')}>{formatDateTime(lang, detail.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('risk.detail.source')}>{detail.source || t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('risk.detail.description')} span={2}>
          {detail.description || t('common.none')}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** Position of a status on the 潜在 → 确认/无影响 → 恢复 steps. */
function stepOf(status: RiskStatus): number {
  return status === 'potential' ? 0 : status === 'recovered' ? 2 : 1;
}

function IncidentCard({ detail }: { detail: RiskEventDetail }) {
  const t = useT();
  const lang = useLang();
  const changeStatus = useChangeRiskStatus(detail.id);
  const addNote = useAddRiskNote(detail.id);
  const [target, setTarget] = useState<RiskStatus | null>(null);
  const [statusNote, setStatusNote] = useState('');
  const [note, setNote] = useState('');
  const middle: RiskStatus = detail.status === 'no_impact' ? 'no_impact' : 'confirmed';
  const isClosed = detail.nextStatuses.length === 0;

  return (
    <Card title={t('risk.detail.incident')} className="detail-card" data-testid="risk-incident">
      <Steps
        size="small"
        current={stepOf(detail.status)}
        status={detail.status === 'no_impact' ? 'finish' : undefined}
        items={[{ title: t(riskStatusKey('potential')) }, { title: t(riskStatusKey(middle)) }, { title: t(riskStatusKey('recovered')) }]}
        style={{ marginBottom: 16 }}
      />
      {detail.canManage && (
        <Space wrap style={{ marginBottom: 16 }}>
          {detail.nextStatuses.map((status) => (
            <Button key={status} onClick={() => setTarget(status)} data-testid={`risk-status-${status}`} type={status === 'confirmed' ? 'primary' : 'default'} danger={status === 'confirmed'}>
              {t('risk.detail.changeStatus', { status: t(riskStatusKey(status)) })}
            </Button>
          ))}
          {isClosed && <Typography.Text type="secondary">{t('risk.detail.closed')}</Typography.Text>}
        </Space>
      )}
      {detail.notes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('risk.detail.noNotes')} />
      ) : (
        <Timeline
          data-testid="risk-notes"
          items={detail.notes.map((n) => ({
            key: n.id,
            color: n.statusTo === 'confirmed' ? 'red' : n.statusTo ? 'green' : 'blue',
            content: (
              <div className="history-entry">
                <div className="history-time">
                  {formatDateTime(lang, n.at)} · {n.author}
                </div>
                {n.statusFrom && n.statusTo ? (
                  <div>
                    <Typography.Text strong>{t('risk.detail.statusChanged', { from: t(riskStatusKey(n.statusFrom)), to: t(riskStatusKey(n.statusTo)) })}</Typography.Text>
                  </div>
                ) : null}
                <div>{n.body}</div>
              </div>
            ),
          }))}
        />
      )}
      {detail.canManage && (
        <Space.Compact style={{ width: '100%' }}>
          <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={RISK_NOTE_MAX} placeholder={t('risk.detail.notePlaceholder')} data-testid="risk-note-input" />
          <Button
            type="primary"
            disabled={!note.trim()}
            loading={addNote.isPending}
            onClick={() => addNote.mutate(note.trim(), { onSuccess: () => setNote('') })}
            data-testid="risk-note-submit"
          >
            {t('risk.detail.addNote')}
          </Button>
        </Space.Compact>
      )}
      {addNote.error ? <ProblemAlert error={addNote.error} /> : null}
      <Modal
        open={target !== null}
        title={target ? t('risk.detail.changeStatus', { status: t(riskStatusKey(target)) }) : ''}
        onCancel={() => setTarget(null)}
        okButtonProps={{ disabled: !statusNote.trim(), 'data-testid': 'risk-status-submit' }}
        confirmLoading={changeStatus.isPending}
        cancelText={t('common.cancel')}
        onOk={() =>
          target &&
          changeStatus.mutate(
            { status: target, note: statusNote.trim() },
            {
              onSuccess: () => {
                setTarget(null);
                setStatusNote('');
              },
            },
          )
        }
        destroyOnHidden
      >
        <Typography.Paragraph>{t('risk.detail.statusNote')}</Typography.Paragraph>
        <Input.TextArea rows={3} value={statusNote} onChange={(e) => setStatusNote(e.target.value)} maxLength={RISK_NOTE_MAX} placeholder={t('risk.detail.statusNotePlaceholder')} data-testid="risk-status-note" />
        {changeStatus.error ? <ProblemAlert error={changeStatus.error} /> : null}
      </Modal>
    </Card>
  );
}

function ImpactCard({ id }: { id: string }) {
  const t = useT();
  const user = useCurrentUser();
  const [tiers, setTiers] = useState(4);
  const impact = useRiskImpact(id, tiers);
  const canOpenEnterprises = canManageEnterprises(user);
  const data = impact.data;

  return (
    <Card
      title={t('risk.impact.title')}
      className="detail-card"
      data-testid="risk-impact"
      extra={
        <Space>
          <span className="muted">{t('risk.impact.tiers')}</span>
          <Segmented<number> value={tiers} onChange={setTiers} options={Array.from({ length: RISK_TIERS_MAX }, (_, i) => ({ value: i + 1, label: String(i + 1) }))} data-testid="risk-impact-tiers" />
          <Button icon={<DownloadOutlined />} href={apiUrl(`/risk-events/${encodeURIComponent(id)}/impact/export`, { tiers })} data-testid="risk-impact-export">
            {t('list.export')}
          </Button>
        </Space>
      }
    >
      {impact.error ? <ProblemAlert error={impact.error} /> : null}
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col>
          <Statistic title={t('risk.impact.total')} value={data?.total ?? 0} loading={impact.isFetching} />
        </Col>
        <Col>
          <Statistic title={t('risk.impact.sources')} value={data?.sources ?? 0} loading={impact.isFetching} />
        </Col>
        <Col>
          <Statistic title={t('risk.impact.chains')} value={data?.chains.length ?? 0} loading={impact.isFetching} />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary">{t('risk.impact.explain')}</Typography.Paragraph>
      <Table<ImpactItem>
        data-testid="risk-impact-table"
        rowKey="uscc"
        size="small"
        loading={impact.isFetching}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('risk.impact.empty') }}
        scroll={{ x: 960 }}
        columns={[
          {
            title: t('risk.impact.col.enterprise'),
            dataIndex: 'name',
            width: 260,
            render: (name: string, row) => (canOpenEnterprises ? <Link to={`/enterprises/${row.uscc}`}>{name}</Link> : name),
          },
          { title: t('risk.impact.col.tier'), dataIndex: 'tier', width: 70, align: 'center' },
          {
            title: t('risk.impact.col.exposure'),
            dataIndex: 'exposure',
            width: 170,
            render: (exposure: number) => <Progress percent={Math.round(exposure * 1000) / 10} size="small" status={exposure >= 0.5 ? 'exception' : 'normal'} format={() => formatExposure(exposure)} />,
          },
          {
            title: t('risk.impact.col.path'),
            key: 'path',
            render: (_: unknown, row) => <span className="risk-path">{row.pathNames.join(' → ')}</span>,
          },
        ]}
      />
      {data && data.chains.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('risk.impact.chains')}
          </Typography.Title>
          <Table<ImpactChain>
            data-testid="risk-impact-chains"
            rowKey={(row) => `${row.chainId}/${row.segmentKey}`}
            size="small"
            dataSource={data.chains}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: t('risk.impact.col.chain'), dataIndex: 'chainName', render: (name: string, row) => <Link to={`/chains/${row.chainId}`}>{name}</Link> },
              { title: t('risk.impact.col.segment'), dataIndex: 'segmentName' },
              { title: t('risk.impact.col.count'), dataIndex: 'enterprises', width: 120, align: 'center' },
              { title: t('risk.impact.col.maxExposure'), dataIndex: 'maxExposure', width: 120, render: (v: number) => formatExposure(v) },
            ]}
          />
        </>
      )}
      {data && data.items.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('risk.impact.graph')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('risk.impact.graphHint', { n: Math.min(GRAPH_ITEMS, data.items.length) })}</Typography.Paragraph>
          <RiskImpactGraph items={data.items.slice(0, GRAPH_ITEMS)} />
        </>
      )}
    </Card>
  );
}
