import { LogoutOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Popconfirm, Table, Tag } from 'antd';
import { useState } from 'react';
import type { UserView } from '../../contracts/auth';
import { CreateUserModal } from '../components/CreateUserModal';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { orgKindKey, roleKey, useLang, useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useCursorPages } from '../lib/useCursorPages';
import { useRevokeUserSessions, useUserList } from '../queries/users';

const PAGE_SIZE = 20;
const ROLE_COLORS: Record<UserView['role'], string> = { platform_admin: 'red', gov: 'blue', member: 'green', expert: 'purple' };

/** 用户管理: every account, and creating new ones. */
export function UsersPage() {
  const t = useT();
  const lang = useLang();
  const pages = useCursorPages();
  const list = useUserList({ cursor: pages.cursor, limit: PAGE_SIZE });
  const [isCreating, setCreating] = useState(false);
  const { message } = AntApp.useApp();
  const revoke = useRevokeUserSessions();
  const revokeAll = (user: UserView) =>
    revoke.mutate(user.id, { onSuccess: (result) => void message.success(t('users.sessionsRevoked', { name: user.username, n: result.revoked })) });

  return (
    <div data-testid="users-page">
      <PageHeader
        title={t('users.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-user-button">
            {t('users.create')}
          </Button>
        }
      />
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        {revoke.error ? <ProblemAlert error={revoke.error} /> : null}
        <Table<UserView>
          data-testid="users-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('users.username'), dataIndex: 'username', render: (value: string) => <span className="mono">{value}</span> },
            { title: t('users.displayName'), dataIndex: 'displayName', render: (value: string | null) => value || '—' },
            {
              title: t('users.role'),
              dataIndex: 'role',
              render: (role: UserView['role']) => <Tag color={ROLE_COLORS[role]}>{t(roleKey(role))}</Tag>,
            },
            {
              title: t('users.region'),
              dataIndex: 'regionName',
              render: (value: string | null, row) => (value ? `${value} (${row.regionCode})` : '—'),
            },
            {
              title: t('users.org'),
              dataIndex: 'org',
              render: (org: UserView['org']) =>
                org ? (
                  <>
                    {org.name} <Tag>{t(orgKindKey(org.kind))}</Tag>
                  </>
                ) : (
                  '—'
                ),
            },
            { title: t('users.createdAt'), dataIndex: 'createdAt', render: (value: string) => formatDateTime(lang, value) },
            {
              title: t('users.actions'),
              key: 'actions',
              render: (_: unknown, row) => (
                <Popconfirm title={t('users.revokeConfirm', { name: row.username })} okText={t('users.revokeSessions')} cancelText={t('common.cancel')} onConfirm={() => revokeAll(row)}>
                  <Button size="small" danger icon={<LogoutOutlined />} loading={revoke.isPending && revoke.variables === row.id} data-testid={`revoke-user-${row.username}`}>
                    {t('users.revokeSessions')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} total={list.data?.total} isFetching={list.isFetching} />
      </Card>
      <CreateUserModal open={isCreating} onClose={() => setCreating(false)} />
    </div>
  );
}
