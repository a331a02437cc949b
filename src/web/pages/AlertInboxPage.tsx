import { CheckOutlined, StarOutlined } from '@ant-design/icons';
import { Badge, Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { Alert, AlertHit } from '../../contracts/risk';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { RiskKindTag, RiskSeverityTag, RiskStatusTag, formatExposure } from '../components/RiskTags';
import { useLang, useT, type Translate } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useCursorPages } from '../lib/useCursorPages';
import { useUrlParams } from '../lib/useUrlParams';
import { useAlerts, useReadAlerts } from '../queries/risk';

const PAGE_SIZE = 20;

/** One hit in words: which watched item, at which tier, with what exposure. */
function hitText(hit: AlertHit, t: Translate): string {
  const what = t(`risk.alerts.hit.${hit.kind}`, { name: hit.name });
  const tier = hit.tier === 0 ? t('risk.alerts.tier0') : t('risk.alerts.tier', { n: hit.tier });
  return `${what}（${tier}，${t('risk.alerts.exposure', { p: formatExposure(hit.exposure) })}）`;
}

/** 预警消息: the user's alerts, unread first in attention; opening one marks it read. */
export function AlertInboxPage() {
  const t = useT();
  const lang = useLang();
  const navigate = useNavigate();
  const { params, setParam } = useUrlParams();
  const isUnreadOnly = params.get('unread') === '1';
  const pages = useCursorPages(String(isUnreadOnly));
  const alerts = useAlerts({ isUnreadOnly }, { cursor: pages.cursor, limit: PAGE_SIZE });
  const read = useReadAlerts();

  const open = (alert: Alert) => {
    if (!alert.isRead) read.mutate(alert.id);
    void navigate(`/risk/events/${alert.event.id}`);
  };

  return (
    <div data-testid="alert-inbox-page">
      <PageHeader
        title={t('risk.alerts.title')}
        subTitle={t('risk.alerts.subtitle')}
        extra={
          <Space>
            <Link to="/risk/subscriptions">
              <Button icon={<StarOutlined />} data-testid="alerts-subscriptions-link">
                {t('risk.subscriptions')}
              </Button>
            </Link>
            <Button icon={<CheckOutlined />} onClick={() => read.mutate(undefined)} disabled={!alerts.data?.unread} data-testid="alerts-read-all">
              {t('risk.alerts.readAll')}
            </Button>
          </Space>
        }
      />
      <Card className="table-card">
        <Space style={{ marginBottom: 12 }}>
          <Segmented
            value={isUnreadOnly ? 'unread' : 'all'}
            onChange={(value) => setParam('unread', value === 'unread' ? '1' : undefined)}
            options={[
              { value: 'all', label: t('risk.alerts.all') },
              { value: 'unread', label: t('risk.alerts.unread') },
            ]}
            data-testid="alerts-filter"
          />
          <span className="muted" data-testid="alerts-unread-count">
            {t('risk.alerts.unreadCount', { n: alerts.data?.unread ?? 0 })}
          </span>
        </Space>
        {alerts.error ? <ProblemAlert error={alerts.error} /> : null}
        <List<Alert>
          data-testid="alert-list"
          loading={alerts.isFetching}
          dataSource={alerts.data?.items ?? []}
          locale={{ emptyText: t('risk.alerts.empty') }}
          renderItem={(alert) => (
            <List.Item
              key={alert.id}
              data-testid={`alert-${alert.id}`}
              className={alert.isRead ? 'alert-read' : 'alert-unread'}
              actions={[
                <Button key="open" type="link" onClick={() => open(alert)} data-testid={`alert-open-${alert.id}`}>
                  {t('risk.alerts.open')}
                </Button>,
                ...(alert.isRead
                  ? []
                  : [
                      <Button key="read" type="link" onClick={() => read.mutate(alert.id)} data-testid={`alert-read-${alert.id}`}>
                        {t('risk.alerts.markRead')}
                      </Button>,
                    ]),
              ]}
            >
              <List.Item.Meta
                avatar={<Badge status={alert.isRead ? 'default' : 'error'} />}
                title={
                  <Space wrap>
                    <Typography.Text strong={!alert.isRead}>{alert.event.title}</Typography.Text>
                    <RiskKindTag kind={alert.event.kind} />
                    <RiskSeverityTag severity={alert.event.severity} />
                    <RiskStatusTag status={alert.event.status} />
                  </Space>
                }
                description={
                  <>
                    {alert.hits.map((hit, i) => (
                      <div key={i} data-testid="alert-hit">
                        <Tag color={hit.exposure >= 0.5 ? 'red' : 'orange'}>{formatExposure(hit.exposure)}</Tag>
                        {hitText(hit, t)}
                      </div>
                    ))}
                    <div className="muted">{formatDateTime(lang, alert.createdAt)}</div>
                  </>
                }
              />
            </List.Item>
          )}
        />
        <CursorPager pages={pages} nextCursor={alerts.data?.nextCursor} isFetching={alerts.isFetching} />
      </Card>
    </div>
  );
}
