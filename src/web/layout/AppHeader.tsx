import { GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Tag } from 'antd';
import { Link } from 'react-router';
import type { UserView } from '../../contracts/auth';
import { roleKey, setLang, useLang, useT } from '../i18n';
import { useLogout } from '../queries/auth';
import { NotificationBell } from '../components/NotificationBell';
import { RiskAlertBell } from '../components/RiskAlertBell';
import { BrandMark } from './BrandMark';

/** Top bar: product name, the user with role and scope, language switch, sign-out. */
export function AppHeader({ user }: { user: UserView }) {
  const t = useT();
  const lang = useLang();
  const logout = useLogout();
  const scope = user.org?.name ?? user.regionName ?? (user.role === 'gov' || user.role === 'platform_admin' ? t('header.nationwide') : null);

  return (
    <Layout.Header className="app-header">
      <Link to="/" className="app-brand">
        <BrandMark />
        <span className="app-brand-name">{t('app.name')}</span>
      </Link>
      <Space size="middle" className="app-header-right">
        <Link to="/account" className="app-user" data-testid="header-user" title={t('header.account')}>
          <UserOutlined />
          <span className="app-user-name">{user.displayName || user.username}</span>
          <Tag className="app-role-tag" data-testid="header-role">
            {t(roleKey(user.role))}
          </Tag>
          {scope ? <span className="app-user-scope">{scope}</span> : null}
        </Link>
        <NotificationBell user={user} />
        <RiskAlertBell user={user} />
        <Button
          type="text"
          className="app-header-button"
          icon={<GlobalOutlined />}
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          data-testid="lang-switch"
        >
          {t('lang.switch')}
        </Button>
        <Button
          type="text"
          className="app-header-button"
          icon={<LogoutOutlined />}
          loading={logout.isPending}
          onClick={() => logout.mutate()}
          data-testid="logout-button"
        >
          {t('header.logout')}
        </Button>
      </Space>
    </Layout.Header>
  );
}
