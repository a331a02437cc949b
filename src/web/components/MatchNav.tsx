import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT, type MessageKey } from '../i18n';
import { useCurrentUser } from '../queries/auth';

const ITEMS: { path: string; labelKey: MessageKey; roles: readonly string[] }[] = [
  { path: '/matching', labelKey: 'matching.nav.needs', roles: ['platform_admin', 'gov', 'member'] },
  { path: '/matching/feed', labelKey: 'matching.nav.feed', roles: ['member'] },
  { path: '/matching/review', labelKey: 'matching.nav.review', roles: ['platform_admin', 'gov'] },
  { path: '/matching/offers', labelKey: 'matching.nav.offers', roles: ['platform_admin', 'gov', 'member'] },
  { path: '/matching/deals', labelKey: 'deals.nav', roles: ['platform_admin', 'gov', 'member'] },
];

/** The sub-navigation of 供需对接: needs, the SME feed, the gov review queue, offers. */
export function MatchNav() {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = ITEMS.filter((item) => item.roles.includes(user.role));
  const current = [...items].sort((a, b) => b.path.length - a.path.length).find((item) => pathname === item.path || pathname.startsWith(`${item.path}/`));
  return (
    <Segmented
      data-testid="match-nav"
      style={{ marginBottom: 16 }}
      value={current?.path ?? '/matching'}
      onChange={(path) => navigate(String(path))}
      options={items.map((item) => ({ value: item.path, label: <span data-testid={`match-nav-${item.path.split('/').pop()}`}>{t(item.labelKey)}</span> }))}
    />
  );
}
