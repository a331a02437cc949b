import { lazy } from 'react';
import { Route } from 'react-router';

const AssessmentHomePage = lazy(() => import('../pages/assessment/AssessmentHomePage').then((m) => ({ default: m.AssessmentHomePage })));
const ScreeningPage = lazy(() => import('../pages/assessment/ScreeningPage').then((m) => ({ default: m.ScreeningPage })));
const DigitalPage = lazy(() => import('../pages/assessment/DigitalPage').then((m) => ({ default: m.DigitalPage })));
const SolutionsPage = lazy(() => import('../pages/assessment/SolutionsPage').then((m) => ({ default: m.SolutionsPage })));
const DigitalStatsPage = lazy(() => import('../pages/assessment/DigitalStatsPage').then((m) => ({ default: m.DigitalStatsPage })));
const GradientWizardPage = lazy(() => import('../pages/assessment/GradientWizardPage').then((m) => ({ default: m.GradientWizardPage })));

/** Routes of the gradient evaluation, digital-transformation level, solution catalogue: a fragment of <Route>s that `routes.tsx` mounts inside the app layout. */
export const assessmentRoutes = (
  <>
    <Route path="assessment" element={<AssessmentHomePage />} />
    <Route path="assessment/gradient/:uscc" element={<GradientWizardPage />} />
    <Route path="assessment/screening" element={<ScreeningPage />} />
    <Route path="assessment/digital/:uscc" element={<DigitalPage />} />
    <Route path="assessment/solutions" element={<SolutionsPage />} />
    <Route path="assessment/stats" element={<DigitalStatsPage />} />
  </>
);
