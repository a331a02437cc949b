import { lazy, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import type { UserView } from '../contracts/auth';
import { AppLayout } from './layout/AppLayout';
import { canManageEnterprises, canManageUsers } from './lib/access';
import { ForbiddenPage, NotFoundPage } from './pages/StatusPages';
import { useCurrentUser } from './queries/auth';

// Pages load on first visit; the shell and the login page are in the main bundle.
const HomePage = lazy(() => import('./pages/HomePage').then((module) => ({ default: module.HomePage })));
const EnterpriseListPage = lazy(() => import('./pages/EnterpriseListPage').then((module) => ({ default: module.EnterpriseListPage })));
const EnterpriseDetailPage = lazy(() => import('./pages/EnterpriseDetailPage').then((module) => ({ default: module.EnterpriseDetailPage })));
const ImportPage = lazy(() => import('./pages/ImportPage').then((module) => ({ default: module.ImportPage })));
const UsersPage = lazy(() => import('./pages/UsersPage').then((module) => ({ default: module.UsersPage })));

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
        <Route
          path="users"
          element={
            <Allow when={canManageUsers}>
              <UsersPage />
            </Allow>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
