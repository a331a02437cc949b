import { lazy, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import type { UserView } from '../contracts/auth';
import { AppLayout } from './layout/AppLayout';
import { canManageEnterprises, canManageUsers } from './lib/access';
import { ForbiddenPage, NotFoundPage } from './pages/StatusPages';
import { useCurrentUser } from './queries/auth';
import { innovationRoutes } from './module-routes/innovation';
import { workbenchRoutes } from './module-routes/workbench';
import { assessmentRoutes } from './module-routes/assessment';
import { capitalRoutes } from './module-routes/capital';
import { fairsRoutes } from './module-routes/fairs';
import { dealsRoutes } from './module-routes/deals';
import { servicesRoutes } from './module-routes/services';

// Pages load on first visit; the shell and the login page are in the main bundle.
const HomePage = lazy(() => import('./pages/HomePage').then((module) => ({ default: module.HomePage })));
const EnterpriseListPage = lazy(() => import('./pages/EnterpriseListPage').then((module) => ({ default: module.EnterpriseListPage })));
const EnterpriseDetailPage = lazy(() => import('./pages/EnterpriseDetailPage').then((module) => ({ default: module.EnterpriseDetailPage })));
const ImportPage = lazy(() => import('./pages/ImportPage').then((module) => ({ default: module.ImportPage })));
const AccountPage = lazy(() => import('./pages/AccountPage').then((module) => ({ default: module.AccountPage })));
const UsersPage = lazy(() => import('./pages/UsersPage').then((module) => ({ default: module.UsersPage })));
const ChainListPage = lazy(() => import('./pages/ChainListPage').then((module) => ({ default: module.ChainListPage })));
const ChainDetailPage = lazy(() => import('./pages/ChainDetailPage').then((module) => ({ default: module.ChainDetailPage })));
const SupplyEdgesPage = lazy(() => import('./pages/SupplyEdgesPage').then((module) => ({ default: module.SupplyEdgesPage })));
const SupplyEdgesImportPage = lazy(() => import('./pages/SupplyEdgesImportPage').then((module) => ({ default: module.SupplyEdgesImportPage })));
const WeakLinksPage = lazy(() => import('./pages/WeakLinksPage').then((module) => ({ default: module.WeakLinksPage })));
const LittleGiantsPage = lazy(() => import('./pages/LittleGiantsPage').then((module) => ({ default: module.LittleGiantsPage })));
const CapacityPage = lazy(() => import('./pages/CapacityPage').then((module) => ({ default: module.CapacityPage })));
const RiskEventListPage = lazy(() => import('./pages/RiskEventListPage').then((module) => ({ default: module.RiskEventListPage })));
const RiskEventDetailPage = lazy(() => import('./pages/RiskEventDetailPage').then((module) => ({ default: module.RiskEventDetailPage })));
const RiskSubscriptionsPage = lazy(() => import('./pages/RiskSubscriptionsPage').then((module) => ({ default: module.RiskSubscriptionsPage })));
const RiskSettingsPage = lazy(() => import('./pages/RiskSettingsPage').then((module) => ({ default: module.RiskSettingsPage })));
const AlertInboxPage = lazy(() => import('./pages/AlertInboxPage').then((module) => ({ default: module.AlertInboxPage })));
const NeedListPage = lazy(() => import('./pages/NeedListPage').then((module) => ({ default: module.NeedListPage })));
const NeedCreatePage = lazy(() => import('./pages/NeedCreatePage').then((module) => ({ default: module.NeedCreatePage })));
const NeedDetailPage = lazy(() => import('./pages/NeedDetailPage').then((module) => ({ default: module.NeedDetailPage })));
const NeedReviewPage = lazy(() => import('./pages/NeedReviewPage').then((module) => ({ default: module.NeedReviewPage })));
const MatchingFeedPage = lazy(() => import('./pages/MatchingFeedPage').then((module) => ({ default: module.MatchingFeedPage })));
const OfferListPage = lazy(() => import('./pages/OfferListPage').then((module) => ({ default: module.OfferListPage })));
const CrossBorderPage = lazy(() => import('./pages/crossborder/CrossBorderPage').then((module) => ({ default: module.CrossBorderPage })));

/** Renders the page only for users the predicate allows. */
function Allow({ when, children }: { when: (user: UserView) => boolean; children: ReactNode }) {
  const user = useCurrentUser();
  return when(user) ? children : <ForbiddenPage />;
}

/** The routes of the signed-in app. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomePage />} />
        <Route
          path="enterprises"
          element={
            <Allow when={canManageEnterprises}>
              <EnterpriseListPage />
            </Allow>
          }
        />
        <Route path="enterprises/:uscc" element={<EnterpriseDetailPage />} />
        <Route
          path="import"
          element={
            <Allow when={canManageEnterprises}>
              <ImportPage />
            </Allow>
          }
        />
        <Route path="account" element={<AccountPage />} />
        <Route
          path="users"
          element={
            <Allow when={canManageUsers}>
              <UsersPage />
            </Allow>
          }
        />
        <Route path="chains" element={<ChainListPage />} />
        <Route path="chains/:id" element={<ChainDetailPage />} />
        <Route path="chains/:id/weak-links" element={<WeakLinksPage />} />
        <Route path="chains/:id/little-giants" element={<LittleGiantsPage />} />
        <Route path="supply-edges" element={<SupplyEdgesPage />} />
        <Route path="supply-edges/import" element={<SupplyEdgesImportPage />} />
        <Route
          path="capacity"
          element={
            <Allow when={(user) => user.role !== 'expert'}>
              <CapacityPage />
            </Allow>
          }
        />
        <Route path="risk" element={<RiskEventListPage />} />
        <Route path="risk/events/:id" element={<RiskEventDetailPage />} />
        <Route path="risk/subscriptions" element={<RiskSubscriptionsPage />} />
        <Route
          path="risk/settings"
          element={
            <Allow when={canManageUsers}>
              <RiskSettingsPage />
            </Allow>
          }
        />
        <Route path="alerts" element={<AlertInboxPage />} />
        <Route path="matching" element={<NeedListPage />} />
        <Route path="matching/needs/new" element={<NeedCreatePage />} />
        <Route path="matching/needs/:id" element={<NeedDetailPage />} />
        <Route path="matching/review" element={<NeedReviewPage />} />
        <Route path="matching/feed" element={<MatchingFeedPage />} />
        <Route path="matching/offers" element={<OfferListPage />} />
        <Route path="cross-border" element={<CrossBorderPage />} />
        {dealsRoutes}
        {fairsRoutes}
        {capitalRoutes}
        {assessmentRoutes}
        {workbenchRoutes}
        {innovationRoutes}
        {servicesRoutes}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
