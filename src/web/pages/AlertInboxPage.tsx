import { CheckOutlined, StarOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { Alert, AlertHit } from '../../contracts/risk';
import { InboxList } from '../components/InboxList';
import { PageHeader } from '../components/PageHeader';
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
      <InboxList<Alert>
        testId="alert"
        items={alerts.data?.items}
        unreadCount={alerts.data?.unread ?? 0}
        isUnreadOnly={isUnreadOnly}
        onUnreadOnly={(value) => setParam('unread', value ? '1' : undefined)}
        isFetching={alerts.isFetching}
        error={alerts.error}
        pages={pages}
        nextCursor={alerts.data?.nextCursor}
        labels={{ all: t('risk.alerts.all'), unread: t('risk.alerts.unread'), unreadCount: t('risk.alerts.unreadCount', { n: alerts.data?.unread ?? 0 }), empty: t('risk.alerts.empty'), open: t('risk.alerts.open'), markRead: t('risk.alerts.markRead') }}
        unreadStatus="error"
        onOpen={open}
        onRead={(alert) => read.mutate(alert.id)}
        title={(alert) => (
          <Space wrap>
            <Typography.Text strong={!alert.isRead}>{alert.event.title}</Typography.Text>
            <RiskKindTag kind={alert.event.kind} />
            <RiskSeverityTag severity={alert.event.severity} />
            <RiskStatusTag status={alert.event.status} />
          </Space>
        )}
        description={(alert) => (
          <>
            {alert.hits.map((hit, i) => (
              <div key={i} data-testid="alert-hit">
                <Tag color={hit.exposure >= 0.5 ? 'red' : 'orange'}>{formatExposure(hit.exposure)}</Tag>
                {hitText(hit, t)}
              </div>
            ))}
            <div className="muted">{formatDateTime(lang, alert.createdAt)}</div>
          </>
        )}
      />
    </div>
  );
}
