import { ModuleNav, type ModuleNavItem } from '../ModuleNav';

const FINANCE_TABS: readonly ModuleNavItem[] = [
  { path: '/finance', labelKey: 'capital.nav.ledger', testId: 'finance-nav-ledger' },
  { path: '/finance/contracts', labelKey: 'capital.nav.contracts', testId: 'finance-nav-contracts' },
  { path: '/finance/vouchers', labelKey: 'capital.nav.vouchers', testId: 'finance-nav-vouchers' },
  { path: '/finance/financing', labelKey: 'capital.nav.financing', testId: 'finance-nav-financing' },
  { path: '/finance/products', labelKey: 'capital.nav.products', testId: 'finance-nav-products' },
  { path: '/finance/funds', labelKey: 'capital.nav.funds', testId: 'finance-nav-funds' },
  { path: '/finance/complaints', labelKey: 'capital.nav.complaints', testId: 'finance-nav-complaints' },
  { path: '/finance/practice', labelKey: 'capital.nav.practice', testId: 'finance-nav-practice' },
  { path: '/finance/credit', labelKey: 'capital.nav.credit', testId: 'finance-nav-credit' },
];

/** Tabs between the pages of the capital chain (the shared module sub-navigation; a buyer's disclosure page keeps 付款实践 selected). */
export function FinanceNav() {
  return <ModuleNav items={FINANCE_TABS} />;
}
