import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n';

/** Shown for routes the user's role may not open. */
export function ForbiddenPage() {
  const t = useT();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('common.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** Shown for unknown routes and for modules still being built. */
export function NotFoundPage() {
  const t = useT();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.pageNotFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
