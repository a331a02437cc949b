import { Badge, Button, Card, List, Segmented, Space } from 'antd';
import type { ReactNode } from 'react';
import type { CursorPages } from '../lib/useCursorPages';
import { CursorPager } from './CursorPager';
import { ProblemAlert } from './ProblemAlert';

interface InboxListProps<T extends { id: string; isRead: boolean }> {
  /** Test-id stem: `<testId>-list`, `<testId>-<id>`, `<testId>-open-<id>`, `<testId>s-filter`… */
  testId: string;
  items: T[] | undefined;
  unreadCount: number;
  isUnreadOnly: boolean;
  onUnreadOnly: (isUnreadOnly: boolean) => void;
  isFetching: boolean;
  error: unknown;
  pages: CursorPages;
  nextCursor: string | null | undefined;
  labels: { all: string; unread: string; unreadCount: string; empty: string; open: string; markRead: string };
  /** The unread dot's colour. */
  unreadStatus: 'processing' | 'error';
  onOpen: (item: T) => void;
  onRead: (item: T) => void;
  title: (item: T) => ReactNode;
  description: (item: T) => ReactNode;
}

/**
 * An inbox (站内消息, 预警消息): all/unread filter with the unread count, items newest first with
 * "open" and "mark read", cursor pages. The page gives the texts and renders each item's body.
 */
export function InboxList<T extends { id: string; isRead: boolean }>(props: InboxListProps<T>) {
  const { testId, labels } = props;
  return (
    <Card className="table-card">
      <Space style={{ marginBottom: 12 }}>
        <Segmented
          value={props.isUnreadOnly ? 'unread' : 'all'}
          onChange={(value) => props.onUnreadOnly(value === 'unread')}
          options={[
            { value: 'all', label: labels.all },
            { value: 'unread', label: labels.unread },
          ]}
          data-testid={`${testId}s-filter`}
        />
        <span className="muted" data-testid={`${testId}s-unread-count`}>
          {labels.unreadCount}
        </span>
      </Space>
      {props.error ? <ProblemAlert error={props.error} /> : null}
      <List<T>
        data-testid={`${testId}-list`}
        loading={props.isFetching}
        dataSource={props.items ?? []}
        locale={{ emptyText: labels.empty }}
        renderItem={(item) => (
          <List.Item
            key={item.id}
            data-testid={`${testId}-${item.id}`}
            data-read={item.isRead ? 'true' : 'false'}
            className={item.isRead ? `${testId}-read` : `${testId}-unread`}
            actions={[
              <Button key="open" type="link" onClick={() => props.onOpen(item)} data-testid={`${testId}-open-${item.id}`}>
                {labels.open}
              </Button>,
              ...(item.isRead
                ? []
                : [
                    <Button key="read" type="link" onClick={() => props.onRead(item)} data-testid={`${testId}-read-${item.id}`}>
                      {labels.markRead}
                    </Button>,
                  ]),
            ]}
          >
            <List.Item.Meta avatar={<Badge status={item.isRead ? 'default' : props.unreadStatus} />} title={props.title(item)} description={props.description(item)} />
          </List.Item>
        )}
      />
      <CursorPager pages={props.pages} nextCursor={props.nextCursor} isFetching={props.isFetching} />
    </Card>
  );
}
