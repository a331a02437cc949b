import { lazy } from 'react';
import { Route } from 'react-router';

const CaseListPage = lazy(() => import('../pages/services/CasePages').then((m) => ({ default: m.CaseListPage })));
const ProgrammeListPage = lazy(() => import('../pages/services/ProgrammePages').then((m) => ({ default: m.ProgrammeListPage })));
const ProgrammeDetailPage = lazy(() => import('../pages/services/ProgrammePages').then((m) => ({ default: m.ProgrammeDetailPage })));
const DirectoryPage = lazy(() => import('../pages/services/DirectoryPage').then((m) => ({ default: m.DirectoryPage })));
const CaseDetailPage = lazy(() => import('../pages/services/CasePages').then((m) => ({ default: m.CaseDetailPage })));

/** Routes of the service module (typical cases): a fragment of <Route>s that `routes.tsx` mounts inside the app layout. The public pages live in `PublicCasePages` (outside the log-in). */
export const servicesRoutes = (
  <>
    <Route path="cases" element={<CaseListPage />} />
    <Route path="cases/:id" element={<CaseDetailPage />} />
    <Route path="programmes" element={<ProgrammeListPage />} />
    <Route path="programmes/:id" element={<ProgrammeDetailPage />} />
    <Route path="service-directory" element={<DirectoryPage />} />
  </>
);
