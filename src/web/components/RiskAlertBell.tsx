import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { Link } from 'react-router';
import type { UserView } from '../../contracts/auth';
import { useT } from '../i18n';
import { useUnreadAlertCount } from '../queries/risk';

/** Header bell with the number of unread alerts; links to the inbox. Experts get no alerts. */
export function RiskAlertBell({ user }: { user: UserView }) {
  const t = useT();
  const isShown = user.role !== 'expert';
  const unread = useUnreadAlertCount({ enabled: isShown });
  if (!isShown) {
    return null;
  }
  return (
    <Link to="/alerts" data-testid="header-alerts">
      <Badge count={unread.data?.count ?? 0} size="small" offset={[-4, 4]}>
        <Button type="text" className="app-header-button" icon={<BellOutlined />} aria-label={t('risk.menuAlerts')} />
      </Badge>
    </Link>
  );
}
