import { CheckOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Select, Space, Switch, Table, Tabs, Tag, Typography, message } from 'antd';
import { useNavigate } from 'react-router';
import type { DigestChoice, NotificationDigest, NotificationKind, NotificationSubscription, NotificationView } from '../../contracts/notifications';
import { CursorPager } from '../components/CursorPager';
import { InboxList } from '../components/InboxList';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { useLang, useT, type MessageKey } from '../i18n';
import { formatDateTime } from '../lib/format';
import { notificationText } from '../lib/notifications';
import { useCursorPages } from '../lib/useCursorPages';
import { useUrlParams } from '../lib/useUrlParams';
import {
  digestsExportUrl,
  notificationsExportUrl,
  useNotificationDigests,
  useNotificationSubscriptions,
  useNotifications,
  useReadNotifications,
  useSaveNotificationSubscriptions,
} from '../queries/notifications';

const PAGE_SIZE = 20;
const TABS = ['inbox', 'settings', 'digests'] as const;
type Tab = (typeof TABS)[number];

/** Tag of each kind: its colour and label. */
const KIND_TAGS: Record<NotificationKind, { color: string; labelKey: MessageKey }> = {
  'task.dispatched': { color: 'blue', labelKey: 'notifications.tag.task' },
  'task.reported': { color: 'cyan', labelKey: 'notifications.tag.report' },
  'task.reminded': { color: 'orange', labelKey: 'notifications.tag.remind' },
  'need.published': { color: 'green', labelKey: 'notifications.tag.need' },
  'need.returned': { color: 'red', labelKey: 'notifications.tag.need' },
  'programme.approved': { color: 'green', labelKey: 'notifications.tag.programme' },
  'programme.rejected': { color: 'red', labelKey: 'notifications.tag.programme' },
  'match.accepted': { color: 'geekblue', labelKey: 'notifications.tag.match' },
  'challenge.applied': { color: 'purple', labelKey: 'notifications.tag.challenge' },
  'challenge.cancelled': { color: 'red', labelKey: 'notifications.tag.challenge' },
  'booking.requested': { color: 'gold', labelKey: 'notifications.tag.booking' },
  'financing.offered': { color: 'magenta', labelKey: 'notifications.tag.financing' },
  'overseas.applied': { color: 'cyan', labelKey: 'notifications.tag.overseas' },
  'overseas.accepted': { color: 'green', labelKey: 'notifications.tag.overseas' },
  'overseas.declined': { color: 'red', labelKey: 'notifications.tag.overseas' },
  'complaint.filed': { color: 'volcano', labelKey: 'notifications.tag.complaint' },
  'complaint.named': { color: 'volcano', labelKey: 'notifications.tag.complaint' },
  'complaint.decided': { color: 'volcano', labelKey: 'notifications.tag.complaint' },
};

const kindLabel = (kind: string) => `notifications.kindLabel.${kind}` as MessageKey;

