import { lazy } from 'react';
import { Route } from 'react-router';

// Pages load on first visit.
const DealsPage = lazy(() => import('../pages/DealsPage').then((module) => ({ default: module.DealsPage })));
const RfqDetailPage = lazy(() => import('../pages/RfqDetailPage').then((module) => ({ default: module.RfqDetailPage })));

/** Routes of the match lifecycle (invite → negotiate → deal/decline) and RFQs with sealed quotes: a fragment of <Route>s that `routes.tsx` mounts inside the app layout. */
export const dealsRoutes = (
  <>
    <Route path="matching/deals" element={<DealsPage />} />
    <Route path="matching/rfqs/:id" element={<RfqDetailPage />} />
  </>
);
