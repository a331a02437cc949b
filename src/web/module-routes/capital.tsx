import { lazy } from 'react';
import { Route } from 'react-router';

const FinanceLedgerPage = lazy(() => import('../pages/FinanceLedgerPage').then((module) => ({ default: module.FinanceLedgerPage })));
const FinanceContractsPage = lazy(() => import('../pages/FinanceContractsPage').then((module) => ({ default: module.FinanceContractsPage })));
const PaymentPracticePage = lazy(() => import('../pages/PaymentPracticePage').then((module) => ({ default: module.PaymentPracticePage })));
const BuyerDisclosurePage = lazy(() => import('../pages/PaymentPracticePage').then((module) => ({ default: module.BuyerDisclosurePage })));
const ComplaintsPage = lazy(() => import('../pages/ComplaintsPage').then((module) => ({ default: module.ComplaintsPage })));
const FinancingPage = lazy(() => import('../pages/FinancingPage').then((module) => ({ default: module.FinancingPage })));
const CreditScorePage = lazy(() => import('../pages/CreditScorePage').then((module) => ({ default: module.CreditScorePage })));
const BankProductsPage = lazy(() => import('../pages/BankProductsPage').then((module) => ({ default: module.BankProductsPage })));
const VoucherWalletPage = lazy(() => import('../pages/VoucherWalletPage').then((module) => ({ default: module.VoucherWalletPage })));

/** Routes of the capital chain: payables ledger, contracts, voucher wallet: a fragment of <Route>s that `routes.tsx` mounts inside the app layout. */
export const capitalRoutes = (
  <>
    <Route path="finance" element={<FinanceLedgerPage />} />
    <Route path="finance/contracts" element={<FinanceContractsPage />} />
    <Route path="finance/vouchers" element={<VoucherWalletPage />} />
    <Route path="finance/financing" element={<FinancingPage />} />
    <Route path="finance/products" element={<BankProductsPage />} />
    <Route path="finance/complaints" element={<ComplaintsPage />} />
    <Route path="finance/practice" element={<PaymentPracticePage />} />
    <Route path="finance/practice/:uscc" element={<BuyerDisclosurePage />} />
    <Route path="finance/credit" element={<CreditScorePage />} />
  </>
);
