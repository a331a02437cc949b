import { CheckCircleOutlined, KeyOutlined, LogoutOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { UserView } from '../../contracts/auth';
import { CreateUserModal } from '../components/CreateUserModal';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ResetPasswordModal } from '../components/ResetPasswordModal';
import { ProblemAlert } from '../components/ProblemAlert';
import { orgKindKey, roleKey, useLang, useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useCursorPages } from '../lib/useCursorPages';
import { useCurrentUser } from '../queries/auth';
import { useRevokeUserSessions, useSetUserDisabled, useUserList } from '../queries/users';

const PAGE_SIZE = 20;
const ROLE_COLORS: Record<UserView['role'], string> = { platform_admin: 'red', gov: 'blue', member: 'green', expert: 'purple' };

/** 用户管理: every account; creating, disabling and enabling accounts, resetting passwords, signing users out. */
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
  const me = useCurrentUser();
  const setDisabled = useSetUserDisabled();
  const toggleDisabled = (user: UserView) =>
    setDisabled.mutate(
      { userId: user.id, isDisabled: !user.isDisabled },
      { onSuccess: (result) => void message.success(t(result.user.isDisabled ? 'users.disabledDone' : 'users.enabledDone', { name: user.username, n: result.revoked })) },
    );
  const [resetting, setResetting] = useState<UserView>();

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
        {setDisabled.error ? <ProblemAlert error={setDisabled.error} /> : null}
        <Table<UserView>
          data-testid="users-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          columns={[
            {
              title: t('users.username'),
              dataIndex: 'username',
              render: (value: string, row) => (
                <>
                  <span className="mono">{value}</span> {row.isDisabled ? <Tag color="default" data-testid={`disabled-tag-${value}`}>{t('users.disabled')}</Tag> : null}
                </>
              ),
            },
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
                <Space size={4} wrap>
                  <Popconfirm title={t('users.revokeConfirm', { name: row.username })} okText={t('users.revokeSessions')} cancelText={t('common.cancel')} onConfirm={() => revokeAll(row)}>
                    <Button size="small" danger icon={<LogoutOutlined />} loading={revoke.isPending && revoke.variables === row.id} data-testid={`revoke-user-${row.username}`}>
                      {t('users.revokeSessions')}
                    </Button>
                  </Popconfirm>
                  <Button size="small" icon={<KeyOutlined />} onClick={() => setResetting(row)} data-testid={`reset-password-${row.username}`}>
                    {t('users.resetPassword')}
                  </Button>
                  {String(row.id) === String(me.id) ? null : (
                    <Popconfirm
                      title={t(row.isDisabled ? 'users.enableConfirm' : 'users.disableConfirm', { name: row.username })}
                      okText={t(row.isDisabled ? 'users.enable' : 'users.disable')}
                      okButtonProps={{ danger: !row.isDisabled }}
                      cancelText={t('common.cancel')}
                      onConfirm={() => toggleDisabled(row)}
                    >
                      <Button
                        size="small"
                        danger={!row.isDisabled}
                        icon={row.isDisabled ? <CheckCircleOutlined /> : <StopOutlined />}
                        loading={setDisabled.isPending && setDisabled.variables?.userId === row.id}
                        data-testid={`${row.isDisabled ? 'enable' : 'disable'}-user-${row.username}`}
                      >
                        {t(row.isDisabled ? 'users.enable' : 'users.disable')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} total={list.data?.total} isFetching={list.isFetching} />
      </Card>
      <CreateUserModal open={isCreating} onClose={() => setCreating(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(undefined)} />
    </div>
  );
}
