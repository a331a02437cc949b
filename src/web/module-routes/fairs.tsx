import { lazy } from 'react';
import { Route } from 'react-router';

const FairListPage = lazy(() => import('../pages/FairListPage').then((m) => ({ default: m.FairListPage })));
const FairDetailPage = lazy(() => import('../pages/FairDetailPage').then((m) => ({ default: m.FairDetailPage })));
const FairTimetablePage = lazy(() => import('../pages/FairTimetablePage').then((m) => ({ default: m.FairTimetablePage })));

/** Routes of the matchmaking fairs (洽谈会) with the meeting scheduler: a fragment of <Route>s that `routes.tsx` mounts inside the app layout. */
export const fairsRoutes = (
  <>
    <Route path="fairs" element={<FairListPage />} />
    <Route path="fairs/:id" element={<FairDetailPage />} />
    <Route path="fairs/:id/timetable" element={<FairTimetablePage />} />
  </>
);
