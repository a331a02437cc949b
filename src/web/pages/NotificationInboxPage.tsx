import { CheckOutlined, DownloadOutlined } from '@ant-design/icons';
import { Badge, Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { NotificationKind, NotificationView } from '../../contracts/notifications';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { useLang, useT, type MessageKey } from '../i18n';
import { formatDateTime } from '../lib/format';
import { notificationText } from '../lib/notifications';
import { useCursorPages } from '../lib/useCursorPages';
import { useUrlParams } from '../lib/useUrlParams';
import { notificationsExportUrl, useNotifications, useReadNotifications } from '../queries/notifications';

const PAGE_SIZE = 20;

/** Tag of each kind: its colour and label. */
const KIND_TAGS: Record<NotificationKind, { color: string; labelKey: MessageKey }> = {
  'task.dispatched': { color: 'blue', labelKey: 'notifications.tag.task' },
  'task.reported': { color: 'cyan', labelKey: 'notifications.tag.report' },
  'task.reminded': { color: 'orange', labelKey: 'notifications.tag.remind' },
  'need.published': { color: 'green', labelKey: 'notifications.tag.need' },
  'need.returned': { color: 'red', labelKey: 'notifications.tag.need' },
  'programme.approved': { color: 'green', labelKey: 'notifications.tag.programme' },
  'programme.rejected': { color: 'red', labelKey: 'notifications.tag.programme' },
};

/** 站内消息: the user's notifications, newest first; opening one marks it read and goes to its page. */
export function NotificationInboxPage() {
  const t = useT();
  const lang = useLang();
  const navigate = useNavigate();
  const { params, setParam } = useUrlParams();
  const isUnreadOnly = params.get('unread') === '1';
  const pages = useCursorPages(String(isUnreadOnly));
  const list = useNotifications({ isUnreadOnly }, { cursor: pages.cursor, limit: PAGE_SIZE });
  const read = useReadNotifications();

  const open = (n: NotificationView) => {
    if (!n.isRead) read.mutate(n.id);
    void navigate(n.link);
  };

  return (
    <div data-testid="notification-inbox-page">
      <PageHeader
        title={t('notifications.title')}
        subTitle={t('notifications.subtitle')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} href={notificationsExportUrl(isUnreadOnly)} data-testid="notifications-export">
              {t('notifications.export')}
            </Button>
            <Button icon={<CheckOutlined />} onClick={() => read.mutate(undefined)} disabled={!list.data?.unreadCount} loading={read.isPending} data-testid="notifications-read-all">
              {t('notifications.readAll')}
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
              { value: 'all', label: t('notifications.all') },
              { value: 'unread', label: t('notifications.unread') },
            ]}
            data-testid="notifications-filter"
          />
          <span className="muted" data-testid="notifications-unread-count">
            {t('notifications.unreadCount', { n: list.data?.unreadCount ?? 0 })}
          </span>
        </Space>
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <List<NotificationView>
          data-testid="notification-list"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t(isUnreadOnly ? 'notifications.emptyUnread' : 'notifications.empty') }}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              data-testid={`notification-${n.id}`}
              data-read={n.isRead ? 'true' : 'false'}
              actions={[
                <Button key="open" type="link" onClick={() => open(n)} data-testid={`notification-open-${n.id}`}>
                  {t('notifications.open')}
                </Button>,
                ...(n.isRead
                  ? []
                  : [
                      <Button key="read" type="link" onClick={() => read.mutate(n.id)} data-testid={`notification-read-${n.id}`}>
                        {t('notifications.markRead')}
                      </Button>,
                    ]),
              ]}
            >
              <List.Item.Meta
                avatar={<Badge status={n.isRead ? 'default' : 'processing'} />}
                title={
                  <Space wrap>
                    <Tag color={KIND_TAGS[n.kind].color}>{t(KIND_TAGS[n.kind].labelKey)}</Tag>
                    <Typography.Text strong={!n.isRead}>{notificationText(n, t)}</Typography.Text>
                  </Space>
                }
                description={<span className="muted">{formatDateTime(lang, n.createdAt)}</span>}
              />
            </List.Item>
          )}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
    </div>
  );
}
