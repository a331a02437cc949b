import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../../i18n';

const TABS = [
  { path: '/finance', key: 'capital.nav.ledger', testId: 'finance-nav-ledger' },
  { path: '/finance/contracts', key: 'capital.nav.contracts', testId: 'finance-nav-contracts' },
  { path: '/finance/vouchers', key: 'capital.nav.vouchers', testId: 'finance-nav-vouchers' },
  { path: '/finance/financing', key: 'capital.nav.financing', testId: 'finance-nav-financing' },
  { path: '/finance/products', key: 'capital.nav.products', testId: 'finance-nav-products' },
  { path: '/finance/complaints', key: 'capital.nav.complaints', testId: 'finance-nav-complaints' },
  { path: '/finance/practice', key: 'capital.nav.practice', testId: 'finance-nav-practice' },
  { path: '/finance/credit', key: 'capital.nav.credit', testId: 'finance-nav-credit' },
] as const;

/** Tabs between the pages of the capital chain. */
export function FinanceNav() {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <Segmented
      className="module-nav"
      value={pathname}
      onChange={(value) => navigate(String(value))}
      options={TABS.map((tab) => ({ value: tab.path, label: <span data-testid={tab.testId}>{t(tab.key)}</span> }))}
      style={{ marginBottom: 16 }}
    />
  );
}
