import { Button, Result, Spin } from 'antd';
import { useT } from './i18n';
import { errorMessage } from './lib/problem';
import { LoginPage } from './pages/LoginPage';
import { useMe } from './queries/auth';
import { Suspense, lazy } from 'react';
import { useLocation } from 'react-router';
import { AppRoutes } from './routes';

const PublicRoutes = lazy(() => import('./pages/services/PublicCasePages').then((m) => ({ default: m.PublicRoutes })));

/** Shows the login page until there is a session; the requested URL is kept, so the user lands where they meant to. */
export function AuthGate() {
  const t = useT();
  const me = useMe();
  const { pathname } = useLocation();
  // Public pages (published cases) need no session.
  if (pathname.startsWith('/public/')) {
    return (
      <Suspense fallback={<Spin size="large" fullscreen />}>
        <PublicRoutes />
      </Suspense>
    );
  }
  if (me.isPending) {
    return <Spin size="large" fullscreen />;
  }
  if (me.isError) {
    return (
      <Result
        status="warning"
        title={errorMessage(me.error, t)}
        extra={
          <Button type="primary" onClick={() => me.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (!me.data) {
    return <LoginPage />;
  }
  return <AppRoutes />;
}
