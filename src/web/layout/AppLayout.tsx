import { Layout, Menu, Spin, Tag, type MenuProps } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useT } from '../i18n';
import { useCurrentUser } from '../queries/auth';
import { AppHeader } from './AppHeader';
import { MENU_GROUPS, menuFor, selectedMenuKey } from './menu';

/** The signed-in frame: header, role-dependent side menu, and the page. */
export function AppLayout() {
  const t = useT();
  const user = useCurrentUser();
  const location = useLocation();
  const [isCollapsed, setCollapsed] = useState(false);
  const entries = useMemo(() => menuFor(user), [user]);
  const selectedKey = selectedMenuKey(entries, location.pathname);

  const available = entries.filter((entry) => !entry.isPlanned);
  const planned = entries.filter((entry) => entry.isPlanned);
  const toItem = (entry: (typeof entries)[number]) => ({
    key: entry.key,
    icon: entry.icon,
    label: (
      <Link to={entry.href} data-testid={`menu-${entry.key}`}>
        {t(entry.labelKey)}
      </Link>
    ),
  });
  // Sections with headings (the first, `main`, has none); a collapsed menu shows icons only.
  const items: MenuProps['items'] = [
    ...MENU_GROUPS.flatMap((group): NonNullable<MenuProps['items']> => {
      const members = available.filter((entry) => entry.group === group);
      if (members.length === 0) return [];
      if (group === 'main') return members.map(toItem);
      return [{ type: 'group' as const, key: `group-${group}`, label: isCollapsed ? null : t(`menu.group.${group}`), children: members.map(toItem) }];
    }),
    ...(planned.length > 0
      ? [
          {
            type: 'group' as const,
            key: 'planned',
            label: isCollapsed ? null : t('menu.groupPlanned'),
            children: planned.map((entry) => ({
              key: entry.key,
              icon: entry.icon,
              disabled: true,
              label: (
                <span className="menu-planned">
                  {t(entry.labelKey)}
                  <Tag variant="filled" className="menu-planned-tag">
                    {t('common.comingSoon')}
                  </Tag>
                </span>
              ),
            })),
          },
        ]
      : []),
  ];

  return (
    <Layout className="app-shell">
      <AppHeader user={user} />
      <Layout>
        <Layout.Sider
          theme="light"
          width={216}
          collapsible
          collapsed={isCollapsed}
          onCollapse={setCollapsed}
          className="app-sider"
          data-testid="side-menu"
        >
          <Menu mode="inline" selectedKeys={selectedKey ? [selectedKey] : []} items={items} className="app-menu" />
        </Layout.Sider>
        <Layout.Content className="app-content">
          <Suspense fallback={<Spin size="large" className="page-spin" />}>
            <Outlet />
          </Suspense>
          <div className="app-footer">{t('app.footer')}</div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
