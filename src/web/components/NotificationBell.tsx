import { MessageOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { UserView } from '../../contracts/auth';
import { useT } from '../i18n';
import { notificationText } from '../lib/notifications';
import { useReadNotifications, useUnreadNotifications } from '../queries/notifications';

/** Header button of the in-app inbox (站内消息) with the unread count; its menu shows the newest unread and opens one (marking it read) or the inbox. */
export function NotificationBell({ user }: { user: UserView }) {
  const t = useT();
  const navigate = useNavigate();
  const isShown = user.role !== 'expert';
  const unread = useUnreadNotifications({ enabled: isShown });
  const read = useReadNotifications();
  if (!isShown) return null;
  const items = unread.data?.items ?? [];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          ...items.map((n) => ({
            key: n.id,
            label: <Typography.Text ellipsis style={{ maxWidth: 360 }} data-testid={`bell-notification-${n.id}`}>{notificationText(n, t)}</Typography.Text>,
            onClick: () => {
              read.mutate(n.id);
              void navigate(n.link);
            },
          })),
          ...(items.length > 0 ? [{ type: 'divider' as const }] : []),
          { key: 'inbox', label: <span data-testid="bell-open-inbox">{items.length > 0 ? t('notifications.openInbox') : t('notifications.noneUnread')}</span>, onClick: () => void navigate('/notifications') },
        ],
      }}
    >
      <Badge count={unread.data?.unreadCount ?? 0} size="small" offset={[-4, 4]}>
        <Button type="text" className="app-header-button" icon={<MessageOutlined />} aria-label={t('notifications.title')} data-testid="header-notifications" />
      </Badge>
    </Dropdown>
  );
}
