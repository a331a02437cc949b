import {
  GlobalOutlined,
  AlertOutlined,
  ApartmentOutlined,
  BellOutlined,
  BulbOutlined,
  CalendarOutlined,
  AuditOutlined,
  BankOutlined,
  CloudUploadOutlined,
  CommentOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  DeploymentUnitOutlined,
  ExperimentOutlined,
  FlagOutlined,
  FileTextOutlined,
  HomeOutlined,
  LineChartOutlined,
  NodeIndexOutlined,
  PieChartOutlined,
  ProfileOutlined,
  ProjectOutlined,
  ShopOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role, UserView } from '../../contracts/auth';
import type { MessageKey } from '../i18n';

/** Sections of the side menu, in display order; `main` has no heading. */
export const MENU_GROUPS = ['main', 'chains', 'matching', 'innovation', 'capital', 'assessment', 'workbench', 'admin'] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];

/** One entry of the side menu. */
export interface MenuEntry {
  key: string;
  /** The section the entry is listed under. */
  group: MenuGroup;
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

/** The side menu, in display order within each group. New modules add an entry here and a route in `routes.tsx`. */
export const MENU: readonly MenuEntry[] = [
  { key: 'home', group: 'main', labelKey: 'menu.home', icon: <HomeOutlined />, roles: ALL_ROLES, path: '/' },
  { key: 'enterprises', group: 'chains', labelKey: 'menu.enterprises', icon: <DatabaseOutlined />, roles: REGISTRY_ROLES, path: '/enterprises' },
  { key: 'import', group: 'chains', labelKey: 'menu.import', icon: <CloudUploadOutlined />, roles: REGISTRY_ROLES, path: '/import' },
  {
    key: 'my-enterprise', group: 'main',
    labelKey: 'menu.myEnterprise',
    icon: <ShopOutlined />,
    roles: ['member'],
    path: (user) => (user.org?.uscc ? `/enterprises/${user.org.uscc}` : null),
  },
  { key: 'users', group: 'admin', labelKey: 'menu.users', icon: <TeamOutlined />, roles: ['platform_admin'], path: '/users' },
  { key: 'chains', group: 'chains', labelKey: 'menu.chains', icon: <ApartmentOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/chains' },
  { key: 'supply-edges', group: 'chains', labelKey: 'menu.supplyEdges', icon: <NodeIndexOutlined />, roles: ALL_ROLES, path: '/supply-edges' },
  { key: 'leaders', group: 'chains', labelKey: 'services.menu.leaders', icon: <FlagOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/leaders' },
  { key: 'capacity', group: 'chains', labelKey: 'capacity.menu', icon: <LineChartOutlined />, roles: ['platform_admin', 'gov'], path: '/capacity' },
  {
    key: 'capacity-report', group: 'main',
    labelKey: 'capacity.report.title',
    icon: <LineChartOutlined />,
    roles: ['member'],
    path: (user) => (user.org?.uscc ? '/capacity' : null),
  },
  { key: 'risk', group: 'chains', labelKey: 'risk.menu', icon: <AlertOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/risk' },
  { key: 'alerts', group: 'chains', labelKey: 'risk.menuAlerts', icon: <BellOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/alerts' },
  { key: 'matching', group: 'matching', labelKey: 'menu.matching', icon: <SwapOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/matching' },
  { key: 'cross-border', group: 'matching', labelKey: 'xb.menu', icon: <GlobalOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/cross-border' },
  { key: 'soe-openness', group: 'matching', labelKey: 'services.menu.soe', icon: <ShopOutlined />, roles: ALL_ROLES, path: '/soe-openness' },
  { key: 'fairs', group: 'matching', labelKey: 'fairs.menu', icon: <CalendarOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/fairs' },
  { key: 'challenges', group: 'innovation', labelKey: 'menu.challenges', icon: <FlagOutlined />, roles: ALL_ROLES, path: '/challenges' },
  { key: 'resources', group: 'innovation', labelKey: 'innovation.menu.resources', icon: <ExperimentOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/resources' },
  { key: 'finance', group: 'capital', labelKey: 'menu.finance', icon: <BankOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/finance' },
  { key: 'assessment', group: 'assessment', labelKey: 'menu.assessment', icon: <AuditOutlined />, roles: ALL_ROLES, path: '/assessment' },
  { key: 'dispatch', group: 'workbench', labelKey: 'menu.dispatch', icon: <DeploymentUnitOutlined />, roles: REGISTRY_ROLES, path: '/dispatch' },
  { key: 'dashboard', group: 'workbench', labelKey: 'workbench.menuDashboard', icon: <DashboardOutlined />, roles: REGISTRY_ROLES, path: '/dashboard' },
  { key: 'key-lists', group: 'workbench', labelKey: 'workbench.lists.title', icon: <ProfileOutlined />, roles: REGISTRY_ROLES, path: '/key-lists' },
  { key: 'projects', group: 'workbench', labelKey: 'workbench.projects.title', icon: <ProjectOutlined />, roles: REGISTRY_ROLES, path: '/projects' },
  { key: 'achievements', group: 'innovation', labelKey: 'innovation.menu.achievements', icon: <BulbOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/achievements' },
  { key: 'consortia', group: 'innovation', labelKey: 'collab.menu.consortia', icon: <ApartmentOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/consortia' },
  { key: 'standards-patents', group: 'innovation', labelKey: 'collab.menu.ip', icon: <FileTextOutlined />, roles: ALL_ROLES, path: '/standards-patents' },
  { key: 'green', group: 'innovation', labelKey: 'collab.menu.green', icon: <NodeIndexOutlined />, roles: ALL_ROLES, path: '/green' },
  { key: 'consultations', group: 'innovation', labelKey: 'talent.menu.consultations', icon: <CommentOutlined />, roles: ALL_ROLES, path: '/consultations' },
  { key: 'secondments', group: 'innovation', labelKey: 'talent.menu.secondments', icon: <SolutionOutlined />, roles: ALL_ROLES, path: '/secondments' },
  { key: 'investments', group: 'innovation', labelKey: 'talent.menu.investments', icon: <PieChartOutlined />, roles: ['platform_admin', 'gov'], path: '/investments' },
  { key: 'programmes', group: 'workbench', labelKey: 'services.menu.programmes', icon: <AuditOutlined />, roles: ['platform_admin', 'gov', 'member'], path: '/programmes' },
  { key: 'service-directory', group: 'workbench', labelKey: 'services.menu.directory', icon: <ShopOutlined />, roles: ALL_ROLES, path: '/service-directory' },
  { key: 'cases', group: 'workbench', labelKey: 'services.menu.cases', icon: <FileTextOutlined />, roles: ALL_ROLES, path: '/cases' },
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