/** 站内消息: the inbox (opening one marks it read and goes to its page), the per-kind subscriptions, and the digests. */
export function NotificationInboxPage() {
  const t = useT();
  const { params, setParam } = useUrlParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'inbox';
  const isUnreadOnly = params.get('unread') === '1';
  const read = useReadNotifications();
  const unread = useNotifications({ isUnreadOnly: false }, { limit: 1 });

  return (
    <div data-testid="notification-inbox-page">
      <PageHeader
        title={t('notifications.title')}
        subTitle={t('notifications.subtitle')}
        extra={
          tab === 'inbox' ? (
            <Space>
              <Button icon={<DownloadOutlined />} href={notificationsExportUrl(isUnreadOnly)} data-testid="notifications-export">
                {t('notifications.export')}
              </Button>
              <Button icon={<CheckOutlined />} onClick={() => read.mutate(undefined)} disabled={!unread.data?.unreadCount} loading={read.isPending} data-testid="notifications-read-all">
                {t('notifications.readAll')}
              </Button>
            </Space>
          ) : tab === 'digests' ? (
            <Button icon={<DownloadOutlined />} href={digestsExportUrl()} data-testid="digests-export">
              {t('notifications.digests.export')}
            </Button>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParam('tab', key === 'inbox' ? undefined : key)}
        data-testid="notification-tabs"
        items={TABS.map((key) => ({ key, label: <span data-testid={`notification-tab-${key}`}>{t(`notifications.tab.${key}`)}</span> }))}
      />
      {tab === 'inbox' ? <InboxTab isUnreadOnly={isUnreadOnly} setUnreadOnly={(value) => setParam('unread', value ? '1' : undefined)} /> : null}
      {tab === 'settings' ? <SettingsTab /> : null}
      {tab === 'digests' ? <DigestsTab /> : null}
    </div>
  );
}

function InboxTab({ isUnreadOnly, setUnreadOnly }: { isUnreadOnly: boolean; setUnreadOnly: (value: boolean) => void }) {
  const t = useT();
  const lang = useLang();
  const navigate = useNavigate();
  const pages = useCursorPages(String(isUnreadOnly));
  const list = useNotifications({ isUnreadOnly }, { cursor: pages.cursor, limit: PAGE_SIZE });
  const read = useReadNotifications();
  const open = (n: NotificationView) => {
    if (!n.isRead) read.mutate(n.id);
    void navigate(n.link);
  };
  return (
    <InboxList<NotificationView>
      testId="notification"
      items={list.data?.items}
      unreadCount={list.data?.unreadCount ?? 0}
      isUnreadOnly={isUnreadOnly}
      onUnreadOnly={setUnreadOnly}
      isFetching={list.isFetching}
      error={list.error}
      pages={pages}
      nextCursor={list.data?.nextCursor}
      labels={{
        all: t('notifications.all'),
        unread: t('notifications.unread'),
        unreadCount: t('notifications.unreadCount', { n: list.data?.unreadCount ?? 0 }),
        empty: t(isUnreadOnly ? 'notifications.emptyUnread' : 'notifications.empty'),
        open: t('notifications.open'),
        markRead: t('notifications.markRead'),
      }}
      unreadStatus="processing"
      onOpen={open}
      onRead={(n) => read.mutate(n.id)}
      title={(n) => (
        <Space wrap>
          <Tag color={KIND_TAGS[n.kind].color}>{t(KIND_TAGS[n.kind].labelKey)}</Tag>
          <Typography.Text strong={!n.isRead}>{notificationText(n, t)}</Typography.Text>
        </Space>
      )}
      description={(n) => <span className="muted">{formatDateTime(lang, n.createdAt)}</span>}
    />
  );
}

/** One row per kind: in-app switch and digest period, saved on change. */
function SettingsTab() {
  const t = useT();
  const subscriptions = useNotificationSubscriptions();
  const save = useSaveNotificationSubscriptions();
  const change = (row: NotificationSubscription, patch: Partial<NotificationSubscription>) =>
    save.mutate([{ ...row, ...patch }], { onSuccess: () => void message.success(t('notifications.settings.saved')) });
  return (
    <Card className="table-card">
      <Alert type="info" showIcon message={t('notifications.settings.hint')} style={{ marginBottom: 12 }} />
      {subscriptions.error ? <ProblemAlert error={subscriptions.error} /> : null}
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <Table<NotificationSubscription>
        data-testid="subscriptions-table"
        rowKey="kind"
        size="middle"
        pagination={false}
        loading={subscriptions.isFetching}
        dataSource={subscriptions.data?.items ?? []}
        onRow={(row) => ({ 'data-testid': `subscription-${row.kind}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('notifications.settings.kind'),
            key: 'kind',
            render: (_, row) => (
              <Space>
                <Tag color={KIND_TAGS[row.kind].color}>{t(KIND_TAGS[row.kind].labelKey)}</Tag>
                {t(kindLabel(row.kind))}
              </Space>
            ),
          },
          {
            title: t('notifications.settings.inApp'),
            key: 'inApp',
            width: 140,
            render: (_, row) => <Switch checked={row.isInApp} loading={save.isPending && save.variables?.[0]?.kind === row.kind} onChange={(isInApp) => change(row, { isInApp })} data-testid={`subscription-inapp-${row.kind}`} />,
          },
          {
            title: t('notifications.settings.digest'),
            key: 'digest',
            width: 180,
            render: (_, row) => (
              <Select<DigestChoice>
                value={row.digest}
                disabled={!row.isInApp}
                style={{ width: 140 }}
                onChange={(digest) => change(row, { digest })}
                options={(['none', 'daily', 'weekly'] as const).map((value) => ({ value, label: t(`notifications.digest.${value}`) }))}
                data-testid={`subscription-digest-${row.kind}`}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

/** The caller's digests, newest first, with their counts and text. */
function DigestsTab() {
  const t = useT();
  const lang = useLang();
  const pages = useCursorPages('digests');
  const digests = useNotificationDigests({ cursor: pages.cursor, limit: PAGE_SIZE });
  return (
    <Card className="table-card">
      {digests.error ? <ProblemAlert error={digests.error} /> : null}
      <List<NotificationDigest>
        data-testid="digest-list"
        loading={digests.isFetching}
        dataSource={digests.data?.items ?? []}
        locale={{ emptyText: t('notifications.digests.empty') }}
        renderItem={(d) => (
          <List.Item key={d.id} data-testid={`digest-${d.id}`}>
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color={d.period === 'daily' ? 'blue' : 'purple'}>{t(`notifications.digest.${d.period}`)}</Tag>
                  <span>{d.periodStart === d.periodEnd ? d.periodStart : t('notifications.digests.period', { from: d.periodStart, to: d.periodEnd })}</span>
                  <Typography.Text strong>{t('notifications.digests.total', { n: d.total })}</Typography.Text>
                  {Object.entries(d.counts).map(([kind, n]) => (
                    <Tag key={kind}>
                      {t(kindLabel(kind))} {n}
                    </Tag>
                  ))}
                </Space>
              }
              description={
                <>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }} data-testid="digest-text">
                    {d.text}
                  </Typography.Paragraph>
                  <span className="muted">{formatDateTime(lang, d.createdAt)}</span>
                </>
              }
            />
          </List.Item>
        )}
      />
      <CursorPager pages={pages} nextCursor={digests.data?.nextCursor} isFetching={digests.isFetching} />
    </Card>
  );
}
