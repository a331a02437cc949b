import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT, type MessageKey } from '../i18n';

/** One tab of a module's sub-navigation. */
export interface ModuleNavItem {
  /** Where the tab leads. */
  path: string;
  labelKey: MessageKey;
  /** The tab is current on paths under this prefix (default: `path`). */
  match?: string;
  testId?: string;
}

/**
 * Tabs between the pages of one module: the tab whose prefix matches the current path longest is
 * selected (the first when none does). Renders nothing with fewer than two items.
 */
export function ModuleNav({ items }: { items: readonly ModuleNavItem[] }) {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (items.length < 2) return null;
  const prefix = (item: ModuleNavItem) => item.match ?? item.path;
  const current = [...items].sort((a, b) => prefix(b).length - prefix(a).length).find((item) => pathname === prefix(item) || pathname.startsWith(`${prefix(item)}/`));
  return (
    <Segmented
      className="module-nav"
      value={(current ?? items[0]).path}
      onChange={(path) => navigate(String(path))}
      options={items.map((item) => ({ value: item.path, label: item.testId ? <span data-testid={item.testId}>{t(item.labelKey)}</span> : t(item.labelKey) }))}
      style={{ marginBottom: 12 }}
    />
  );
}
