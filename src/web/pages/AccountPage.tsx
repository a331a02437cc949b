import { LogoutOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Descriptions, Popconfirm, Table, Tag } from 'antd';
import type { SessionView } from '../../contracts/auth';
import { ChangePasswordCard } from '../components/ChangePasswordCard';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { roleKey, useLang, useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useCursorPages } from '../lib/useCursorPages';
import { useCurrentUser } from '../queries/auth';
import { useOwnSessions, useRevokeOwnSessions } from '../queries/users';

const PAGE_SIZE = 20;

/** 我的账户: who I am, changing my password, where I am signed in, and signing out everywhere else. */
export function AccountPage() {
  const t = useT();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const user = useCurrentUser();
  const pages = useCursorPages();
  const sessions = useOwnSessions({ cursor: pages.cursor, limit: PAGE_SIZE });
  const revoke = useRevokeOwnSessions();

  const revokeOthers = () =>
    revoke.mutate(undefined, {
      onSuccess: (result) => {
        void message.success(t('account.revoked', { n: result.revoked }));
      },
    });

  return (
    <div data-testid="account-page">
      <PageHeader title={t('account.title')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('users.username')}><span className="mono">{user.username}</span></Descriptions.Item>
          <Descriptions.Item label={t('users.displayName')}>{user.displayName || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('users.role')}>{t(roleKey(user.role))}</Descriptions.Item>
        </Descriptions>
      </Card>
      <ChangePasswordCard />
      <Card
        className="table-card"
        title={t('account.sessions')}
        extra={
          <Popconfirm title={t('account.revokeConfirm')} okText={t('account.revokeOthers')} cancelText={t('common.cancel')} onConfirm={revokeOthers}>
            <Button danger icon={<LogoutOutlined />} loading={revoke.isPending} data-testid="revoke-sessions-button">
              {t('account.revokeOthers')}
            </Button>
          </Popconfirm>
        }
      >
        <div className="muted" style={{ padding: '12px 16px' }}>{t('account.sessionsHint')}</div>
        {sessions.error ? <ProblemAlert error={sessions.error} /> : null}
        {revoke.error ? <ProblemAlert error={revoke.error} /> : null}
        <Table<SessionView>
          data-testid="sessions-table"
          rowKey="id"
          size="middle"
          loading={sessions.isFetching}
          dataSource={sessions.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('account.createdAt'), dataIndex: 'createdAt', render: (value: string, row) => <>{formatDateTime(lang, value)} {row.isCurrent ? <Tag color="green">{t('account.current')}</Tag> : null}</> },
            { title: t('account.lastSeenAt'), dataIndex: 'lastSeenAt', render: (value: string) => formatDateTime(lang, value) },
            { title: t('account.expiresAt'), dataIndex: 'expiresAt', render: (value: string) => formatDateTime(lang, value) },
            { title: t('account.clientIp'), dataIndex: 'clientIp', render: (value: string | null) => <span className="mono">{value ?? '—'}</span> },
            { title: t('account.userAgent'), dataIndex: 'userAgent', ellipsis: true, render: (value: string | null) => value ?? '—' },
          ]}
        />
        <CursorPager pages={pages} nextCursor={sessions.data?.nextCursor} isFetching={sessions.isFetching} />
      </Card>
    </div>
  );
}
