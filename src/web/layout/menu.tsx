import {
  AlertOutlined,
  ApartmentOutlined,
  BellOutlined,
  CalendarOutlined,
  AuditOutlined,
  BankOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  DeploymentUnitOutlined,
  ExperimentOutlined,
  FlagOutlined,
  FileTextOutlined,
  HomeOutlined,
  NodeIndexOutlined,
  ProfileOutlined,
  ShopOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role, UserView } from '../../contracts/auth';
import type { MessageKey } from '../i18n';

/** One entry of the side menu. */
export interface MenuEntry {
  key: string;
  labelKey: MessageKey;
  icon: ReactNode;
  /** Roles that see the entry. */
  roles: readonly Role[];
  /** Route of the entry, or a function of the user (null hides it, e.g. a member without an enterprise). */
  path: string | ((user: UserView) => string | null);
  /** A module not built yet: shown greyed out so users know it is coming. */
  isPlanned?: boolean;
}

const ALL_ROLES: readonly Role[] = ['platform_admin', 'gov', 'member', 'expert'];
const REGISTRY_ROLES: readonly Role[] = ['platform_admin', 'gov'];

/** The side menu, in display order. New modules add an entry here and a route in `routes.tsx`. */
export const MENU: readonly MenuEntry[] = [
  { key: 'home', labelKey: 'menu.home', icon: <HomeOutlined />, roles: ALL_ROLES, path: '/' },
  { key: 'enterprises', labelKey: 'menu.enterprises', icon: <DatabaseOutlined />, roles: REGISTRY_ROLES, path: '/enterprises' },
  { key: 'import', labelKey: 'menu.import', icon: <CloudUploadOutlined />, roles: REGISTRY_ROLES, path: '/import' },
  {
    key: 'my-enterprise',
    labelKey: 'menu.myEnterprise',
    icon: <ShopOutlined />,
    roles: ['member'],
    path: (user) => (user.org?.uscc ? `/enterprises/${user.org.uscc}` : null),
  },
  { key: 'users', labelKey: 'menu.users', icon: <TeamOutlined />, roles: ['platform_admin'], path: '/users' },
  { key: 'chains', labelKey: 'menu.chains', icon: <ApartmentOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/chains' },
  { key: 'supply-edges', labelKey: 'menu.supplyEdges', icon: <NodeIndexOutlined />, roles: ALL_ROLES, path: '/supply-edges' },
  { key: 'risk', labelKey: 'risk.menu', icon: <AlertOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/risk' },
  { key: 'alerts', labelKey: 'risk.menuAlerts', icon: <BellOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/alerts' },
  { key: 'matching', labelKey: 'menu.matching', icon: <SwapOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/matching' },
  { key: 'fairs', labelKey: 'fairs.menu', icon: <CalendarOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/fairs' },
  { key: 'challenges', labelKey: 'menu.challenges', icon: <FlagOutlined />, roles: ALL_ROLES, path: '/challenges' },
  { key: 'resources', labelKey: 'innovation.menu.resources', icon: <ExperimentOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/resources' },
  { key: 'finance', labelKey: 'menu.finance', icon: <BankOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/finance' },
  { key: 'assessment', labelKey: 'menu.assessment', icon: <AuditOutlined />, roles: ALL_ROLES, path: '/assessment' },
  { key: 'dispatch', labelKey: 'menu.dispatch', icon: <DeploymentUnitOutlined />, roles: REGISTRY_ROLES, path: '/dispatch' },
  { key: 'dashboard', labelKey: 'workbench.menuDashboard', icon: <DashboardOutlined />, roles: REGISTRY_ROLES, path: '/dashboard' },
  { key: 'programmes', labelKey: 'services.menu.programmes', icon: <AuditOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/programmes' },
  { key: 'cases', labelKey: 'services.menu.cases', icon: <FileTextOutlined />, roles: ALL_ROLES, path: '/cases' },
  { key: 'key-lists', labelKey: 'workbench.lists.title', icon: <ProfileOutlined />, roles: REGISTRY_ROLES, path: '/key-lists' },
];

/** A menu entry resolved for one user. */
export interface VisibleMenuEntry extends MenuEntry {
  href: string;
}

/** The entries a user sees, with their resolved routes. */
export function menuFor(user: UserView): VisibleMenuEntry[] {
  return MENU.flatMap((entry) => {
    if (!entry.roles.includes(user.role)) {
      return [];
    }
    const href = typeof entry.path === 'function' ? entry.path(user) : entry.path;
    return href ? [{ ...entry, href }] : [];
  });
}

/** Key of the entry whose route best matches the location (longest prefix). */
export function selectedMenuKey(entries: readonly VisibleMenuEntry[], pathname: string): string | undefined {
  let best: VisibleMenuEntry | undefined;
  for (const entry of entries) {
    const isMatch = entry.href === '/' ? pathname === '/' : pathname === entry.href || pathname.startsWith(`${entry.href}/`);
    if (isMatch && (!best || entry.href.length > best.href.length)) {
      best = entry;
    }
  }
  return best?.key;
}
